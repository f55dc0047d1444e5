#!/usr/bin/env python3
# Trims a Linux capture directory (mmiotrace.txt, hda-events.txt) into the small conformance fixtures:
#   python3 trim-capture.py CAPTURE_DIR OUT_PREFIX    (e.g. .../linux-trace/ich9 ich9)
import sys
# It keeps the header, the probe's first 120 accesses, PLAY1 with its set-up, start,
# the lead entry's interrupt and 3 period interrupts, stop and close; the verb events of the same time windows.
src, out = sys.argv[1], sys.argv[2]
lines = open(src + '/mmiotrace.txt').read().splitlines()
keep = []
mode = 'head'; n = 0; irq = 0; windows = []; start = None
def t(l): 
    f = l.split(); return float(f[2] if f[0] in 'RW' else f[1])
for l in lines:
    f = l.split()
    if not f: continue
    if f[0] == 'MARK':
        name = f[2]
        if name == 'MARK_INSMOD_HDA_INTEL': mode = 'probe'; n = 0; keep.append(l); start = t(l); continue
        if name == 'MARK_PROBE_DONE': keep.append(l); mode = 'skip'; continue
        if name == 'MARK_PLAY1_BEGIN': keep.append(l); mode = 'play'; start = t(l); continue
        if name == 'MARK_PLAY1_END': keep.append(l); windows.append((start, t(l))); keep.append('MARK %.6f MARK_END' % (t(l) + 0.001)); break
        if mode in ('head',): keep.append(l)
        continue
    if mode == 'head': keep.append(l)
    elif mode == 'probe':
        n += 1
        if n <= 120: keep.append(l); last = t(l)
        elif n == 121: windows.append((start, last))
    elif mode == 'play':
        if f[0] == 'R' and int(f[4], 16) & 0xfff == 0x24 and int(f[5], 16) & 0x3fffffff: irq += 1
        if irq <= 4: keep.append(l); last = t(l)
        elif mode == 'play' and f[0] == 'R' and int(f[4], 16) & 0xfff in (0x34, 0x38):
            windows.append((start, last)); mode = "tail"; start = t(l) - 0.001; keep.append(l)
    elif mode == 'tail': keep.append(l)
open(out + '-mmiotrace.txt', 'w').write('\n'.join(keep) + '\n')
ev = []
for l in open(src + '/hda-events.txt').read().splitlines():
    if not l.strip(): continue
    tt = float(l.split(': ')[0].split()[-1])
    if any(a <= tt <= b for a, b in windows): ev.append(l)
open(out + '-hda-events.txt', 'w').write('\n'.join(ev) + '\n')
print(windows)
