# Shared by every benchmark command (sourced, not run). Sets up a fresh machine (wrk from Debian's packages, the
# jars), starts and stops the processes a benchmark needs (every one is stopped on exit, Ctrl-C or failure), and
# prints the result table.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(dirname "$BENCH_DIR")
cd "$ROOT"

JAVA17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
APP_JAVA=${APP_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$JAVA17" ] || JAVA17=$(command -v java)
[ -x "$APP_JAVA" ] || APP_JAVA=$JAVA17
JDK17_HOME=$(dirname "$(dirname "$(readlink -f "$JAVA17")")")
APP_JDK_HOME=$(dirname "$(dirname "$(readlink -f "$APP_JAVA")")")

BROKER_CP_FILE=${BROKER_CP_FILE:-test-support/target/classes/io/streamgate/testsupport/kafka/kafka-broker.classpath}
BROKER_CLASSES=${BROKER_CP_FILE%/io/streamgate/testsupport/kafka/kafka-broker.classpath}
GATEWAY_JAR=${GATEWAY_JAR:-ingest-gateway/target/ingest-gateway-0.1.0-SNAPSHOT.jar}
POLLER_JAR=${POLLER_JAR:-api-poller/target/api-poller-0.1.0-SNAPSHOT.jar}
AGGREGATOR_CP_FILE=${AGGREGATOR_CP_FILE:-spark-aggregator/target/runtime.classpath}
AGGREGATOR_CLASSES=${AGGREGATOR_CLASSES:-$(dirname "$AGGREGATOR_CP_FILE")/classes}
FORWARDER_JAR=${FORWARDER_JAR:-bench/forwarder/target/bench-forwarder-0.1.0-SNAPSHOT.jar}
LOADGEN_JAR=${LOADGEN_JAR:-bench/loadgen/target/bench-loadgen-0.1.0-SNAPSHOT.jar}
BASELINE_JAR=${BASELINE_JAR:-bench/spark-baseline/target/bench-spark-baseline-0.1.0-SNAPSHOT.jar}

KAFKA_PORT=${BENCH_KAFKA_PORT:-19092}
BOOTSTRAP=127.0.0.1:$KAFKA_PORT
APP_PORT=${BENCH_APP_PORT:-18080}

# --- set-up ------------------------------------------------------------------------------------------------------
ensure_tools() { # apt packages, named by the command they provide
  local missing=()
  for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  [ ${#missing[@]} -eq 0 ] && return
  echo "Installing ${missing[*]} from Debian's packages ..."
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_built() { # $@: modules whose artifacts the benchmark runs; built (with what they depend on) when missing,
                # or always with REBUILD=1; then the bench tools
  local module artifact missing=()
  for module in test-support "$@"; do
    case $module in
      test-support) artifact=$BROKER_CP_FILE ;;
      ingest-gateway) artifact=$GATEWAY_JAR ;;
      api-poller) artifact=$POLLER_JAR ;;
      spark-aggregator) artifact=$AGGREGATOR_CP_FILE ;;
    esac
    if [ "${REBUILD:-0}" = 1 ] || [ ! -f "$artifact" ]; then missing+=("$module"); fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    local list; list=$(IFS=,; echo "${missing[*]}")
    echo "Building $list (./mvnw package, tests skipped) ..."
    JAVA_HOME=$JDK17_HOME ./mvnw -q -B package -Dmaven.test.skip=true -pl "$list" -am
  fi
  if [ "${REBUILD:-0}" = 1 ] || [ ! -f $FORWARDER_JAR ] || [ ! -f $LOADGEN_JAR ] || [ ! -f $BASELINE_JAR ]; then
    echo "Building the bench tools (./mvnw -f bench/pom.xml package, after installing the aggregator they use) ..."
    JAVA_HOME=$JDK17_HOME ./mvnw -q -B install -Dmaven.test.skip=true -pl spark-aggregator -am
    JAVA_HOME=$JDK17_HOME ./mvnw -q -B -f bench/pom.xml package
  fi
}

# --- processes: everything started here is stopped on exit -------------------------------------------------------
PIDS=()
stop_pid() { # $1: pid; TERM, then KILL after 45 s (a JFR recording is written on the way out)
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 90); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
}
stop_all() {
  local i
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do stop_pid "${PIDS[$i]}"; done
  PIDS=()
}
on_exit() { local rc=$?; trap - INT TERM EXIT; stop_all; exit $rc; }
trap on_exit EXIT
trap 'exit 130' INT TERM

LAST_PID=
start_bg() { # $1: name (log file), rest: command; sets LAST_PID
  local name=$1; shift
  "$@" >"$LOGS/$name.log" 2>&1 &
  LAST_PID=$!
  PIDS+=("$LAST_PID")
}
forget_pid() { # $1: pid, already stopped
  local keep=() p
  for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}
await() { # $1: what, $2: seconds, $3: pid that must stay alive, rest: test command
  local what=$1 secs=$2 pid=$3; shift 3
  for _ in $(seq 1 $((secs * 4))); do
    "$@" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { echo "$what stopped while starting; see $LOGS" >&2; exit 1; }
    sleep 0.25
  done
  echo "$what did not come up within ${secs}s; see $LOGS" >&2; exit 1
}

BROKER_PID=
start_broker() { # a fresh single-node KRaft broker, single-partition topics; "$1" = keep: restart on its data
  [ "${1:-}" = keep ] || rm -rf "$WORK/kafka"
  start_bg "kafka${1:+-restart}" "$JAVA17" -Xms1g -Xmx1g -cp "$BROKER_CLASSES:$(cat $BROKER_CP_FILE)" \
    io.streamgate.testsupport.kafka.KafkaBrokerMain --data-dir "$WORK/kafka" --port "$KAFKA_PORT" \
    --controller-port $((KAFKA_PORT + 1)) --partitions 1 --parent-pid $$
  BROKER_PID=$LAST_PID
  await "Kafka" 120 "$BROKER_PID" test -f "$WORK/kafka/ready"
}
stop_broker() { stop_pid "$BROKER_PID"; forget_pid "$BROKER_PID"; BROKER_PID=; }

create_topic() { # $1: topic (one partition)
  "$JAVA17" -cp "$(cat $BROKER_CP_FILE)" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
    --create --if-not-exists --topic "$1" --partitions 1 --replication-factor 1 >/dev/null 2>&1
}

# JVM options of every Spring app: the deployment heap (as in run.sh), GC log for the memory figures, and a JFR
# recording when JFR=1 (the file lands in the work folder)
app_jvm_opts() { # $1: name
  local opts=(-Xmx512m "-Xlog:gc:file=$WORK/$1-gc.log:uptime" -XX:+UseG1GC
    -Dspring.lifecycle.timeout-per-shutdown-phase=5s)
  [ "${JFR:-0}" = 1 ] && opts+=("-XX:StartFlightRecording=filename=$WORK/$1.jfr,settings=profile,dumponexit=true")
  echo "${opts[@]}"
}

APP_PID=
start_spring() { # $1: name, $2: health URL, rest: command after java
  local name=$1 health=$2; shift 2
  # shellcheck disable=SC2046
  start_bg "$name" "$APP_JAVA" $(app_jvm_opts "$name") "$@"
  APP_PID=$LAST_PID
  await "$name" 120 "$APP_PID" curl -fsS -o /dev/null "$health"
}
stop_app() { stop_pid "$APP_PID"; forget_pid "$APP_PID"; APP_PID=; }
# with JFR=1: the app's hottest methods and allocations, from its recording, into bench/results/<bench>-<app>-jfr.txt
jfr_report() { # $1: app name (as given to start_spring, after stop_app)
  [ "${JFR:-0}" = 1 ] && [ -f "$WORK/$1.jfr" ] || return 0
  local out="$BENCH_DIR/results/$BENCH_NAME-$1-jfr.txt" view
  { echo "CPU samples by layer (bench/lib/jfr-layers.sh):"; "$BENCH_DIR/lib/jfr-layers.sh" "$WORK/$1.jfr" "$APP_JDK_HOME"; echo
  } >"$out" 2>&1 || true
  for view in hot-methods allocation-by-class gc-pauses contention-by-site; do
    "$APP_JDK_HOME/bin/jfr" view --width 200 "$view" "$WORK/$1.jfr" 2>&1 || true
    echo
  done >>"$out"
  echo "  JFR views of $1: ${out#$ROOT/}"
}

# --- load ----------------------------------------------------------------------------------------------------------
payloads() { # $1: kind, $2: out file, rest: options
  local kind=$1 out=$2; shift 2
  "$APP_JAVA" -cp $LOADGEN_JAR io.streamgate.bench.loadgen.Payloads "$kind" "$out" "$@"
}
# closed loop: prints the WRK summary line (ok_per_s, requests, non2xx, errors, p50 ... in ms)
wrk_run() { # $1: connections, $2: seconds, $3: url, $4: request file
  local threads=2
  [ "$1" -lt 2 ] && threads=1
  wrk -t$threads -c"$1" -d"$2"s --timeout 30s -s bench/wrk/requests.lua "$3" -- "$4" | grep '^WRK ' | sed 's/^WRK //'
}
# CPU per request, from the kernel's clock ticks: of the app under load, of the broker, and of the rest of the machine
# (load generator, kernel) over one point. Unlike req/s it does not move with how fast the shared machine runs that
# minute, so it compares an app with its baseline even across runs.
cpu_snapshot() { # $1: pid of the app under load; prints "app broker machine" ticks
  echo "$(awk '{print $14 + $15}' "/proc/$1/stat") $(awk '{print $14 + $15}' "/proc/$BROKER_PID/stat")" \
    "$(awk '/^cpu / {print $2 + $3 + $4 + $6 + $7 + $8}' /proc/stat)"
}
cpu_per_request() { # $1: snapshot before, $2: after, $3: requests; prints "app_us=… broker_us=… rest_us=…"
  awk -v a="$1" -v b="$2" -v n="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN { split(a, x); split(b, y); u = 1e6 / hz / n
    app = (y[1] - x[1]) * u; broker = (y[2] - x[2]) * u
    printf "app_us=%.0f broker_us=%.0f rest_us=%.0f", app, broker, (y[3] - x[3]) * u - app - broker }'
}
# Points taken in turn and several times over (the machine's speed drifts by tens of percent within minutes): for
# each round, every target back to back, DURATION s each, with its CPU per request
declare -A ROUND
take_rounds() { # $1: connections, rest: targets "label pid url request-file-name"; fills ROUND[label@c@round]
  local c=$1 round target label pid url requests before line; shift
  for round in $(seq 1 "$ROUNDS"); do
    for target in "$@"; do
      read -r label pid url requests <<<"$target"
      before=$(cpu_snapshot "$pid")
      line=$(wrk_run "$c" "$DURATION" "$url" "$WORK/$requests.req")
      line+=" $(cpu_per_request "$before" "$(cpu_snapshot "$pid")" "$(field requests "$line")")"
      ROUND[$label@$c@$round]=$line
      echo "  $label @$c, round $round: $line"
    done
  done
}
round_lines() { # $1: label, $2: connections; that point's line of each round, one per line
  local round; for round in $(seq 1 "$ROUNDS"); do echo "${ROUND[$1@$2@$round]}"; done
}
per_round_ratio() { # $1, $2: labels, $3: connections; $1's req/s over $2's, one line per round
  local round
  for round in $(seq 1 "$ROUNDS"); do
    ratio "$(field ok_per_s "${ROUND[$1@$3@$round]}")" "$(field ok_per_s "${ROUND[$2@$3@$round]}")"; echo
  done
}
# open loop: prints the summary line (achieved_rate, records_per_s, p50 ... in ms from the intended send time)
openloop_run() { # $1: connections, $2: rate, $3: seconds, $4: url, $5: request file
  "$APP_JAVA" -Xmx256m -cp $LOADGEN_JAR io.streamgate.bench.loadgen.OpenLoop --connections "$1" --rate "$2" \
    --duration "$3" --warmup 3 --url "$4" --requests "$5"
}
median_by() { # $1: key; of the "k=v k=v" lines on stdin, the one with the median value of that key
  while read -r line; do [ -n "$line" ] && printf '%s\t%s\n' "$(field "$1" "$line")" "$line"; done \
    | sort -g | awk -F'\t' '{ l[NR] = $2 } END { print l[int((NR + 1) / 2)] }'
}
field() { # $1: key, $2: "k=v k=v" line
  tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"
}

# --- report --------------------------------------------------------------------------------------------------------
ROWS=()
row() { # figure | value | baseline(s) | ratio | target | verdict
  ROWS+=("$1|$2|$3|$4|$5|$6")
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() { # $1: awk condition on x, $2: x
  awk -v x="$2" "BEGIN { if ($1) print \"pass\"; else print \"MISS\" }"
}
print_table() { # $1: title; also written to bench/results/<name>.md
  local out="$BENCH_DIR/results/$BENCH_NAME.md"
  {
    echo "### $1"
    echo
    echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo);" \
      "apps on $("$APP_JAVA" -version 2>&1 | head -1); broker and load generator on the same machine;" \
      "load average (1/5/15 min) at the start: ${LOAD_START:-?}, at the end: $(cut -d' ' -f1-3 /proc/loadavg)" \
      "(above 2 means other work shared the two cores)."
    echo
    echo "| figure | value | baseline(s), same run | ratio | target | verdict |"
    echo "|---|---|---|---|---|---|"
    local r
    for r in "${ROWS[@]}"; do echo "| ${r//|/ | } |"; done
    for note in "${NOTES[@]:-}"; do [ -n "$note" ] && { echo; echo "$note"; }; done
  } | tee "$out"
  update_readme
  echo "(written to ${out#$ROOT/} and bench/README.md)"
}
NOTES=()
note() { NOTES+=("$1"); }

bench_init() { # $1: benchmark name, rest: the modules it runs
  BENCH_NAME=$1; shift
  LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
  WORK=$BENCH_DIR/.work/$BENCH_NAME
  LOGS=$WORK/logs
  rm -rf "$WORK"; mkdir -p "$LOGS" "$BENCH_DIR/results"
  ensure_tools wrk curl
  ensure_built "$@"
}

# baseline (c): Kafka's own ProducerPerformance, 1 KiB records (the benchmark's own JSON records, not one repeated
# payload that lz4 would squeeze to nothing), acks=all, idempotent, the gateway's linger/batch/compression
raw_producer() { # $1: records, $2: topic; prints "records_per_s=… p50=… p99=…" (latencies in ms)
  local records_file="$WORK/raw-records.ndjson"
  [ -f "$records_file" ] || payloads records "$records_file" --count 2000
  create_topic "$2"
  local out
  out=$("$JAVA17" -Xmx512m -cp "$(cat $BROKER_CP_FILE)" org.apache.kafka.tools.ProducerPerformance --topic "$2" \
    --num-records "$1" --throughput -1 --payload-file "$records_file" \
    --producer-props bootstrap.servers="$BOOTSTRAP" acks=all enable.idempotence=true linger.ms=1 batch.size=65536 \
      compression.type=lz4 2>"$LOGS/producer-perf.err" | tee "$LOGS/producer-perf.log" | tail -1)
  # "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency, a ms 50th, b ms 95th, c ms 99th, d ms 99.9th."
  awk -F', ' '{ split($2, r, " "); split($5, p50, " "); split($7, p99, " ");
    printf "records_per_s=%s p50=%s p99=%s\n", r[1], p50[1], p99[1] }' <<<"$out"
}

# --- memory sampling -----------------------------------------------------------------------------------------------
proc_uptime() { # $1: pid; seconds since the process started (as the JVM's own uptime, to ~0.1 s)
  awk -v tck="$(getconf CLK_TCK)" -v up="$(cut -d' ' -f1 /proc/uptime)" \
    '{ sub(/^.*\) /, ""); printf "%.2f\n", up - $20 / tck }' "/proc/$1/stat"
}
start_memory_sampler() { # $1: pid of the JVM; heap by jstat (one process, every 0.5 s), RSS from /proc
  local pid=$1
  "$APP_JDK_HOME/bin/jstat" -gc -t "$pid" 500 >"$WORK/jstat.txt" 2>/dev/null &
  PIDS+=($!)
  ( while [ -r "/proc/$pid/status" ]; do
      echo "$(proc_uptime "$pid") $(awk '/VmRSS/ {print $2}' "/proc/$pid/status")"
      sleep 0.5
    done ) >"$WORK/rss.txt" 2>/dev/null &
  PIDS+=($!)
}
jvm_uptime() { proc_uptime "$1"; }
# peak heap used, peak RSS (MiB) and GC time share between two JVM uptimes; also the highest heap after a GC
memory_window() { # $1: from uptime, $2: to uptime, $3: GC log
  local after
  after=$(awk -v a="$1" -v b="$2" '/Pause/ && /->/ {
      t = substr($1, 2) + 0; if (t < a || t > b) next
      for (i = 1; i <= NF; i++) if ($i ~ /->/) { split($i, x, /->|\(/); v = x[2] + 0; if (v > m) m = v }
    } END { printf "%d", m }' "$3")
  # jstat -gc -t: Timestamp S0C S1C S0U S1U EC EU OC OU MC MU CCSC CCSU YGC YGCT FGC FGCT CGC CGCT GCT
  local heap
  heap=$(awk -v a="$1" -v b="$2" '$1 ~ /^[0-9.]+$/ && $1 >= a && $1 <= b {
      u = $4 + $5 + $7 + $9; if (u > h) h = u; if (n == 0) { g0 = $NF; t0 = $1 } g1 = $NF; t1 = $1; n++ }
    END { printf "heap_peak_mib=%.0f gc_share=%.1f%% samples=%d", h / 1024, (t1 > t0 ? 100 * (g1 - g0) / (t1 - t0) : 0), n }' \
    "$WORK/jstat.txt")
  awk -v a="$1" -v b="$2" -v after="$after" -v heap="$heap" '$1 >= a && $1 <= b && $2 > rss { rss = $2 }
    END { printf "%s heap_after_gc_max_mib=%s rss_peak_mib=%.0f\n", heap, after, rss / 1024 }' "$WORK/rss.txt"
}

# README.md's "Latest results" section is rebuilt from bench/results/*.md after every benchmark, in this order
update_readme() {
  local readme=$BENCH_DIR/README.md tmp name
  [ -f "$readme" ] || return 0
  tmp=$(mktemp)
  {
    sed '/<!-- results:begin -->/q' "$readme"
    for name in gateway-requests gateway-bulk gateway-memory poller aggregator end-to-end; do
      if [ -f "$BENCH_DIR/results/$name.md" ]; then
        echo; sed 's/^### /#### /' "$BENCH_DIR/results/$name.md"
      fi
    done
    echo
    sed -n '/<!-- results:end -->/,$p' "$readme"
  } >"$tmp"
  mv "$tmp" "$readme"
}

# A fresh broker with the mta.turnstile topic, and the mta-turnstile job in local[2] reading it ($1: trigger).
# Sets LAST_PID to the aggregator's pid. SPARK_OPTS passes Spark settings as system properties.
start_mta_aggregator() {
  start_broker
  create_topic mta.turnstile
  # shellcheck disable=SC2086
  start_bg aggregator "$JAVA17" @spark-aggregator/src/main/jvm/spark-java17.options -Xmx2g ${SPARK_OPTS:-} \
    -cp "$AGGREGATOR_CLASSES:$(cat "$AGGREGATOR_CP_FILE")" io.streamgate.aggregator.AggregatorMain \
    --master "local[2]" --bootstrap-servers "$BOOTSTRAP" --lake "$WORK/lake" --checkpoints "$WORK/checkpoints" \
    --jobs mta-turnstile --trigger "$1" --metrics-port 0
}
