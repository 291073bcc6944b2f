#!/usr/bin/env bash
# One measured stream: serve -> impair -> play, as three processes on loopback.
# usage: run-impaired.sh OUTDIR LOSS BURST FEC [extra play options...]
#   LOSS like 5%, BURST 0 for random loss or the mean burst length, FEC a --fec scheme (none to turn it off).
#   Set NACK=off to disable retransmission (play --no-nack).
# Writes OUTDIR/play.json (the run report) and OUTDIR/out.wav; prints the play summary and the
# serve pacing line. Run from the repository root after `mvn -q -pl livestream -am package -DskipTests`.
set -euo pipefail
out=$1; loss=$2; burst=$3; fec=$4; shift 4
jar=livestream/target/livestream.jar
mkdir -p "$out"
rm -rf "$out"/*
pids=()
trap 'for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done' EXIT
wait_line() { for _ in $(seq 1 100); do grep -q "listening on" "$1" 2>/dev/null && return 0; sleep 0.1; done; echo "timeout waiting for $1" >&2; return 1; }
java -jar $jar serve --audio samples/media/sample.wav --frames samples/media/frames --port 0 --fec "$fec" \
    > "$out/serve.out" 2> "$out/serve.log" &
serve=$!
pids+=("$serve")
wait_line "$out/serve.out"
sport=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$out/serve.out")
java -jar $jar impair --listen 0 --to "127.0.0.1:$sport" --loss "$loss" --burst "$burst" --delay 10ms --seed 7 \
    > "$out/impair.out" 2> "$out/impair.log" &
impair=$!
pids+=("$impair")
wait_line "$out/impair.out"
iport=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$out/impair.out")
play_opts=()
if [ "${NACK:-on}" = off ]; then play_opts+=(--no-nack); fi
java -jar $jar play "127.0.0.1:$iport" --out-audio "$out/out.wav" --out-frames "$out/frames" \
    --reference samples/media/sample.wav --report "$out/play.json" --no-progress ${play_opts[@]+"${play_opts[@]}"} "$@" \
    | tee "$out/play.out" || true
wait $serve || true
tail -1 "$out/serve.out"
kill -TERM $impair; wait $impair || true
