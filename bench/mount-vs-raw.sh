#!/usr/bin/env bash
# Side by side, in one run, on one embedded S3 server (file store on tmpfs): a file copied into the
# mount with cp and read back with dd after a remount, against the raw CRT client doing the same
# object operations at its best (parallel multipart up, parallel ranged GETs down). Prints MB/s and
# the ratios. Usage: bench/mount-vs-raw.sh [SIZE_MIB=1024]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SIZE_MIB=${1:-1024}
WORK=$(mktemp -d /dev/shm/fluxfs-mvr.XXXXXX)
MNT=$(mktemp -d /tmp/fluxfs-mvr-mnt.XXXXXX)
S3PID=""
cleanup() {
  if grep -q " $MNT " /proc/mounts; then "$ROOT/fluxfs" unmount "$MNT" >/dev/null 2>&1 || fusermount -u "$MNT" || true; fi
  [[ -n "$S3PID" ]] && kill "$S3PID" 2>/dev/null && wait "$S3PID" 2>/dev/null || true
  rm -rf "$WORK" "$MNT"
}
trap cleanup EXIT

(cd "$ROOT" && mvn -q -B -DskipTests package -pl bench -am)
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -cp "$CP" io.fluxfs.testkit.s3.EmbeddedS3Launcher --port "$PORT" --data "$WORK/s3" --bucket bench > "$WORK/s3.log" 2>&1 &
S3PID=$!
for _ in $(seq 1 300); do grep -q 'ready:' "$WORK/s3.log" && break; sleep 0.1; done
line=$(grep 'ready:' "$WORK/s3.log")
export AWS_ACCESS_KEY_ID=$(sed 's/.*accessKey=\([^ ]*\).*/\1/' <<<"$line")
export AWS_SECRET_ACCESS_KEY=$(sed 's/.*secretKey=\([^ ]*\).*/\1/' <<<"$line")
EP="http://127.0.0.1:$PORT"

head -c $((SIZE_MIB << 20)) /dev/urandom > "$WORK/src.bin"
want=$(sha256sum "$WORK/src.bin" | cut -c1-16)
secs() { python3 -c "import time; print(time.monotonic())"; }
mbps() { python3 -c "print(f'{$SIZE_MIB*1048576/($2-$1)/1e6:.1f}')"; }

raw() { java -cp "$CP" io.fluxfs.bench.RawS3Copy "$@" | grep "^raw "; }
raw_up=$(raw up "$EP" bench raw.bin "$WORK/src.bin" 8 16 | sed 's/.*= \([0-9.]*\) MB.*/\1/')
raw_down=$(raw down "$EP" bench raw.bin "$WORK/raw-out.bin" 8 16 | sed 's/.*= \([0-9.]*\) MB.*/\1/')
[[ "$(sha256sum "$WORK/raw-out.bin" | cut -c1-16)" == "$want" ]] || { echo "raw read back different bytes" >&2; exit 1; }
rm -f "$WORK/raw-out.bin"

"$ROOT/fluxfs" mount --endpoint "$EP" --cache-dir "$WORK/cache" bench "$MNT" >/dev/null
t0=$(secs); cp "$WORK/src.bin" "$MNT/fluxfs.bin"; t1=$(secs)
"$ROOT/fluxfs" unmount "$MNT" >/dev/null
"$ROOT/fluxfs" mount --endpoint "$EP" --cache-dir "$WORK/cache" bench "$MNT" >/dev/null
t2=$(secs); dd if="$MNT/fluxfs.bin" of="$WORK/out.bin" bs=1M status=none; t3=$(secs)
[[ "$(sha256sum "$WORK/out.bin" | cut -c1-16)" == "$want" ]] || { echo "the mount read back different bytes" >&2; exit 1; }
mount_up=$(mbps "$t0" "$t1"); mount_down=$(mbps "$t2" "$t3")

printf '%-28s %10s %10s %8s\n' "${SIZE_MIB} MiB, sha256 ok" "raw MB/s" "mount MB/s" "ratio"
printf '%-28s %10s %10s %8s\n' "write (cp in, until closed)" "$raw_up" "$mount_up" "$(python3 -c "print(f'{$mount_up/$raw_up:.2f}')")"
printf '%-28s %10s %10s %8s\n' "read after remount (dd out)" "$raw_down" "$mount_down" "$(python3 -c "print(f'{$mount_down/$raw_down:.2f}')")"
