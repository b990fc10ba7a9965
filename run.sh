#!/usr/bin/env bash
# Runs the whole Streamgate pipeline on this machine, on embedded defaults, with no Docker:
#   a single-node KRaft Kafka broker (own JVM), the ingest gateway (:8080), the provider simulator (:8099) and the
#   API poller pulling from it (actuator :8081), the Spark aggregator in local[*] writing Delta tables to ./lake, and
#   the live dashboard (:8088) showing the aggregator's changed windows.
# Builds whatever is missing first. Ctrl-C stops every process it started.
#
#   ./run.sh            start everything
#   ./run.sh --rebuild  rebuild the jars first, even if they exist
#   ./run.sh --demo     also send demo traffic: per-interval turnstile counts as CSV batches and as signed webhooks
#   ./run.sh --warehouse jdbc:postgresql://127.0.0.1:5432/test?user=postgres
#                       also upsert every job's changed windows into that PostgreSQL (table <job>_windows)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
WORK=$ROOT/.work/local
LOGS=$WORK/logs
LAKE=${STREAMGATE_LAKE:-$ROOT/lake}
KAFKA_PORT=${KAFKA_PORT:-9092}
GATEWAY_PORT=${GATEWAY_PORT:-8080}
POLLER_PORT=${POLLER_PORT:-8081}
SIMULATOR_PORT=${SIMULATOR_PORT:-8099}
DASHBOARD_PORT=${DASHBOARD_PORT:-8088}
REBUILD=false
DEMO=false
WAREHOUSE=()
while [ $# -gt 0 ]; do
  arg=$1; shift
  case $arg in
    --rebuild) REBUILD=true ;;
    --demo) DEMO=true ;;
    --warehouse) [ $# -gt 0 ] || { echo "--warehouse needs a JDBC URL" >&2; exit 2; }; WAREHOUSE=(--warehouse "$1"); shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

# --- JDKs: Spark 3.5 and the build need 17; the Spring apps prefer 21+ (virtual threads) ----------------------
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
find_jdk() { # $1: wanted major ("17") or "newest"
  local candidates=() best="" best_major=0 c m
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null && candidates+=("$(command -v java)")
  for c in /usr/lib/jvm/*/bin/java; do [ -x "$c" ] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    m=$(java_major "$c") || continue
    if [ "$1" = newest ]; then
      if [ "${m:-0}" -gt "$best_major" ]; then best=$c; best_major=$m; fi
    elif [ "$m" = "$1" ]; then echo "$c"; return 0; fi
  done
  [ -n "$best" ] && echo "$best"
}
JAVA17=$(find_jdk 17) || true
[ -n "$JAVA17" ] || { echo "A JDK 17 is needed (Spark 3.5 runs on 17 only); set JAVA_HOME to one." >&2; exit 1; }
APP_JAVA=$(find_jdk newest)
export JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$JAVA17")")")

# --- build what is missing ------------------------------------------------------------------------------------
BROKER_CP_FILE=test-support/target/classes/io/streamgate/testsupport/kafka/kafka-broker.classpath
GATEWAY_JAR=ingest-gateway/target/ingest-gateway-0.1.0-SNAPSHOT.jar
POLLER_JAR=api-poller/target/api-poller-0.1.0-SNAPSHOT.jar
AGGREGATOR_CP_FILE=spark-aggregator/target/runtime.classpath
DASHBOARD_JAR=live-dashboard/target/live-dashboard-0.1.0-SNAPSHOT.jar
if $REBUILD || [ ! -f $BROKER_CP_FILE ] || [ ! -f $GATEWAY_JAR ] || [ ! -f $POLLER_JAR ] || [ ! -f $AGGREGATOR_CP_FILE ] \
    || [ ! -f $DASHBOARD_JAR ]; then
  echo "Building (./mvnw package -DskipTests) ..."
  ./mvnw -q -B package -DskipTests
fi

# --- process handling: everything started here is stopped on exit --------------------------------------------
mkdir -p "$LOGS" "$LAKE"
PIDS=()
stop_all() {
  trap - INT TERM EXIT
  [ ${#PIDS[@]} -eq 0 ] && return
  echo; echo "Stopping ..."
  local i
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do kill -TERM "${PIDS[$i]}" 2>/dev/null || true; done
  for _ in $(seq 1 60); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.5
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  echo "Stopped. Logs: $LOGS"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT
start() { # $1: name, rest: command
  local name=$1; shift
  "$@" >"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
  echo "  started $name (pid $!, log $LOGS/$name.log)"
}
await() { # $1: what, $2: seconds, rest: test command
  local what=$1 secs=$2; shift 2
  for _ in $(seq 1 $((secs * 2))); do
    "$@" >/dev/null 2>&1 && return 0
    for pid in "${PIDS[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "A process stopped while waiting for $what; see $LOGS" >&2; exit 1; }
    done
    sleep 0.5
  done
  echo "$what did not come up within ${secs}s; see $LOGS" >&2; exit 1
}

# --- the jobs: sums for per-interval counts, counter deltas for cumulative registers; each publishes its changed
# windows to windows.<job> for the live dashboard (the bundled job plus a sinks.kafka line, in $WORK/jobs) ----------
JOBS=(mta-turnstile mta-turnstile-registers nyc-taxi)
JOB_FILES=()
mkdir -p "$WORK/jobs"
for job in "${JOBS[@]}"; do
  bundled=spark-aggregator/src/main/resources/jobs/$job.yaml
  if grep -q '^sinks:' "$bundled"; then
    echo "$bundled already has sinks: add 'kafka: {topic: windows.$job}' to them there" >&2; exit 1
  fi
  { cat "$bundled"; echo "sinks: {kafka: {topic: windows.$job}}"; } >"$WORK/jobs/$job.yaml"
  JOB_FILES+=("$WORK/jobs/$job.yaml")
done
JOB_LIST=$(IFS=,; echo "${JOB_FILES[*]}")
WINDOW_TOPICS=$(printf 'windows.%s,' "${JOBS[@]}")
# ------------------------------------------------------------------------------------------------------------------

echo "Starting Streamgate (work folder $WORK, lake $LAKE)"
rm -f "$WORK/kafka/ready"
start kafka "$JAVA17" -Xmx1g -cp "test-support/target/classes:$(cat $BROKER_CP_FILE)" \
  io.streamgate.testsupport.kafka.KafkaBrokerMain --data-dir "$WORK/kafka" --port "$KAFKA_PORT" \
  --controller-port $((KAFKA_PORT + 1)) --partitions 2 --topics mta.turnstile,mta.turnstile.registers,nyc.taxi.trips,${WINDOW_TOPICS%,} --parent-pid $$
await "Kafka" 120 test -f "$WORK/kafka/ready"
BOOTSTRAP=127.0.0.1:$KAFKA_PORT

start gateway "$APP_JAVA" -Xmx512m -XX:+ExitOnOutOfMemoryError -jar $GATEWAY_JAR --spring.profiles.active=local \
  --server.port="$GATEWAY_PORT" --spring.kafka.bootstrap-servers="$BOOTSTRAP"
start simulator "$APP_JAVA" -Xmx256m -cp $POLLER_JAR -Dloader.main=io.streamgate.poller.simulator.SimulatorMain \
  org.springframework.boot.loader.launch.PropertiesLauncher --port "$SIMULATOR_PORT" --start now --tick-every PT4H
start poller "$APP_JAVA" -Xmx512m -XX:+ExitOnOutOfMemoryError -jar $POLLER_JAR --spring.profiles.active=local \
  --server.port="$POLLER_PORT" --spring.kafka.bootstrap-servers="$BOOTSTRAP" \
  --simulator.url="http://127.0.0.1:$SIMULATOR_PORT"
start aggregator "$JAVA17" @spark-aggregator/src/main/jvm/spark-java17.options -Xmx2g \
  -cp "spark-aggregator/target/classes:$(cat $AGGREGATOR_CP_FILE)" io.streamgate.aggregator.AggregatorMain \
  --master "local[*]" --bootstrap-servers "$BOOTSTRAP" --lake "$LAKE" --checkpoints "$WORK/checkpoints" \
  --jobs "$JOB_LIST" --trigger PT5S ${WAREHOUSE[@]+"${WAREHOUSE[@]}"}

# --- the live dashboard: the windows topics, and the services' health polled from the server ---------------------
start dashboard "$APP_JAVA" -Xmx256m -jar $DASHBOARD_JAR --server.port="$DASHBOARD_PORT" \
  --spring.kafka.bootstrap-servers="$BOOTSTRAP" \
  --streamgate.dashboard.health.services.gateway="http://127.0.0.1:$GATEWAY_PORT/actuator/health" \
  --streamgate.dashboard.health.services.poller="http://127.0.0.1:$POLLER_PORT/actuator/health" \
  --streamgate.dashboard.health.services.aggregator="http://127.0.0.1:9464/metrics"
# ------------------------------------------------------------------------------------------------------------------

await "the gateway" 120 curl -fsS "http://127.0.0.1:$GATEWAY_PORT/actuator/health/readiness"
await "the poller" 120 curl -fsS "http://127.0.0.1:$POLLER_PORT/actuator/health/readiness"
await "the dashboard" 120 curl -fsS "http://127.0.0.1:$DASHBOARD_PORT/actuator/health/readiness"
DEMO_TEXT=""
if $DEMO; then
  DEMO_TEXT=$'\n  Demo traffic      per-interval counts into mta.turnstile (job mta-turnstile sums them): 10 readings/s as CSV\n                    batches, 10/s as signed webhooks (DemoTraffic; logs demo-*.log)'
  seed=1
  for mode in events webhooks; do
    # two senders of their own readings (a seed each): a few hundred people an hour per turnstile between them
    start demo-$mode "$APP_JAVA" -Xmx128m -cp $POLLER_JAR -Dloader.main=io.streamgate.poller.simulator.DemoTraffic \
      org.springframework.boot.loader.launch.PropertiesLauncher --gateway "http://127.0.0.1:$GATEWAY_PORT" \
      --api-key demo-key --secret demo-webhook-secret --rate 10/s --mode $mode --seed $((seed++))
  done
fi

cat <<EOF

Streamgate is running.
  Kafka broker      $BOOTSTRAP            (data $WORK/kafka)
  Gateway           http://127.0.0.1:$GATEWAY_PORT          health/info/prometheus under /actuator
  Poller            http://127.0.0.1:$POLLER_PORT/ops/sources   actuator: /actuator  (user operator, password local-operator)
  Provider sim.     http://127.0.0.1:$SIMULATOR_PORT               cumulative registers, polled into mta.turnstile.registers
  Lake (Delta)      $LAKE/<job>/{events,windows,quarantine}
  Jobs              mta-turnstile (sums mta.turnstile), mta-turnstile-registers (deltas of mta.turnstile.registers,
                    windows trail the readings by its 8 h watermark), nyc-taxi
  Logs              $LOGS$DEMO_TEXT

Live dashboard:     http://127.0.0.1:$DASHBOARD_PORT/

Metrics (Prometheus text):
  curl -u operator:local-operator http://127.0.0.1:$GATEWAY_PORT/actuator/prometheus
  curl -u operator:local-operator http://127.0.0.1:$POLLER_PORT/ops/sources            (the poller's sources, JSON)
  curl http://127.0.0.1:$POLLER_PORT/actuator/prometheus
  curl http://127.0.0.1:9464/metrics                          (aggregator)
  curl http://127.0.0.1:$DASHBOARD_PORT/actuator/prometheus

Send a first turnstile reading through the gateway (12 entries and 7 exits since the turnstile's last reading):

  curl -i -X POST http://127.0.0.1:$GATEWAY_PORT/events/turnstile \\
    -H 'X-API-Key: demo-key' -H 'Content-Type: text/csv' \\
    --data-binary 'A002,R051,02-00-00,59 ST,NQR456W,BMT,$(TZ=America/New_York date +%m/%d/%Y),$(TZ=America/New_York date +%H:%M:%S),REGULAR,12,7'

Within a minute its window is on the dashboard and in $LAKE/mta-turnstile/windows (see README.md, "Look at the lake").
Ctrl-C stops everything.
EOF
wait -n "${PIDS[@]}" || true
echo "A process stopped; see $LOGS" >&2
