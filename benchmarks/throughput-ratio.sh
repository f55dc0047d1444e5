#!/usr/bin/env bash
# Whole-process throughput ratio: bare decoding (BareDecode) against the player on the virtual clock into the null
# sink, the two processes alternating, RUNS times each; prints each pair's wall times and ratio, then the min,
# median and max of the ratios (bare / player: 1.0 means the player costs nothing beyond decoding).
# Usage: benchmarks/throughput-ratio.sh FILE [RUNS]   (from the repository root, after ./mvnw -DskipTests package)
# The jars can be overridden with PLAYER_JAR=... BENCH_JAR=...; extra player options with PLAYER_OPTS="...";
# PLAYER_CMD=./play times the launcher itself (with the class-data archive it builds) instead of java -jar.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
file="${1:?usage: throughput-ratio.sh FILE [RUNS]}"
runs="${2:-3}"
player="${PLAYER_JAR:-$root/player/target/azalia-player.jar}"
bench="${BENCH_JAR:-$root/benchmarks/target/benchmarks.jar}"
now() { date +%s%N; }
ratios=()
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 1; i <= runs; i++)); do
    t0=$(now)
    java -cp "$bench" dev.azalia.bench.BareDecode "$file" >/dev/null
    t1=$(now)
    if [[ -n "${PLAYER_CMD:-}" ]]; then
        # shellcheck disable=SC2086
        $PLAYER_CMD --clock virtual --out null --quiet ${PLAYER_OPTS:-} "$file" >/dev/null
    else
        # shellcheck disable=SC2086
        java -jar "$player" --clock virtual --out null --quiet ${PLAYER_OPTS:-} "$file" >/dev/null
    fi
    t2=$(now)
    bare=$(( (t1 - t0) / 1000000 ))
    play=$(( (t2 - t1) / 1000000 ))
    ratio=$(awk -v b="$bare" -v p="$play" 'BEGIN { printf "%.3f", b / p }')
    ratios+=("$ratio")
    echo "run $i: bare ${bare} ms, player ${play} ms, ratio $ratio (load $(cut -d' ' -f1 /proc/loadavg))"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ r[NR] = $1 } END {
    m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
    printf "ratio min %.3f, median %.3f, max %.3f over %d runs\n", r[1], m, r[NR], NR }'
