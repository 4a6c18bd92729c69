#!/usr/bin/env bash
# The load benchmark suite: WS Socket and its peers (Jetty, Tomcat, WS Socket inside Tomcat, Undertow,
# Tyrus, Netty), each in its own JVM with the same options, through the echo (by the Java driver, and as
# echo-c by the C driver bench/driver-c/wsload.c, which the runner compiles with cc), idle, broadcast,
# slow-consumer and hostile scenarios (and, when asked for, WS Socket's soak); results to bench/results/,
# the report to docs/benchmarks.md and docs/benchmarks/*.png.
#
#   bench/run.sh                 # the full suite: 3 rounds, 3 s warmup + 5 s per run, 20 s per attack
#   bench/run.sh --quick         # smoke run: 1 round, 1 s + 2 s, 5 s per attack
#   bench/run.sh --scenarios hostile --rounds 1
#   bench/run.sh --scenarios soak --soak-minutes 30
#   bench/run.sh --servers "wssocket jetty" --scenarios echo --rounds 5
#   bench/run.sh --help
#
# This script builds the bench module, raises the open-files limit, and runs the Java suite runner
# (io.wssocket.bench.suite.SuiteRunner) pinned to the driver's CPU. See bench/README.md.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(dirname "$BENCH_DIR")"
SKIP_BUILD="${SKIP_BUILD:-0}"
DRIVER_CPU=0

if [[ -z "${JAVA:-}" ]]; then
  if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
fi

args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-build) SKIP_BUILD=1; shift ;;
    --driver-cpu) DRIVER_CPU="$2"; args+=("$1" "$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

die() { echo "run.sh: $*" >&2; exit 1; }

command -v taskset >/dev/null || die "taskset not found (util-linux)"
if (( $(nproc) < 2 )); then
  die "needs 2 CPUs (drivers on one, servers on the other); this machine has $(nproc)"
fi

# Every idle connection is one open file in the driver and one in the server (each its own
# process): raise the soft limit to the hard one.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

CLASSPATH_FILE="$BENCH_DIR/target/classpath.txt"
if [[ "$SKIP_BUILD" != 1 ]]; then
  echo "building bench (mvn -pl bench -am package) ..." >&2
  # One invocation so that wssocket-runtime resolves from the reactor; bench, built last, leaves
  # its own class path in the file. maven.test.skip: a benchmark run needs no test sources.
  (cd "$ROOT_DIR" && mvn -q -B -Dmaven.test.skip=true -pl bench -am package dependency:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$CLASSPATH_FILE")
fi
[[ -s "$CLASSPATH_FILE" && -d "$BENCH_DIR/target/classes" ]] || die "no build found; run without --skip-build"

COMMIT="$(git -C "$ROOT_DIR" rev-parse --short --verify -q HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT_DIR" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
  COMMIT="$COMMIT+changes"
fi

exec taskset -c "$DRIVER_CPU" "$JAVA" -Xmx256m -Djava.awt.headless=true \
    -Dbench.root="$ROOT_DIR" -Dbench.java="$JAVA" -Dbench.commit="$COMMIT" \
    -cp "$BENCH_DIR/target/classes:$(cat "$CLASSPATH_FILE")" io.wssocket.bench.suite.SuiteRunner "${args[@]}"
