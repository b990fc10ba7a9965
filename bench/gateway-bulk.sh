#!/usr/bin/env bash
# Benchmark 2 — gateway, bulk bodies: NDJSON and CSV bodies of 100 and 1,000 records of ~1 KiB each
# (POST /events/bulk, X-API-Key), one Kafka record per element; records/s against baseline (c), Kafka's own
# ProducerPerformance with the same 1 KiB records, acks=all, idempotent, measured in the same run.
#
#   bench/gateway-bulk.sh      DURATION=10 (s per point) BULK_CONNECTIONS=8 RAW_RECORDS=3000000 JFR=0
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
bench_init gateway-bulk ingest-gateway
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
RAW_RECORDS=${RAW_RECORDS:-3000000}
BULK_CONNECTIONS=${BULK_CONNECTIONS:-8}
URL=http://127.0.0.1:$APP_PORT/events/bulk
SHAPES=${SHAPES:-ndjson:100 ndjson:1000 csv:100 csv:1000}

echo "Preparing requests ..."
for shape in $SHAPES; do
  kind=${shape%%:*} n=${shape##*:}
  payloads "$kind" "$WORK/$kind-$n.req" --count $((n >= 1000 ? 8 : 40)) --records "$n" --api-key bench-key
done

echo "Starting Kafka ..."
start_broker
create_topic bench.bulk

echo "Baseline (c): ProducerPerformance, $RAW_RECORDS records of 1 KiB ..."
RAW=$(raw_producer "$RAW_RECORDS" bench.raw)
echo "  $RAW"

echo "Gateway (JDK: $APP_JAVA) ..."
start_spring gateway "http://127.0.0.1:$APP_PORT/actuator/health/readiness" -jar $GATEWAY_JAR --server.port=$APP_PORT \
  --spring.kafka.bootstrap-servers=$BOOTSTRAP --spring.config.additional-location=file:bench/config/gateway-bench.yml
for shape in $SHAPES; do
  kind=${shape%%:*} n=${shape##*:}
  wrk_run "$BULK_CONNECTIONS" "$((WARMUP / 2))" "$URL" "$WORK/$kind-$n.req" >/dev/null
done
declare -A RES
for shape in $SHAPES; do
  kind=${shape%%:*} n=${shape##*:}
  RES[$shape]=$(wrk_run "$BULK_CONNECTIONS" "$DURATION" "$URL" "$WORK/$kind-$n.req")
  echo "  $shape: ${RES[$shape]}"
done
stop_app
jfr_report gateway
stop_broker

raw_rate=$(field records_per_s "$RAW")
for shape in $SHAPES; do
  kind=${shape%%:*} n=${shape##*:} res=${RES[$shape]}
  rate=$(awk -v r="$(field ok_per_s "$res")" -v n="$n" 'BEGIN { printf "%.0f", r * n }')
  bad=$(( $(field non2xx "$res") + $(field errors "$res") ))
  extra=""; [ "$bad" = 0 ] || extra=" ($bad non-2xx/errors)"
  r=$(ratio "$rate" "$raw_rate")
  row "$kind, $n records/request: records/s @$BULK_CONNECTIONS conns" \
    "$rate$extra (request p50 $(field p50 "$res") ms, p99 $(field p99 "$res") ms)" "(c) $raw_rate rec/s" "$r" \
    "≥ 0.90 of (c)" "$(verdict 'x >= 0.90' "$r")"
done
note "Records are ~1 KiB JSON objects (NDJSON) or ~1 KiB CSV rows under a header row; the raw producer sends the same JSON records (--payload-file), acks=all, idempotent, linger 1 ms, 64 KiB batches, lz4, as the gateway's producer. Load by wrk (closed loop), ${BULK_CONNECTIONS} connections, ${DURATION} s per point after warm-up; the gateway runs with -Xmx512m."
print_table "Benchmark 2 — gateway, bulk bodies"
