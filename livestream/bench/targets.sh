#!/usr/bin/env bash
# The issue's loss targets, each with default settings and with FEC and retransmission off, and
# the no-loss run whose output must equal the source bit for bit (the bit-exact column).
# usage: livestream/bench/targets.sh [OUTDIR]   (from the repository root, after building the jar)
# Prints one line per run and writes OUTDIR/<case>/play.json; compare them with
#   java -jar livestream/target/livestream.jar compare OUTDIR/*/play.json
set -uo pipefail
dir=${1:-/tmp/livestream-targets}
here=$(dirname "$0")
run() { # name loss burst fec nack
    NACK=$5 bash "$here/run-impaired.sh" "$dir/$1" "$2" "$3" "$4" > "$dir/$1.log" 2>&1
    python3 - "$dir/$1/play.json" "$1" "$dir/$1/out.wav" <<'PY'
import json, sys, wave
r = json.load(open(sys.argv[1]))['result']
def pcm(path):
    with wave.open(path) as w:
        return w.readframes(w.getnframes())
try:
    exact = 'yes' if pcm(sys.argv[3]) == pcm('samples/media/sample.wav') else 'no'
except (OSError, wave.Error):
    exact = 'no output'
e = r['expected'] or 1
print(f"{sys.argv[2]:<22} lost {100*r['lost']/e:5.2f}%  fec {r['recoveredByFec']:4d}  rtx {r['recoveredByRetransmit']:4d}  "
      f"concealed {r['concealed']:4d} (residual {r['residualLossPercent']:.2f}%, on time {r['playedOnTimePercent']:.2f}%)  "
      f"latency p50/p99/max {r['latencyMs']['p50']:.0f}/{r['latencyMs']['p99']:.0f}/{r['latencyMs']['max']:.0f} ms  "
      f"SNR {r['snrDb'] if isinstance(r['snrDb'], str) else round(r['snrDb'], 1)} dB  frames {r['frames']['complete']}/{r['frames']['frozen']} frozen  "
      f"outputFrames {r['outputAudioFrames']}  bit-exact {exact}")
PY
}
mkdir -p "$dir"
run loss0-default      0%  0 rs:10+2    on
run loss5-default      5%  0 rs:10+2    on
run loss5-off          5%  0 none       off
run loss10-default     10% 0 rs:10+2    on
run loss10-off         10% 0 none       off
run loss20-burst5      20% 5 rs:10+2    on
run loss20-burst5-off  20% 5 none       off
