#!/bin/bash
# floor.sh [ROUNDS]: how fast can Java move 1 GiB disk to disk over loopback with NO verification?
# Times FloorPair.java (sendfile -> one direct buffer -> pwrite, fresh sender JVM each run) and
# the same with one CRC32C pass on the receiver, alternating with nc, like peers.sh. Compare with
# peers.sh big: the difference is what netlab's protocol and verification cost on these cores.
set -u
rounds=${1:-5}
for t in nc javac bc python3; do command -v $t >/dev/null || { echo "missing $t"; exit 2; }; done
TMP=$(mktemp -d); PIDS=()
trap 'for p in "${PIDS[@]:-}"; do kill $p 2>/dev/null; done; rm -rf "$TMP"' EXIT
javac -d "$TMP/cls" "$(dirname "$0")/FloorPair.java" || exit 2
now() { date +%s.%N; }
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
F=/tmp/peers-1gib.bin; [ -f $F ] && [ $(stat -c %s $F) = 1073741824 ] || head -c 1G /dev/urandom > $F
mkdir -p "$TMP/plain" "$TMP/crc"
P1=$(free_port); java -cp "$TMP/cls" FloorPair serve $P1 "$TMP/plain" > /dev/null & PIDS+=($!)
P2=$(free_port); java -cp "$TMP/cls" FloorPair serve $P2 "$TMP/crc" crc > /dev/null & PIDS+=($!)
sleep 1
for r in $(seq 1 $rounds); do
  NP=$(free_port); nc -l -p $NP > "$TMP/nc.bin" & NCP=$!; sleep 0.3
  t0=$(now); nc -N 127.0.0.1 $NP < $F; wait $NCP; t1=$(now); echo "$t1 - $t0" | bc >> "$TMP/nc.t"; rm -f "$TMP/nc.bin"
  t0=$(now); java -cp "$TMP/cls" FloorPair send $P1 $F; t1=$(now); echo "$t1 - $t0" | bc >> "$TMP/java.t"; rm -f "$TMP/plain/"*
  t0=$(now); java -cp "$TMP/cls" FloorPair send $P2 $F; t1=$(now); echo "$t1 - $t0" | bc >> "$TMP/crc.t"; rm -f "$TMP/crc/"*
done
for k in nc java crc; do printf '%-5s median %.3f s  (%s)\n' $k $(median < "$TMP/$k.t") "$(tr '\n' ' ' < "$TMP/$k.t")"; done
