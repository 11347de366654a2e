#!/bin/sh
# Profiles the server during one load-bench window with perf (bench/README.md, "Profiling"):
#   bench/profile-window.sh <server pid> <out dir> -- <load-bench.sh arguments without --pid>
# Records on-CPU stacks of every server thread (Java, native and kernel) while the bench's first
# window runs, then writes <out>/perf.txt (flat profile) and <out>/threads.txt.
# Needs perf (Debian linux-perf) and a JDK whose jcmd has Compiler.perfmap (17+).
set -e
PID=$1; OUT=$2; shift 2; [ "$1" = "--" ] && shift
mkdir -p "$OUT"
cd "$(dirname "$0")/.."
bench/load-bench.sh --pid "$PID" "$@" > "$OUT/bench.out" 2> "$OUT/bench.err" &
BENCH=$!
until grep -q "window starts" "$OUT/bench.err" 2>/dev/null; do
  kill -0 $BENCH 2>/dev/null || { tail -20 "$OUT/bench.err" >&2; exit 1; }
  sleep 0.2
done
perf record -F 499 -g -p "$PID" -o "$OUT/perf.data" -- sleep 9 2> /dev/null
jcmd "$PID" Compiler.perfmap > /dev/null
wait $BENCH || true
perf report -i "$OUT/perf.data" --no-children --sort comm,dso,symbol --stdio 2> /dev/null \
  | grep -v '^$' | head -400 > "$OUT/perf.txt"
perf report -i "$OUT/perf.data" --no-children --sort comm --stdio 2> /dev/null \
  | grep '%' > "$OUT/threads.txt"
grep '| forward\|| meeting' "$OUT/bench.out" || true
