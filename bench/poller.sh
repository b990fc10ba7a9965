#!/usr/bin/env bash
# Benchmark 3 — poller: records/s from the provider simulator (MTA turnstile CSV feed, offset pagination) through
# Kafka transactions (a page's records and the source's cursor in one transaction) into one single-partition topic,
# with one source and with 50 sources. The figure is the rate at which the poller's committed-record counter
# (streamgate_poller_records_total, all sources) rises from the first page to the whole backlog.
# Baselines in the same run: (s) the simulator serving the same pages to a plain sequential HTTP client (curl), and
# (t) Kafka's ProducerPerformance with transactions (commit every 250 ms) sending the same CSV rows.
#
#   bench/poller.sh      ROWS_ONE=1000x200 (turnstiles x ticks) ROWS_MANY=100x60 PAGE=5000 PAGE_MANY=1000 SOURCES=50
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
bench_init poller api-poller
ONE=${ROWS_ONE:-1000x200}
MANY=${ROWS_MANY:-100x60}
PAGE=${PAGE:-5000}
PAGE_MANY=${PAGE_MANY:-1000}   # so that each of the many sources walks several pages too
SOURCES=${SOURCES:-50}
TX_RECORDS=${TX_RECORDS:-2000000}
SIM_ONE=$((APP_PORT + 10)) SIM_MANY=$((APP_PORT + 11))
POLLER_URL=http://127.0.0.1:$APP_PORT

simulator() { # $1: name, $2: port, $3: TxH
  start_bg "$1" "$APP_JAVA" -Xmx1g -cp $POLLER_JAR -Dloader.main=io.streamgate.poller.simulator.SimulatorMain \
    org.springframework.boot.loader.launch.PropertiesLauncher --port "$2" --turnstiles "${3%x*}" \
    --history-ticks "${3#*x}" --chaos 0 --tick-every PT1H
  await "$1" 120 "$LAST_PID" curl -fsS -o /dev/null "http://127.0.0.1:$2/turnstile/rows.csv?\$limit=1"
}
config() { # $1: file, $2: simulator port, $3: number of sources, $4: page size, $5: source id prefix
  # each run's sources have ids of their own: the cursor topic keeps a source's cursor with the spec (URL) that
  # wrote it, and a source id met again with another URL refuses to run
  { echo "streamgate:"; echo "  poller:"; echo "    sources:"
    for i in $(seq 1 "$3"); do cat <<YAML
      $5-$i:
        url: http://127.0.0.1:$2/turnstile/rows.csv
        topic: bench.poller
        type: mta.turnstile.reading
        key: UNIT
        format: { kind: csv, header: true }
        id: [ "C/A", UNIT, SCP, DATE, TIME ]
        event-time: { fields: [ DATE, TIME ], pattern: "MM/dd/yyyy HH:mm:ss", zone: America/New_York }
        schedule: { kind: interval, interval: 1h }
        pagination: { kind: offset, limit: $4, max-pages: 10000 }
        conditional: false
YAML
    done
    echo "logging: { level: { root: warn } }"; } >"$1"
}
serve_rate() { # $1: port; rows/s of the whole feed, fetched page by page with curl
  local url="http://127.0.0.1:$1/turnstile/rows.csv" offset=0 rows start
  start=$(date +%s.%N)
  while :; do
    rows=$(curl -fsS "$url?\$limit=$PAGE&\$offset=$offset" | tail -n +2 | wc -l)
    offset=$((offset + rows))
    [ "$rows" -lt "$PAGE" ] && break
  done
  awk -v n="$offset" -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "records_per_s=%.0f rows=%d\n", n / (e - s), n }'
}
records_total() { curl -fsS "$POLLER_URL/actuator/prometheus" 2>/dev/null \
  | awk '/^streamgate_poller_records_total/ { s += $NF } END { printf "%d", s }'; }
poll_rate() { # $1: expected records; samples the counter every 0.25 s until it holds them all (or 180 s), and
              # gives the rate between 10 % and 90 % of them (leaving out start-up and the last, partial pages)
  local expected=$1 samples="$WORK/samples-$1.txt" v deadline
  deadline=$(( $(date +%s) + 180 ))
  : >"$samples"
  while [ "$(date +%s)" -lt "$deadline" ]; do
    v=$(records_total || true); v=${v:-0}
    echo "$(date +%s.%N) $v" >>"$samples"
    [ "$v" -ge "$expected" ] && break
    sleep 0.25
  done
  awk -v e="$expected" '{ t[NR] = $1; v[NR] = $2 }
    END {
      for (i = 1; i <= NR; i++) { if (!a && v[i] >= 0.1 * e) a = i; if (!b && v[i] >= 0.9 * e) b = i }
      if (!b) b = NR
      first = 0; for (i = 1; i <= NR; i++) if (v[i] > 0) { first = i; break }
      rate = (a && b > a) ? (v[b] - v[a]) / (t[b] - t[a]) : 0
      printf "records_per_s=%.0f records=%d expected=%d seconds=%.1f\n", rate, v[NR], e, first ? t[NR] - t[first] : 0
    }' "$samples"
}
run_poller() { # $1: label, $2: simulator port, $3: sources, $4: expected records, $5: page size
  config "$WORK/$1.yml" "$2" "$3" "$5" "$1"
  start_spring "poller-$1" "$POLLER_URL/actuator/health/readiness" -jar $POLLER_JAR --server.port=$APP_PORT \
    --spring.kafka.bootstrap-servers=$BOOTSTRAP --spring.config.additional-location="file:$WORK/$1.yml"
  poll_rate "$4"
  stop_app
}

echo "Starting Kafka and two provider simulators (one ${ONE} feed, one ${MANY} feed) ..."
start_broker
create_topic bench.poller
simulator sim-one $SIM_ONE "$ONE"
simulator sim-many $SIM_MANY "$MANY"

echo "Baseline (s): the simulator serving pages of $PAGE to curl ..."
serve_rate $SIM_ONE >/dev/null   # warm-up
SERVE=$(serve_rate $SIM_ONE); echo "  $SERVE"
# the feeds' sizes, as served (the simulator's turnstiles skip some ticks, so not exactly turnstiles x ticks)
rows_one=$(field rows "$SERVE") rows_many=$(field rows "$(serve_rate $SIM_MANY)")
echo "Baseline (t): ProducerPerformance with transactions, $TX_RECORDS CSV rows ..."
curl -fsS "http://127.0.0.1:$SIM_ONE/turnstile/rows.csv?\$limit=5000&header=false" | tr -d '\r' >"$WORK/rows.csv"
create_topic bench.tx
TX=$("$JAVA17" -Xmx512m -cp "$(cat $BROKER_CP_FILE)" org.apache.kafka.tools.ProducerPerformance --topic bench.tx \
  --num-records "$TX_RECORDS" --throughput -1 --payload-file "$WORK/rows.csv" --transactional-id bench-tx \
  --transaction-duration-ms 250 --producer-props bootstrap.servers="$BOOTSTRAP" acks=all enable.idempotence=true \
  linger.ms=5 batch.size=65536 compression.type=lz4 2>"$LOGS/producer-perf.err" | tail -1 \
  | awk -F', ' '{ split($2, r, " "); printf "records_per_s=%s\n", r[1] }')
echo "  $TX"

echo "Poller (JDK: $APP_JAVA), one source, $rows_one rows ..."
run_poller one $SIM_ONE 1 "$rows_one" "$PAGE" >"$WORK/one.result"; R1=$(cat "$WORK/one.result"); echo "  $R1"
echo "Poller, $SOURCES sources, $rows_many rows each ..."
run_poller many $SIM_MANY "$SOURCES" $((rows_many * SOURCES)) "$PAGE_MANY" >"$WORK/many.result"; RN=$(cat "$WORK/many.result"); echo "  $RN"
stop_all

s=$(field records_per_s "$SERVE") t=$(field records_per_s "$TX")
for res in "one source:$R1" "$SOURCES sources:$RN"; do
  label=${res%%:*} r=${res#*:} v=$(field records_per_s "${res#*:}")
  complete=""; [ "$(field records "$r")" -ge "$(field expected "$r")" ] || complete=" (INCOMPLETE: $(field records "$r") of $(field expected "$r"))"
  target="" verdict_=""
  if [ "$label" = "one source" ]; then target="≥ 20,000 rec/s"; verdict_=$(verdict 'x >= 20000' "$v"); fi
  row "poller, $label: records/s" "$v$complete ($(field records "$r") records in $(field seconds "$r") s)" \
    "(s) $s rec/s; (t) $t rec/s" "$(ratio "$v" "$s") of (s); $(ratio "$v" "$t") of (t)" "$target" "$verdict_"
done
note "Feed: the provider simulator's /turnstile/rows.csv (MTA rows of ~90 bytes), offset pagination, $PAGE rows per page ($PAGE_MANY for the $SOURCES sources), no chaos, no live ticks; one source reads ${rows_one} rows, each of the $SOURCES sources reads its own ${rows_many} (their own simulator). Every page is one Kafka transaction (records + cursor); all sources write to one single-partition topic. (s) is the simulator alone serving the one-source feed to curl, page after page; (t) is Kafka's ProducerPerformance with a transaction every 250 ms, acks=all, idempotent, lz4. The poller runs with -Xmx512m."
print_table "Benchmark 3 — poller, provider simulator → Kafka transactions"
