#!/bin/bash
# scp.sh [ROUNDS]: times netlab against scp on loopback, whole commands, alternating, medians:
#   a 1-byte file: `filetransfer send` (plain) against scp;
#   a 1 GiB file:  `filetransfer send --tls` against scp (both encrypt).
# scp runs against a private sshd on 127.0.0.1 (a free port, throw-away ed25519 host and user keys,
# the SFTP subsystem that scp uses by default), which the script starts and stops. netlab runs
# through bin/filetransfer (FILETRANSFER="java -jar filetransfer/target/filetransfer.jar" for the
# plain jar) against servers it starts on free loopback ports. Needs openssh-server (sshd) and
# openssh-client; run as root or as a user sshd lets in, from the project root after
# `mvn -q package -DskipTests`.
set -euo pipefail
rounds=${1:-5}
FT=${FILETRANSFER:-bin/filetransfer}
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$SSHD" ] || { echo "sshd not found: apt-get install openssh-server"; exit 2; }
TMP=$(mktemp -d); PIDS=()
cleanup() {
  set +e
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  [ -f "$TMP/sshd.pid" ] && kill "$(cat "$TMP/sshd.pid")" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
now() { date +%s.%N; }
# timed NAME CMD...: appends CMD's wall time to NAME.t and its CPU-s (user + sys) to NAME.cpu
timed() { local n=$1; shift; /usr/bin/time -f '%e %U %S' -o "$TMP/time" "$@" > /dev/null 2>> "$TMP/err"
  read -r w u s < <(tail -1 "$TMP/time"); echo "$w" >> "$TMP/$n.t"; echo "$u + $s" | bc >> "$TMP/$n.cpu"; }

mkdir -p /run/sshd "$TMP/in" "$TMP/plain" "$TMP/tls"
ssh-keygen -q -t ed25519 -N "" -f "$TMP/host"; ssh-keygen -q -t ed25519 -N "" -f "$TMP/user"
SP=$(free_port)
printf 'Port %s\nListenAddress 127.0.0.1\nHostKey %s/host\nAuthorizedKeysFile %s/user.pub\nPidFile %s/sshd.pid\nPasswordAuthentication no\nStrictModes no\nSubsystem sftp internal-sftp\n' \
  "$SP" "$TMP" "$TMP" "$TMP" > "$TMP/sshd_config"
"$SSHD" -f "$TMP/sshd_config"
SCP=(scp -q -i "$TMP/user" -P "$SP" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR)
# start VAR DIR ARGS...: a server in the background (not in a subshell, so cleanup can stop it); its port in VAR
start() { local var=$1 dir=$2 port; shift 2; $FT serve --dir "$dir" --port 0 "$@" > "$dir.out" 2>> "$TMP/err" & PIDS+=($!)
  for _ in $(seq 1 600); do port=$(sed -n 's/.*listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$dir.out" | head -1)
    [ -n "$port" ] && { printf -v "$var" '%s' "$port"; return; }; sleep 0.1; done
  echo "server did not start"; cat "$TMP/err"; exit 1; }
ME=$(id -un)
start PP "$TMP/plain"; start TP "$TMP/tls" --tls --tls-identity "$TMP/identity.p12"
ONE=$TMP/one.bin; head -c 1 /dev/urandom > "$ONE"
BIG=/tmp/peers-1gib.bin; [ -f $BIG ] && [ $(stat -c %s $BIG) = 1073741824 ] || head -c 1G /dev/urandom > $BIG
"${SCP[@]}" "$ONE" "$ME@127.0.0.1:$TMP/in/warm"               # host keys, page cache: not timed
for i in 1 2; do $FT send 127.0.0.1:$PP "$ONE" --to warm$i --no-progress > /dev/null; done
$FT send 127.0.0.1:$TP --tls "$ONE" --to warm --no-progress --known-servers "$TMP/known" > /dev/null 2>&1
for r in $(seq 1 "$rounds"); do
  timed scp1 "${SCP[@]}" "$ONE" "$ME@127.0.0.1:$TMP/in/one$r"
  timed netlab1 $FT send 127.0.0.1:$PP "$ONE" --to one$r --no-progress
  timed scpbig "${SCP[@]}" $BIG "$ME@127.0.0.1:$TMP/in/big"; rm -f "$TMP/in/big"
  timed netlabtls $FT send 127.0.0.1:$TP --tls $BIG --to big$r --no-progress --known-servers "$TMP/known"; rm -rf "$TMP/tls/big$r"
  cmp -s "$ONE" "$TMP/plain/one$r/one.bin" || { echo "netlab's 1-byte file differs"; exit 1; }
done
report() { printf '%-26s netlab %.3f s (%.2f CPU-s)   scp %.3f s (%.2f CPU-s)   netlab/scp = %.2f\n' "$1" \
  $(median < "$TMP/$2.t") $(median < "$TMP/$2.cpu") $(median < "$TMP/$3.t") $(median < "$TMP/$3.cpu") \
  $(echo "$(median < "$TMP/$2.t") / $(median < "$TMP/$3.t")" | bc -l); }
report "1 byte, send vs scp:" netlab1 scp1
report "1 GiB, send --tls vs scp:" netlabtls scpbig
