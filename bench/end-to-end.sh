#!/usr/bin/env bash
# Benchmark 5 — end to end: from the gateway's HTTP 2xx for a turnstile row (POST /events/turnstile, text/csv) to
# the moment its window row is visible in the Delta `windows` table of the mta-turnstile job, p50 and p95.
# "Visible" is the Delta commit that first adds a data file holding the row: each probe carries a UNIT of its own
# ("Z" + number, above every real UNIT) and is sent only once the previous one is visible, so a commit holds probe k
# exactly when the statistics of a file it adds give k as that file's highest UNIT; the time is the commit file's
# modification time. Nothing else is sent meanwhile (an idle pipeline: the latency floor the triggers allow).
#
#   bench/end-to-end.sh      PROBES=20 WARMUP=10 (unmeasured rows first) BUDGET=300 (s for all probes) TRIGGER=PT1S (--trigger of AggregatorMain; the
#                            job's own is PT5S: fewer, larger files for the same data) SPARK_OPTS=...
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
bench_init end-to-end ingest-gateway spark-aggregator
ensure_tools jq
PROBES=${PROBES:-20}
WARMUP=${WARMUP:-10}
BUDGET=${BUDGET:-300}           # seconds for all probes; fewer are taken when the pipeline is slower
PROBE_TIMEOUT=${PROBE_TIMEOUT:-180}
TRIGGER=${TRIGGER:-PT1S}
URL=http://127.0.0.1:$APP_PORT
DELTA_LOG=$WORK/lake/mta-turnstile/windows/_delta_log

echo "Starting Kafka, the gateway and the aggregator (local[2], trigger $TRIGGER) ..."
start_mta_aggregator "$TRIGGER"
AGG=$LAST_PID
start_spring gateway "$URL/actuator/health/readiness" -jar $GATEWAY_JAR --server.port=$APP_PORT \
  --spring.kafka.bootstrap-servers=$BOOTSTRAP --spring.config.additional-location=file:bench/config/gateway-bench.yml

send() { # $1: UNIT; prints the epoch seconds of the 2xx
  local now row start code total
  now=$(TZ=America/New_York date +'%m/%d/%Y,%H:%M:%S')
  row="P001,$1,00-00-00,BENCH ST,1,IRT,$now,REGULAR,1,1"
  start=$(date +%s.%N)
  read -r code total < <(curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "$URL/events/turnstile" \
    -H 'X-API-Key: bench-key' -H 'Content-Type: text/csv' --data-binary "$row")
  [ "${code:0:1}" = 2 ] || { echo "probe $1 answered $code" >&2; return 1; }
  awk -v s="$start" -v t="$total" 'BEGIN { printf "%.3f\n", s + t }'
}
visible_at() { # $1: UNIT, $2: epoch deadline; prints the mtime of the first commit adding a file whose max UNIT is $1
  local f
  while [ "$(date +%s)" -lt "$2" ]; do
    for f in $(ls "$DELTA_LOG"/*.json 2>/dev/null | sort); do
      [ "$f" -nt "$WORK/since" ] || continue
      if jq -e --arg u "$1" 'select(.add.stats != null) | .add.stats | fromjson | .maxValues.UNIT == $u' "$f" 2>/dev/null | grep -q true; then
        stat -c %.3Y "$f"; return 0
      fi
    done
    sleep 0.1
  done
  return 1
}

# The driver's planning and code generation take tens of batches to reach compiled speed (a one-row batch took 9 s at
# first and 5 s by the sixth): the figure is the running job's, so the first WARMUP rows go through unmeasured.
echo "  warming up: $WARMUP rows through to the lake, one at a time ..."
for i in $(seq 1 "$WARMUP"); do
  unit=$(printf 'W%04d' "$i")
  touch -d '-1 min' "$WORK/since"
  send "$unit" >/dev/null
  visible_at "$unit" $(( $(date +%s) + 300 )) >/dev/null || { echo "warm-up row $unit never reached the windows table; see $LOGS" >&2; exit 1; }
done
: >"$WORK/latencies.txt"
until_=$(( $(date +%s) + BUDGET ))
for i in $(seq 1 "$PROBES"); do
  [ "$(date +%s)" -lt "$until_" ] || { echo "  probe budget of ${BUDGET}s spent after $((i - 1)) probes"; break; }
  unit=$(printf 'Z%04d' "$i")
  touch "$WORK/since"; sleep 0.05
  sent=$(send "$unit")
  seen=$(visible_at "$unit" $(( $(date +%s) + PROBE_TIMEOUT ))) || { echo "  probe $unit: not visible within $PROBE_TIMEOUT s"; continue; }
  awk -v a="$sent" -v b="$seen" 'BEGIN { printf "%.3f\n", b - a }' | tee -a "$WORK/latencies.txt" | sed "s/^/  probe $unit: /;s/$/ s/"
  sleep 1
done
stop_all

n=$(wc -l <"$WORK/latencies.txt")
stats=$(sort -n "$WORK/latencies.txt" | awk '{ v[NR] = $1 } END { if (NR == 0) { print "p50=0 p95=0 max=0"; exit }
  printf "p50=%.2f p95=%.2f max=%.2f\n", v[int((NR - 1) * 0.5) + 1], v[int((NR - 1) * 0.95) + 1], v[NR] }')
row "HTTP 2xx → row visible in Delta windows, s p50 / p95 / max ($n of $PROBES probes)" \
  "$(field p50 "$stats") / $(field p95 "$stats") / $(field max "$stats")" "" "" "p50 ≤ 2.5 s, p95 ≤ 4 s" \
  "$( [ "$n" -gt 0 ] && verdict 'x <= 0' "$(awk -v a="$(field p50 "$stats")" -v b="$(field p95 "$stats")" \
    'BEGIN { print (a > 2.5) + (b > 4) }')" || echo MISS)"
note "Trigger settings: the one query of the mta-turnstile job (Kafka → events append and windows MERGE in one foreachBatch) runs with ProcessingTime $TRIGGER (AggregatorMain --trigger $TRIGGER), local[2], -Xmx2g, Java 17; gateway on JDK 25 with -Xmx512m; probes one at a time with 1 s between them, after $WARMUP unmeasured warm-up rows, on an otherwise idle pipeline. A row waits on average half a trigger, plus the batch duration."
print_table "Benchmark 5 — end to end, HTTP 2xx to the Delta windows table"
