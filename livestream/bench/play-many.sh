#!/usr/bin/env bash
# play-many.sh [N] [SECONDS]: one `livestream serve --loop` of samples/media/sample.wav (48 kHz
# stereo) and N separate `play --duration SECONDS` processes started at once (default 32 and 9 s),
# each a fresh JVM, as N listeners on one machine would be. A play is clean when it exits 0 with
# 0 packets concealed and 100.00 % played on time. Prints each play's CPU-s (user + sys) and
# wall time, their median, and how many played clean.
#   LIVESTREAM="java -jar livestream/target/livestream.jar" livestream/bench/play-many.sh   (without the launcher)
# Run from the repository root after `mvn -B -ntp -q package -DskipTests`.
set -uo pipefail
n=${1:-32}; seconds=${2:-9}
tool=${LIVESTREAM:-bin/livestream}
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
$tool serve --audio samples/media/sample.wav --port 0 --loop > "$work/serve.out" 2> "$work/serve.err" &
server=$!
for _ in $(seq 1 600); do
    address=$(sed -n 's/^listening on \([^ ]*\).*/\1/p' "$work/serve.out" | head -1)
    [ -n "$address" ] && break
    sleep 0.1
done
[ -n "$address" ] || { echo "serve did not start:"; cat "$work/serve.err"; exit 1; }
# One play first, not timed: it makes the start-up cache if the jar is new, as a user's first run would.
$tool play "$address" --duration 1s --no-progress > /dev/null 2>&1
load=$(cut -d" " -f1 /proc/loadavg)
pids=()
for i in $(seq 1 "$n"); do
    /usr/bin/time -f '%e %U %S' -o "$work/time.$i" $tool play "$address" --duration "${seconds}s" --no-progress \
        > "$work/play.$i" 2>&1 &
    pids+=($!)
done
clean=0
for i in $(seq 1 "$n"); do
    wait "${pids[$((i - 1))]}"; code=$?
    read -r wall user sys < <(tail -1 "$work/time.$i")
    cpu=$(echo "$user + $sys" | bc)
    echo "$cpu" >> "$work/cpu"
    line=$(grep -m1 'audio packets' "$work/play.$i")
    if [ "$code" = 0 ] && echo "$line" | grep -q ' 0 concealed (100.00% played on time)'; then
        clean=$((clean + 1)); verdict=clean
    else
        verdict="NOT clean (exit $code)"
    fi
    echo "play $i: ${cpu} CPU-s, ${wall} s wall, $verdict: $(echo "$line" | grep -o '[0-9]* concealed ([0-9.]*% played on time)')"
done
median=$(sort -g "$work/cpu" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
echo "$clean of $n played clean; CPU-s per play: median $median, max $(sort -g "$work/cpu" | tail -1); load at start: $load"
