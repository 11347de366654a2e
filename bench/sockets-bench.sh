#!/bin/sh
# Issue 16 item 4 (bench/README.md, "Idle sockets"): N idle authenticated /ws sockets held by one
# Chorus on this machine; heap per socket after a full GC, RSS, threads, CPU. JDK only (javac).
#   bench/sockets-bench.sh --pid <server pid> --base https://localhost:37181/ [--sockets 10000] ...
# JAVA_OPTS in the environment goes to the bench's JVM (default -Xmx2g).
set -e
cd "$(dirname "$0")/.."
mkdir -p bench/target/sockets
javac -Xlint:-options -d bench/target/sockets $(find bench/src/main/java/dev/chorus/bench/sockets bench/src/main/java/dev/chorus/bench/common -name '*.java')
exec java ${JAVA_OPTS:--Xmx2g} -cp bench/target/sockets dev.chorus.bench.sockets.SocketsBench "$@"
