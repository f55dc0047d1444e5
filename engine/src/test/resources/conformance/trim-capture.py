#!/usr/bin/env python3
# Trims a Linux capture directory (mmiotrace.txt, hda-events.txt) into the small conformance fixtures:
#   python3 trim-capture.py CAPTURE_DIR OUT_PREFIX PROBE
# PROBE is "full" (keep the whole probe, INSMOD to PROBE_DONE) or "none" (drop it: the file starts at PLAY1).
# It keeps the header, PLAY1 with its set-up, start, the lead entry's interrupt and 3 period interrupts, stop and
# close (and every MAP/UNMAP line), ends with a MARK_END, and keeps the tracepoint events of the same time windows.
import sys

src, out, probe = sys.argv[1], sys.argv[2], sys.argv[3]
lines = open(src + '/mmiotrace.txt').read().splitlines()
keep, windows = [], []
mode, irq, start, last = 'head', 0, None, None


def t(line):
    f = line.split()
    return float(f[2] if f[0] in ('R', 'W') else f[1])


for line in lines:
    f = line.split()
    if not f:
        continue
    if f[0] == 'MARK':
        name = f[2]
        if name == 'MARK_INSMOD_HDA_INTEL':
            mode = 'probe' if probe == 'full' else 'skip'
            start = t(line)
            if probe == 'full':
                keep.append(line)
            continue
        if name == 'MARK_PROBE_DONE':
            if probe == 'full':
                keep.append(line)
                windows.append((start, t(line)))
            mode = 'skip'
            continue
        if name == 'MARK_PLAY1_BEGIN':
            keep.append(line)
            mode, start = 'play', t(line)
            continue
        if name == 'MARK_PLAY1_END':
            keep.append(line)
            windows.append((start, t(line)))
            keep.append('MARK %.6f MARK_END' % (t(line) + 0.001))
            break
        if mode == 'head':
            keep.append(line)
        continue
    if mode in ('head', 'probe') or f[0] in ('MAP', 'UNMAP'):
        keep.append(line)
    elif mode == 'play':
        if f[0] == 'R' and int(f[4], 16) & 0xfff == 0x24 and int(f[5], 16) & 0x3fffffff:
            irq += 1
        if irq <= 4:
            keep.append(line)
            last = t(line)
        elif f[0] == 'R' and int(f[4], 16) & 0xfff in (0x34, 0x38):
            # the stop: from just before its trigger event to the end of the play
            windows.append((start, last))
            mode, start = 'tail', t(line) - 0.001
            keep.append(line)
    elif mode == 'tail':
        keep.append(line)
open(out + '-mmiotrace.txt', 'w').write('\n'.join(keep) + '\n')
events = []
for line in open(src + '/hda-events.txt').read().splitlines():
    if line.strip():
        when = float(line.split(': ')[0].split()[-1])
        if any(a <= when <= b for a, b in windows):
            events.append(line)
open(out + '-hda-events.txt', 'w').write('\n'.join(events) + '\n')
