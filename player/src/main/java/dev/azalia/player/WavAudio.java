package dev.azalia.player;

import dev.azalia.hda.StreamFormat;
import dev.azalia.player.decode.InputException;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole WAV (or other Java Sound readable PCM) file in memory, in the layout the detectors read: interleaved
 * little-endian signed samples in 16-bit containers (16-bit files; 8-bit files widened) or 32-bit containers (24-bit
 * samples left-justified, 32-bit integer samples, 32-bit float samples converted). Immutable after reading; the
 * PCM array is owned by this object and must not be changed.
 *
 * @param path   the file.
 * @param format the stream format of {@code pcm}.
 * @param pcm    the samples.
 */
public record WavAudio(Path path, StreamFormat format, byte[] pcm)
{
    /**
     * Frames in the file.
     *
     * @return frames.
     */
    public int frames()
    {
        return pcm.length / format.frameBytes();
    }

    /**
     * Reads a file.
     *
     * @param path the file.
     * @return its audio.
     * @throws InputException (one line naming the file) if it is missing, unreadable, not audio Java Sound can
     *                        read, or in a format the detectors cannot take.
     */
    public static WavAudio read(final Path path) throws InputException
    {
        final String name = path.toString();
        if (Files.isDirectory(path))
        {
            throw new InputException(name + ": is a directory");
        }
        if (!Files.exists(path))
        {
            throw new InputException(name + ": no such file");
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(path.toFile()))
        {
            final AudioFormat f = in.getFormat();
            final byte[] raw = in.readAllBytes();
            return convert(path, f, raw);
        }
        catch (final UnsupportedAudioFileException e)
        {
            throw new InputException(name + ": not a WAV file (or any audio format Java Sound reads)", e);
        }
        catch (final IOException e)
        {
            throw new InputException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static WavAudio convert(final Path path, final AudioFormat f, final byte[] raw) throws InputException
    {
        final String name = path.toString();
        final int channels = f.getChannels();
        final int bits = f.getSampleSizeInBits();
        final float rate = f.getSampleRate();
        if (channels < 1 || channels > 16 || rate != Math.rint(rate) || bits <= 0 || f.getFrameSize() <= 0)
        {
            throw new InputException(name + ": unsupported audio format: " + f);
        }
        final AudioFormat.Encoding enc = f.getEncoding();
        final boolean signed = AudioFormat.Encoding.PCM_SIGNED.equals(enc);
        final boolean unsigned = AudioFormat.Encoding.PCM_UNSIGNED.equals(enc);
        final boolean floating = AudioFormat.Encoding.PCM_FLOAT.equals(enc);
        final int inBytes = (bits + 7) / 8;
        if (!(signed && (16 == bits || 24 == bits || 32 == bits) || unsigned && 8 == bits || floating && 32 == bits)
            || f.getFrameSize() != inBytes * channels)
        {
            throw new InputException(name + ": unsupported sample format (16, 24 or 32-bit PCM, 8-bit unsigned or "
                + "32-bit float only): " + f);
        }
        final int outBits = 8 == bits ? 16 : bits;
        final StreamFormat format;
        try
        {
            format = StreamFormat.of((int)rate, outBits, channels);
        }
        catch (final IllegalArgumentException e)
        {
            throw new InputException(name + ": unsupported format: " + e.getMessage(), e);
        }
        final int samples = raw.length / inBytes / channels * channels;
        final int outBytes = format.containerBytes();
        final byte[] pcm = new byte[samples * outBytes];
        final boolean big = f.isBigEndian();
        for (int i = 0; i < samples; i++)
        {
            long v = 0;
            for (int b = 0; b < inBytes; b++)
            {
                final int at = i * inBytes + (big ? inBytes - 1 - b : b);
                v |= (long)(raw[at] & 0xff) << (8 * b);
            }
            final int out;
            if (unsigned)
            {
                out = ((int)v - 128) << 8;
            }
            else if (floating)
            {
                final double d = Float.intBitsToFloat((int)v) * 2147483648.0;
                out = (int)Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(d)));
            }
            else if (24 == bits)
            {
                // left-justify in the 32-bit container
                out = (int)(v << 8);
            }
            else
            {
                out = (int)v;
            }
            for (int b = 0; b < outBytes; b++)
            {
                pcm[i * outBytes + b] = (byte)(out >> (8 * b));
            }
        }
        return new WavAudio(path, format, pcm);
    }
}
