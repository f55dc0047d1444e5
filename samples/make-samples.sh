#!/usr/bin/env bash
# Regenerates the sample MP3 files from their formulas (make-samples.py) with Debian's lame.
# Needs: python3 (stdlib only) and lame (apt-get install -y lame).
set -euo pipefail
cd "$(dirname "$0")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 make-samples.py "$work" >/dev/null
encode()
{
    local name="$1"
    shift
    lame --quiet --noreplaygain "$@" "$work/$name.wav" "$name.mp3"
}
encode sweep-44k1-stereo-cbr --cbr -b 192 -m j --resample 44.1
encode tone-48k-mono-cbr --cbr -b 128 -m m --resample 48
encode music-44k1-stereo-vbr -V 2 -m j --resample 44.1
encode sweep-48k-mono-vbr -V 4 -m m --resample 48
encode tone-44k1-mono-cbr --cbr -b 64 -m m --resample 44.1
encode tone-24k-stereo-cbr --cbr -b 64 -m j --resample 24
encode sweep-12k-mono-cbr --cbr -b 32 -m m --resample 12
ls -l ./*.mp3
