#!/bin/sh
# Starts this checkout's target/chorus.war on Payara Micro with the README run command's options,
# for the load bench (bench/README.md, "Load bench"): an admin for the bench, rooms big enough for
# N = 200, its own ports, H2 in a scratch directory. Prints the server's pid when it is up.
#   bench/server.sh [https port, default 36181]      then      bench/load-bench.sh --pid <pid> ...
# JAVA_OPTS in the environment goes to the server's JVM (e.g. a JFR recording).
set -e
cd "$(dirname "$0")/.."
HTTPS=${1:-36181}
BASE=$((HTTPS - 81))
JAR=$(ls ~/.m2/repository/fish/payara/extras/payara-micro/*/payara-micro-*.jar | tail -1)
[ -f target/chorus.war ] || { echo "target/chorus.war missing: mvn -Dmaven.test.skip=true package" >&2; exit 1; }
[ -f data/tls/dev-keystore.p12 ] || { echo "data/tls/dev-keystore.p12 missing: run the README's run command once" >&2; exit 1; }
DIR=bench/target/server-$HTTPS
rm -rf "$DIR" && mkdir -p "$DIR"
CHORUS_ADMINS=bench-admin CHORUS_ADMIN_INITIAL_PASSWORD='bench admin password' \
CHORUS_ROOMS_MAX_OCCUPANTS=${CHORUS_ROOMS_MAX_OCCUPANTS:-250} CHORUS_MEDIA_UDP_PORT=$((BASE + 20)) CHORUS_MEDIA_TCP_PORT=$((BASE + 62)) \
CHORUS_DB_URL="jdbc:h2:file:$PWD/$DIR/chorus-db;WRITE_DELAY=0" \
  nohup java -Xmx512m ${JAVA_OPTS:-} -Dice4j.harvest.mapping.aws.enabled=false \
  -Djavax.net.ssl.keyStore=data/tls/dev-keystore.p12 -Djavax.net.ssl.keyStorePassword=changeit \
  -Dchorus.https.port="$HTTPS" -jar "$JAR" --nohazelcast --disablephonehome \
  --port "$BASE" --sslport "$HTTPS" --sslcert chorus --deploy target/chorus.war --contextroot / \
  --prebootcommandfile server-config/payara/pre-boot-commands.asadmin > "$DIR/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 180); do
  if curl -ksf "https://localhost:$HTTPS/health/ready" > /dev/null 2>&1; then echo "$PID"; exit 0; fi
  kill -0 "$PID" 2>/dev/null || { tail -30 "$DIR/server.log" >&2; exit 1; }
  sleep 1
done
echo "not ready after 180 s; log: $DIR/server.log" >&2; exit 1
