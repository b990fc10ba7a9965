#!/usr/bin/env bash
# Benchmark 6 — gateway memory: peak heap (used, and after GC) and RSS, (1) under load — signed webhooks at 256
# connections plus NDJSON bodies of 1,000 records at 8 connections, together — and (2) under the same load with
# the broker stopped (every request waits its publish timeout and is answered 503), then (3) that it recovers
# once the broker is back, and (4) six concurrent bodies of the largest size (16 MB, 100,000 records: three CSV, three
# NDJSON) against the memory budget (streamgate.memory.bodies-in-flight, a quarter of the heap by default). The
# gateway runs with the deployment heap, -Xmx512m (as run.sh).
#
#   bench/gateway-memory.sh      PHASE_SECONDS=20 JFR=0
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
bench_init gateway-memory ingest-gateway
PHASE_SECONDS=${PHASE_SECONDS:-20}
URL=http://127.0.0.1:$APP_PORT

payloads webhook-github "$WORK/webhook.req" --count 1000 --secret bench-secret
payloads ndjson "$WORK/ndjson-1000.req" --count 8 --records 1000 --api-key bench-key

echo "Starting Kafka ..."
start_broker
create_topic bench.webhook; create_topic bench.bulk
echo "Gateway (JDK: $APP_JAVA, -Xmx512m) ..."
start_spring gateway "$URL/actuator/health/readiness" -jar $GATEWAY_JAR --server.port=$APP_PORT \
  --spring.kafka.bootstrap-servers=$BOOTSTRAP --spring.config.additional-location=file:bench/config/gateway-bench.yml
GW=$APP_PID
start_memory_sampler "$GW"

load() { # $1: seconds; webhooks @256 and bulk @8 at once; prints both summary lines
  local bulk_out="$WORK/bulk-load.txt"
  wrk_run 8 "$1" "$URL/events/bulk" "$WORK/ndjson-1000.req" >"$bulk_out" &
  local bulk=$!
  echo "webhooks $(wrk_run 256 "$1" "$URL/webhooks/github" "$WORK/webhook.req")"
  wait $bulk
  echo "bulk $(cat "$bulk_out")"
}

wrk_run 64 5 "$URL/webhooks/github" "$WORK/webhook.req" >/dev/null   # warm-up
echo "Phase 1: load, broker up ($PHASE_SECONDS s) ..."
t0=$(jvm_uptime "$GW"); UP=$(load "$PHASE_SECONDS"); t1=$(jvm_uptime "$GW")
echo "$UP"
echo "Phase 2: load, broker stopped ($PHASE_SECONDS s) ..."
stop_broker
t2=$(jvm_uptime "$GW"); DOWN=$(load "$PHASE_SECONDS"); t3=$(jvm_uptime "$GW")
echo "$DOWN"
alive=$(curl -s -o /dev/null -w '%{http_code}' "$URL/actuator/health/liveness" || true)
echo "Phase 3: broker back ..."
start_broker keep
recovered=none
for i in $(seq 1 60); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/x-ndjson' -H 'X-API-Key: bench-key' \
    --data-binary '{"probe":'"$i"'}' "$URL/events/bulk" || true)
  if [ "${code:0:1}" = 2 ]; then recovered="after $i probe(s)"; break; fi
  sleep 1
done
echo "Phase 4: six concurrent 16 MB bodies ..."
python3 - "$WORK" <<'PY'
import sys
pad = "x" * 80
with open(sys.argv[1] + "/max.csv", "w") as f:
    f.write("id,station,entries,exits,note\n")
    for i in range(99_999):
        f.write(f"{i},59 ST {pad},{i:010d},0002590330,REGULAR\n")
with open(sys.argv[1] + "/max.ndjson", "w") as f:
    for i in range(100_000):
        f.write(f'{{"id":{i},"station":"59 ST","entries":{i},"pad":"{pad}"}}\n')
PY
t4=$(jvm_uptime "$GW")
for i in 1 2 3; do
  curl -s -o /dev/null -w '%{http_code}\n' -H 'X-API-Key: bench-key' -H 'Content-Type: text/csv' \
    --data-binary @"$WORK/max.csv" "$URL/events/bulk-max" >"$WORK/max-$i-csv.code" &
  curl -s -o /dev/null -w '%{http_code}\n' -H 'X-API-Key: bench-key' -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$WORK/max.ndjson" "$URL/events/bulk-max" >"$WORK/max-$i-ndjson.code" &
done
wait
t5=$(jvm_uptime "$GW")
MAX_CODES=$(cat "$WORK"/max-*.code | sort | uniq -c | awk '{printf "%s%s×%s", (NR>1?", ":""), $1, $2}')
after=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/x-ndjson' -H 'X-API-Key: bench-key' \
  --data-binary '{"after":1}' "$URL/events/bulk" || true)
echo "six max-size bodies: $MAX_CODES; a normal request right after: $after"
sleep 1
stop_app
stop_broker

oom=$(grep -c OutOfMemoryError "$LOGS/gateway.log" || true)
M_UP=$(memory_window "$t0" "$t1" "$WORK/gateway-gc.log")
M_DOWN=$(memory_window "$t2" "$t3" "$WORK/gateway-gc.log")
M_MAX=$(memory_window "$t4" "$t5" "$WORK/gateway-gc.log")
echo "up:   $M_UP"; echo "down: $M_DOWN"; echo "max:  $M_MAX"
wh() { grep '^webhooks' <<<"$1" | cut -d' ' -f2-; }
bk() { grep '^bulk' <<<"$1" | cut -d' ' -f2-; }
mem_row() { # $1: label, $2: memory line, $3: load lines
  local heap; heap=$(field heap_peak_mib "$2")
  row "$1: heap peak used / max after GC, MiB" "$heap / $(field heap_after_gc_max_mib "$2")" "" "" "≤ 512 MiB" \
    "$(verdict 'x <= 512' "$heap")$([ "$oom" = 0 ] || echo ", OutOfMemoryError")"
  row "$1: RSS peak MiB; GC time share" "$(field rss_peak_mib "$2"); $(field gc_share "$2")" "" "" "" ""
  row "$1: load served" "webhooks @256: $(field ok_per_s "$(wh "$3")") 2xx/s, $(field non2xx "$(wh "$3")") non-2xx, $(field errors "$(wh "$3")") errors; NDJSON×1000 @8: $(field ok_per_s "$(bk "$3")") 2xx/s, $(field non2xx "$(bk "$3")") non-2xx" "" "" "" ""
}
mem_row "broker up" "$M_UP" "$UP"
mem_row "broker stopped" "$M_DOWN" "$DOWN"
row "six concurrent 16 MB bodies: heap peak used / max after GC, MiB; budget" \
  "$(field heap_peak_mib "$M_MAX") / $(field heap_after_gc_max_mib "$M_MAX"); budget 128 MiB (¼ of -Xmx512m)" "" "" \
  "≤ 512 MiB, no OOM" "$(verdict 'x <= 512' "$(field heap_peak_mib "$M_MAX")")$([ "$oom" = 0 ] || echo ", OutOfMemoryError")"
row "six concurrent 16 MB bodies: answers" "$MAX_CODES; a normal request right after: $after" "" "" \
  "2xx/4xx/503 only" "$(grep -q '^5[0-9][0-9]' <(cat "$WORK"/max-*.code | grep -v 503) && echo MISS || echo pass)"
row "after the outage" "liveness $alive during it; 2xx again $recovered after the broker restarted" "" "" \
  "bounded, recovers" "$([ "$recovered" != none ] && [ "$oom" = 0 ] && echo pass || echo MISS)"
note "Heap used is sampled every 0.5 s with jstat (young + old generations); 'after GC' is the highest heap occupancy right after a collection in the GC log (what the gateway really holds). With the broker stopped every request is answered 503 once its publish timeout expires (streamgate.publish.timeout) or the producer's max.block.ms, so in-flight work is bounded by the connections; the producer's buffer.memory bounds what waits for the broker. ${PHASE_SECONDS} s per phase."
print_table "Benchmark 6 — gateway memory under load and with the broker stopped"
