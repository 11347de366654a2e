#!/bin/sh
# Join → first decoded frame in Chromium (bench/README.md, "First frame"; issue 16, item 6):
# compiles FirstFrameBench against this checkout's test classes (the browser helper
# dev.chorus.e2e.Browser: Debian's chromium + chromium-driver, fake camera) and runs it against a
# Chorus on this machine. From anywhere:
#   bench/first-frame-bench.sh --base https://localhost:38181/ [--trials 10] [--cold 3] ...
# MVN="mvn -o" for an offline build.
set -e
cd "$(dirname "$0")/.."
MVN=${MVN:-mvn}
if [ ! -f target/test-classes/dev/chorus/e2e/Browser.class ]; then
  $MVN -q -DskipTests -Dspotless.check.skip=true test-compile
fi
mkdir -p bench/target/first-frame
$MVN -q dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=bench/target/first-frame-classpath.txt
CP="target/test-classes:target/classes:$(cat bench/target/first-frame-classpath.txt)"
javac -Xlint:-options -d bench/target/first-frame -cp "$CP" \
  $(find bench/src/main/java/dev/chorus/bench/firstframe bench/src/main/java/dev/chorus/bench/common -name '*.java')
exec java ${JAVA_OPTS:-} -cp "bench/target/first-frame:$CP" \
  dev.chorus.bench.firstframe.FirstFrameBench "$@"
