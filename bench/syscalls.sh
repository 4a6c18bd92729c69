#!/usr/bin/env bash
# System calls and futex calls per echo, counted by perf (tracepoints raw_syscalls:sys_enter and
# syscalls:sys_enter_futex) in the server process while the C driver (bench/driver-c/wsload.c)
# runs: counts, not times, so a busy machine moves them far less than it moves msgs/s.
#
#   bench/syscalls.sh                       # wssocket, wssocket-onloop, netty; 64 B w1, 64 B w16, 16 KiB w4
#   bench/syscalls.sh --servers "wssocket netty" --seconds 8
#
# Needs perf with tracepoint access (perf stat -e raw_syscalls:sys_enter -- true) and cc; builds
# like run.sh unless --skip-build. Server on CPU 1, driver on CPU 0; the server JVM runs with
# -Xmx2g and its JVM's defaults (set JAVA to pick the JVM). Prints a Markdown table.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(dirname "$BENCH_DIR")"
JAVA="${JAVA:-java}"
SERVERS="wssocket wssocket-onloop netty"
SECONDS_MEASURED=8
SKIP_BUILD=0
while (( $# )); do
  case "$1" in
    --servers) SERVERS="$2"; shift 2 ;;
    --seconds) SECONDS_MEASURED="$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "syscalls.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
command -v perf >/dev/null || { echo "syscalls.sh: needs perf (apt-get install linux-perf)" >&2; exit 2; }
perf stat -e raw_syscalls:sys_enter -- true >/dev/null 2>&1 \
  || { echo "syscalls.sh: perf cannot read tracepoints here (perf_event_paranoid, or a container without them)" >&2; exit 2; }

CLASSPATH_FILE="$BENCH_DIR/target/classpath.txt"
if [[ "$SKIP_BUILD" != 1 ]]; then
  (cd "$ROOT_DIR" && mvn -q -B -Dmaven.test.skip=true -pl bench -am package dependency:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$CLASSPATH_FILE")
fi
WSLOAD="$BENCH_DIR/target/wsload"
cc -O2 -std=c11 -Wall -Wextra -Werror -o "$WSLOAD" "$BENCH_DIR/driver-c/wsload.c"
CP="$BENCH_DIR/target/classes:$(cat "$CLASSPATH_FILE")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

server_args() {
  case "$1" in
    wssocket) echo "io.wssocket.bench.WsSocketEchoServer" ;;
    wssocket-onloop) echo "-Dwssocket.callbacks-on-loop=true io.wssocket.bench.WsSocketEchoServer" ;;
    netty) echo "io.wssocket.bench.NettyEchoServer" ;;
    *) echo "syscalls.sh: no such server $1 (wssocket, wssocket-onloop, netty)" >&2; exit 2 ;;
  esac
}

# one server, one case: prints "| server | case | msgs/s | CPU µs/msg | syscalls/msg | futex/msg |"
measure() {
  local server=$1 label=$2 window=$3 size=$4 mode=$5
  mkfifo "$WORK/in"
  exec 3<>"$WORK/in"
  # shellcheck disable=SC2046
  taskset -c 1 "$JAVA" -Xmx2g -cp "$CP" $(server_args "$server") --host 127.0.0.1 --port 0 \
      <"$WORK/in" >"$WORK/out" 2>"$WORK/err" &
  local pid=$! port=""
  for _ in $(seq 1 240); do
    port=$(awk '/^READY/ {print $2}' "$WORK/out" 2>/dev/null || true)
    [[ -n "$port" ]] && break
    sleep 0.5
  done
  [[ -n "$port" ]] || { echo "syscalls.sh: $server did not start" >&2; cat "$WORK/err" >&2; kill "$pid"; exit 1; }
  taskset -c 0 "$WSLOAD" --warmup 3 --duration 1 --window "$window" --size "$size" $mode --port "$port" >/dev/null 2>&1
  perf stat -x, -e raw_syscalls:sys_enter -e syscalls:sys_enter_futex -p "$pid" -o "$WORK/perf" \
      -- sleep "$SECONDS_MEASURED" &
  local perf_pid=$!
  local result
  result=$(taskset -c 0 "$WSLOAD" --warmup 0 --duration $((SECONDS_MEASURED + 1)) --window "$window" --size "$size" \
      $mode --port "$port" --server-pid "$pid" 2>/dev/null | grep '^RESULT')
  wait "$perf_pid"
  python3 - "$server" "$label" "$result" "$WORK/perf" "$SECONDS_MEASURED" <<'PY'
import re, sys
server, label, result, perf, seconds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
field = lambda name: float(re.search(name + r'=([\d.]+)', result).group(1))
counts = {}
for line in open(perf):
    parts = line.strip().split(',')
    if len(parts) > 2 and parts[0].replace('.', '').isdigit():
        counts[parts[2]] = float(parts[0])
mps = field('msgs_per_s')
sys_per = counts['raw_syscalls:sys_enter'] / (mps * seconds)
futex_per = counts['syscalls:sys_enter_futex'] / (mps * seconds)
print(f"| {server} | {label} | {mps:,.0f} | {field('cpu_us_per_msg'):.2f} | {sys_per:.2f} | {futex_per:.2f} |")
PY
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  exec 3>&-
  rm -f "$WORK/in"
}

echo "| server | case | msgs/s | server CPU µs/msg | system calls/msg | of them futex |"
echo "|---|---|---|---|---|---|"
for server in $SERVERS; do
  measure "$server" "64 B text, window 1" 1 64 ""
  measure "$server" "64 B text, window 16" 16 64 ""
  measure "$server" "16 KiB binary, window 4" 4 16384 "--binary"
done
