#!/bin/sh
# The end-to-end forwarding load bench (bench/README.md, "Load bench"): compiles LoadBench against
# this checkout's media code and runs it against a Chorus on this machine. From anywhere:
#   bench/load-bench.sh --pid <server pid> --base https://localhost:8181/ [--n 20,60,100,200] ...
# MVN="mvn -o" for an offline build (the run command has already fetched every dependency).
set -e
cd "$(dirname "$0")/.."
MVN=${MVN:-mvn}
if [ ! -d target/classes/dev/chorus/media ]; then
  $MVN -q -Dmaven.test.skip=true -Dspotless.check.skip=true compile
fi
mkdir -p bench/target/load
$MVN -q dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=bench/target/load-classpath.txt
CP="target/classes:$(cat bench/target/load-classpath.txt)"
javac -Xlint:-options -d bench/target/load -cp "$CP" \
  $(find bench/src/main/java/dev/chorus/bench/load bench/src/main/java/dev/chorus/bench/common -name '*.java')
exec java ${JAVA_OPTS:-} -cp "bench/target/load:$CP" dev.chorus.bench.load.LoadBench "$@"
