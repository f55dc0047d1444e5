#!/usr/bin/env python3
"""Synthesise the source PCM of every sample as a 16-bit WAV file.

Usage: make-samples.py OUTDIR

Every signal is a closed formula of the frame index n (t = n / rate) so a test can rebuild the exact source
without the WAV files. Values are rounded half away from zero after scaling by 32767 and clipped to 16 bits.
The same formulas live in the player's tests (SampleSignals); change both together.
"""
import math
import struct
import sys
import wave


def quantize(value):
    scaled = value * 32767.0
    q = int(math.floor(abs(scaled) + 0.5))
    q = q if scaled >= 0 else -q
    return max(-32768, min(32767, q))


def exp_sweep(t, f0, f1, duration):
    k = math.log(f1 / f0)
    return math.sin(2.0 * math.pi * f0 * duration / k * (math.exp(t / duration * k) - 1.0))


def gated_tone(t, freq, on_s, off_s, fade_s):
    """A tone that is on for on_s seconds, then off for off_s, repeating, with raised-cosine fades."""
    cycle = on_s + off_s
    u = math.fmod(t, cycle)
    if u >= on_s:
        return 0.0
    gain = 1.0
    if u < fade_s:
        gain = 0.5 - 0.5 * math.cos(math.pi * u / fade_s)
    elif u > on_s - fade_s:
        gain = 0.5 - 0.5 * math.cos(math.pi * (on_s - u) / fade_s)
    return gain * math.sin(2.0 * math.pi * freq * t)


MELODY = [261.63, 329.63, 392.00, 523.25, 440.00, 349.23, 293.66, 392.00]
BASS = [65.41, 82.41, 98.00, 130.81, 110.00, 87.31, 73.42, 98.00]


def note(t, notes, note_s, harmonics, decay):
    index = int(math.floor(t / note_s))
    freq = notes[index % len(notes)]
    u = t - index * note_s
    attack = min(1.0, u / 0.01)
    envelope = attack * math.exp(-decay * u)
    value = 0.0
    for h in range(1, harmonics + 1):
        value += math.sin(2.0 * math.pi * freq * h * u) / h
    return envelope * value


def music_left(t):
    return 0.35 * note(t, MELODY, 0.5, 4, 3.0) + 0.15 * note(t, BASS, 1.0, 3, 1.5)


def music_right(t):
    return 0.20 * note(t, MELODY, 0.5, 4, 3.0) + 0.30 * note(t, BASS, 1.0, 3, 1.5)


# name: (rate, frames, [channel formulas of t])
SIGNALS = {
    "sweep-44k1-stereo-cbr": (44100, 352923, [
        lambda t: 0.5 * exp_sweep(t, 200.0, 8000.0, 8.0),
        lambda t: 0.4 * math.sin(2.0 * math.pi * 440.0 * t)]),
    "tone-48k-mono-cbr": (48000, 288077, [
        lambda t: 0.4 * gated_tone(t, 997.0, 1.0, 0.5, 0.005) + 0.25 * gated_tone(t, 1499.0, 1.0, 0.5, 0.005)]),
    "music-44k1-stereo-vbr": (44100, 441555, [music_left, music_right]),
    "sweep-48k-mono-vbr": (48000, 336001, [
        lambda t: 0.5 * exp_sweep(t, 100.0, 12000.0, 7.0)]),
    "tone-44k1-mono-cbr": (44100, 264601, [
        lambda t: 0.5 * gated_tone(t, 660.0, 0.75, 0.25, 0.005)]),
    "tone-24k-stereo-cbr": (24000, 72011, [
        lambda t: 0.4 * gated_tone(t, 997.0, 0.5, 0.25, 0.005),
        lambda t: 0.3 * math.sin(2.0 * math.pi * 330.0 * t)]),
    "sweep-12k-mono-cbr": (12000, 36007, [
        lambda t: 0.5 * exp_sweep(t, 100.0, 4000.0, 3.0)]),
}


def main():
    outdir = sys.argv[1]
    for name, (rate, frames, channels) in SIGNALS.items():
        with wave.open(f"{outdir}/{name}.wav", "wb") as w:
            w.setnchannels(len(channels))
            w.setsampwidth(2)
            w.setframerate(rate)
            data = bytearray()
            for n in range(frames):
                t = n / rate
                for formula in channels:
                    data += struct.pack("<h", quantize(formula(t)))
            w.writeframes(bytes(data))
        print(f"{name}.wav {rate} {len(channels)} {frames}")


if __name__ == "__main__":
    main()
