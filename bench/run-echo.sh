#!/usr/bin/env bash
# Echo benchmark: 64-byte text echo over 100 connections, messages per second, for WS Socket and
# peer servers in the same run, with the same load driver and the same JVM options.
#
# Each round starts every server in turn (pinned to one core), runs the driver (pinned to the
# other core) once per window, and stops the server. RESULT lines go to
# bench/results/echo-<timestamp>.txt; a summary table is printed at the end.
# See bench/README.md.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(dirname "$BENCH_DIR")"

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-5}"
CONNECTIONS="${CONNECTIONS:-100}"
SIZE="${SIZE:-64}"
WINDOWS="${WINDOWS:-1 16}"
SERVERS="${SERVERS:-wssocket jetty}"
SERVER_CPU="${SERVER_CPU:-1}"
DRIVER_CPU="${DRIVER_CPU:-0}"
SKIP_BUILD="${SKIP_BUILD:-0}"
READY_TIMEOUT_S="${READY_TIMEOUT_S:-60}"

# The same options for every server JVM; the driver has its own.
SERVER_JVM_OPTS=(-Xms512m -Xmx512m -XX:+UseParallelGC)
DRIVER_JVM_OPTS=(-Xms256m -Xmx256m -XX:+UseParallelGC)

if [[ -z "${JAVA:-}" ]]; then
  if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
fi

usage() {
  cat <<EOF
usage: bench/run-echo.sh [options]      (each option can also be set by the env var in brackets)
  --rounds N          rounds; each runs every server once             [ROUNDS=$ROUNDS]
  --duration S        measured seconds per driver run                 [DURATION=$DURATION]
  --warmup S          warmup seconds per driver run                   [WARMUP=$WARMUP]
  --connections C     WebSocket connections                           [CONNECTIONS=$CONNECTIONS]
  --size S            message payload bytes                           [SIZE=$SIZE]
  --windows "W ..."   messages in flight per connection, one run each [WINDOWS="$WINDOWS"]
  --servers "S ..."   servers, in the order run within a round        [SERVERS="$SERVERS"]
  --skip-build        reuse the last build                            [SKIP_BUILD=1]
Also: SERVER_CPU=$SERVER_CPU DRIVER_CPU=$DRIVER_CPU JAVA=$JAVA
Servers known: wssocket jetty
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --size) SIZE="$2"; shift 2 ;;
    --windows) WINDOWS="$2"; shift 2 ;;
    --servers) SERVERS="$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-echo.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

die() { echo "run-echo.sh: $*" >&2; exit 1; }

# --- servers by name --------------------------------------------------------------------------
# Each server JVM gets only its own implementation on the classpath, so that no server picks up
# another's ServiceLoader entries for jakarta.websocket (ContainerProvider, default Configurator).
JETTY_JARS='/org/eclipse/jetty/'
WSSOCKET_JARS='wssocket-runtime|/runtime/target/'

server_main() {
  case "$1" in
    wssocket) echo io.wssocket.bench.WsSocketEchoServer ;;
    jetty) echo io.wssocket.bench.JettyEchoServer ;;
    *) die "unknown server '$1' (known: wssocket jetty)" ;;
  esac
}

server_excludes() {
  case "$1" in
    wssocket) echo "$JETTY_JARS" ;;
    jetty) echo "$WSSOCKET_JARS" ;;
    *) die "unknown server '$1'" ;;
  esac
}

# Prints the bench classpath without the entries matching the extended regex $1.
classpath_without() {
  local deps
  deps="$(tr ':' '\n' <"$CLASSPATH_FILE" | { grep -v -E "$1" || true; } | paste -sd: -)"
  echo "$BENCH_DIR/target/classes${deps:+:$deps}"
}

for s in $SERVERS; do server_main "$s" >/dev/null; done
command -v taskset >/dev/null || die "taskset not found (util-linux)"
if (( $(nproc) < 2 )); then
  die "needs 2 CPUs (driver on $DRIVER_CPU, server on $SERVER_CPU); this machine has $(nproc)"
fi

# --- build ------------------------------------------------------------------------------------
CLASSPATH_FILE="$BENCH_DIR/target/classpath.txt"
if [[ "$SKIP_BUILD" != 1 ]]; then
  echo "building bench (mvn -pl bench -am package) ..." >&2
  # One invocation so that wssocket-runtime resolves from the reactor; the modules built along
  # write the same file in turn and bench, built last, leaves its own classpath in it.
  # maven.test.skip rather than skipTests: a benchmark run needs no test sources compiled, and
  # one being edited elsewhere must not stop it.
  (cd "$ROOT_DIR" && mvn -q -Dmaven.test.skip=true -pl bench -am package dependency:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$CLASSPATH_FILE")
fi
[[ -s "$CLASSPATH_FILE" && -d "$BENCH_DIR/target/classes" ]] || die "no build found; run without --skip-build"
DRIVER_CP="$(classpath_without "$JETTY_JARS|$WSSOCKET_JARS")"

# --- bookkeeping --------------------------------------------------------------------------------
STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS_DIR="$BENCH_DIR/results"
RESULT_FILE="$RESULTS_DIR/echo-$STAMP.txt"
LOG_DIR="$BENCH_DIR/target/run-echo-$STAMP"
mkdir -p "$RESULTS_DIR" "$LOG_DIR"
TMP_DIR="$(mktemp -d)"
SERVER_PID=""
FAILED=0

stop_server() {
  local pid="$SERVER_PID"
  [[ -n "$pid" ]] || return 0
  SERVER_PID=""
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "server $pid did not stop within 15 s of SIGTERM; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  stop_server
  exec 3>&-
  rm -rf "$TMP_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Servers read their stdin from this FIFO, whose only writer is this script (fd 3): if the script
# dies, even by SIGKILL, the servers see end of file and stop.
mkfifo "$TMP_DIR/server-stdin"
exec 3<>"$TMP_DIR/server-stdin"

# Starts server $1 for round $2; sets SERVER_PID and SERVER_PORT.
start_server() {
  local name="$1" log="$LOG_DIR/$1-round$2" main cp
  main="$(server_main "$name")"
  cp="$(classpath_without "$(server_excludes "$name")")"
  taskset -c "$SERVER_CPU" "$JAVA" "${SERVER_JVM_OPTS[@]}" -cp "$cp" "$main" --host 127.0.0.1 --port 0 \
      <"$TMP_DIR/server-stdin" 3>&- >"$log.out" 2>"$log.err" &
  SERVER_PID=$!
  local deadline=$((SECONDS + READY_TIMEOUT_S))
  SERVER_PORT=""
  while [[ -z "$SERVER_PORT" ]]; do
    SERVER_PORT="$(awk '$1 == "READY" { print $2; exit }' "$log.out")"
    [[ -n "$SERVER_PORT" ]] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      wait "$SERVER_PID" 2>/dev/null || true
      SERVER_PID=""
      sed 's/^/  | /' "$log.err" >&2
      die "$name exited before READY (log: $log.err)"
    fi
    (( SECONDS < deadline )) || die "$name not READY within $READY_TIMEOUT_S s (log: $log.err)"
    sleep 0.1
  done
}

# Runs the driver against the started server; appends its RESULT line to the result file.
run_driver() {
  local name="$1" round="$2" window="$3" log="$LOG_DIR/$1-round$2-window$3.driver" out rc=0 line
  out="$(taskset -c "$DRIVER_CPU" "$JAVA" "${DRIVER_JVM_OPTS[@]}" -cp "$DRIVER_CP" io.wssocket.bench.EchoLoad \
      --server "$name" --host 127.0.0.1 --port "$SERVER_PORT" --path /echo \
      --connections "$CONNECTIONS" --size "$SIZE" --window "$window" \
      --warmup "$WARMUP" --duration "$DURATION" 2>"$log")" || rc=$?
  sed 's/^/  /' "$log" >&2
  line="$(grep '^RESULT ' <<<"$out" || true)"
  if [[ -n "$line" ]]; then
    echo "$line round=$round" >>"$RESULT_FILE"
  else
    echo "# no RESULT: server=$name window=$window round=$round driver exit $rc (log: $log)" >>"$RESULT_FILE"
  fi
  if (( rc != 0 )); then
    FAILED=1
    echo "  driver exit status $rc (errors above)" >&2
  fi
}

{
  echo "# echo benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# host: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null), $(uname -sr)"
  echo "# java: $("$JAVA" -version 2>&1 | head -1)"
  echo "# commit: $(git -C "$ROOT_DIR" rev-parse --short --verify -q HEAD 2>/dev/null || echo unknown)"
  echo "# server JVM: ${SERVER_JVM_OPTS[*]} on CPU $SERVER_CPU; driver JVM: ${DRIVER_JVM_OPTS[*]} on CPU $DRIVER_CPU"
  echo "# rounds=$ROUNDS servers=\"$SERVERS\" windows=\"$WINDOWS\" connections=$CONNECTIONS size=$SIZE warmup=$WARMUP duration=$DURATION"
} >"$RESULT_FILE"

# --- rounds -------------------------------------------------------------------------------------
for round in $(seq "$ROUNDS"); do
  for name in $SERVERS; do
    echo "== round $round/$ROUNDS: $name" >&2
    start_server "$name" "$round"
    for window in $WINDOWS; do
      run_driver "$name" "$round" "$window"
    done
    stop_server
  done
done

# --- summary ------------------------------------------------------------------------------------
# Median, min and max msgs/s and median p99 per server and window; then the ratio of the first
# server's median to each other server's, per window.
summary="$(grep '^RESULT ' "$RESULT_FILE" | awk -v first="${SERVERS%% *}" '
  function median(list, n,    i, j, t) {
    for (i = 2; i <= n; i++) { t = list[i]; for (j = i - 1; j >= 1 && list[j] > t; j--) list[j + 1] = list[j]; list[j + 1] = t }
    return n % 2 ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
  }
  {
    delete kv
    for (i = 2; i <= NF; i++) { eq = index($i, "="); kv[substr($i, 1, eq - 1)] = substr($i, eq + 1) }
    g = kv["server"] SUBSEP kv["window"]
    if (!(g in count)) { order[++groups] = g }
    n = ++count[g]
    rate[g, n] = kv["msgs_per_s"] + 0
    p99[g, n] = kv["p99_us"] + 0
    errs[g] += kv["errors"]
  }
  END {
    printf "%-10s %6s %28s %12s %6s %5s\n", "server", "window", "msgs/s median (min-max)", "p99 us med", "errors", "runs"
    for (k = 1; k <= groups; k++) {
      g = order[k]; split(g, sw, SUBSEP); n = count[g]
      lo = hi = rate[g, 1]
      for (i = 1; i <= n; i++) { r[i] = rate[g, i]; q[i] = p99[g, i]; if (r[i] < lo) lo = r[i]; if (r[i] > hi) hi = r[i] }
      med[g] = median(r, n)
      printf "%-10s %6s %28s %12.0f %6d %5d\n", sw[1], sw[2], sprintf("%.0f (%.0f-%.0f)", med[g], lo, hi), median(q, n), errs[g], n
    }
    for (k = 1; k <= groups; k++) {
      g = order[k]; split(g, sw, SUBSEP)
      if (sw[1] == first) continue
      base = first SUBSEP sw[2]
      if ((base in med) && med[g] > 0)
        printf "ratio %s / %s, window %s: %.2f\n", first, sw[1], sw[2], med[base] / med[g]
    }
  }')"

{
  echo "#"
  sed 's/^/# /' <<<"$summary"
} >>"$RESULT_FILE"
echo
echo "$summary"
echo
echo "results: ${RESULT_FILE#"$ROOT_DIR"/}   logs: ${LOG_DIR#"$ROOT_DIR"/}"
if (( FAILED )); then
  echo "some driver runs reported errors; see above" >&2
  exit 1
fi
