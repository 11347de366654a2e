#!/bin/sh
# Issue 16 item 5 (bench/README.md, "Room fan-out"): 1,000 occupants with one /ws tab each in one
# room of a Chorus on this machine; delivery time of each room message to every occupant, quiet and
# during a presence burst. JDK only (javac).
#   bench/room-fanout-bench.sh --pid <server pid> --base https://localhost:37181/ [--occupants 1000] ...
# The server needs CHORUS_ROOMS_MAX_OCCUPANTS above the occupants + 1 (the sender).
# JAVA_OPTS in the environment goes to the bench's JVM (default -Xmx1g).
set -e
cd "$(dirname "$0")/.."
mkdir -p bench/target/sockets
javac -Xlint:-options -d bench/target/sockets $(find bench/src/main/java/dev/chorus/bench/sockets bench/src/main/java/dev/chorus/bench/common -name '*.java')
exec java ${JAVA_OPTS:--Xmx1g} -cp bench/target/sockets dev.chorus.bench.sockets.RoomFanoutBench "$@"
