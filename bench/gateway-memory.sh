#!/usr/bin/env bash
# Benchmark 6 — gateway memory: peak heap (used, and after GC) and RSS, (1) under load — signed webhooks at 256
# connections plus NDJSON bodies of 1,000 records at 8 connections, together — and (2) under the same load with
# the broker stopped (every request waits its publish timeout and is answered 503), then (3) that it recovers
# once the broker is back, and (4) six concurrent bodies of the largest size (16 MB, 100,000 records: three CSV, three
# NDJSON) against the memory budget (streamgate.memory.bodies-in-flight, a quarter of the heap by default).
# Then (5) what a connection costs — many slow connections whose headers trickle, from
# 16 addresses, heap after a full GC against none — and (6) the issue's flood: one address (127.0.0.1) keeps up to
# FLOOD_CONNECTIONS slow connections trickling (half headers, half bodies, a piece every 3 s) for FLOOD_SECONDS
# while a well-behaved client on 127.0.0.2 posts a webhook every 0.25 s: peak heap and connections held beside the
# budget, what the well-behaved client got, and whether the gateway is idle again 30 s later.
# The gateway runs with the deployment heap, -Xmx512m (as run.sh).
#
#   bench/gateway-memory.sh      PHASE_SECONDS=20 WARMUP_SECONDS=60 FLOOD_CONNECTIONS=9000 FLOOD_SECONDS=60 JFR=0
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
bench_init gateway-memory ingest-gateway
PHASE_SECONDS=${PHASE_SECONDS:-20}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
FLOOD_CONNECTIONS=${FLOOD_CONNECTIONS:-9000}
FLOOD_SECONDS=${FLOOD_SECONDS:-60}
URL=http://127.0.0.1:$APP_PORT
OPERATOR=(-u bench:bench-operator)
# one file descriptor per flood connection in the flooding JVM, plus its own
FD_LIMIT=$(ulimit -n)
if [ "$FD_LIMIT" != unlimited ] && [ "$FD_LIMIT" -lt $((FLOOD_CONNECTIONS + 1000)) ]; then
  ulimit -n $((FLOOD_CONNECTIONS + 1000)) 2>/dev/null || {
    FLOOD_CONNECTIONS=$((FD_LIMIT - 1000))
    echo "ulimit -n is $FD_LIMIT and cannot be raised: flooding with $FLOOD_CONNECTIONS connections"; }
fi

payloads webhook-github "$WORK/webhook.req" --count 1000 --secret bench-secret
payloads ndjson "$WORK/ndjson-1000.req" --count 8 --records 1000 --api-key bench-key

echo "Starting Kafka ..."
start_broker
create_topic bench.webhook; create_topic bench.bulk
echo "Gateway (JDK: $APP_JAVA, -Xmx512m) ..."
start_spring gateway "$URL/actuator/health/readiness" -jar $GATEWAY_JAR --server.port=$APP_PORT \
  --spring.kafka.bootstrap-servers=$BOOTSTRAP --spring.config.additional-location=file:bench/config/gateway-bench.yml \
  --streamgate.management.username=bench --streamgate.management.password=bench-operator
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

# a cold JIT serves a fraction of a warm one: after 5 s of warm-up the combined load measured 434 webhooks/s, after
# a minute of it the gateway serves ~4k/s alone (2026-12-03), so phase 1 and its baselines run warm
echo "Warm-up: both loads at once ($WARMUP_SECONDS s) ..."
load "$WARMUP_SECONDS" >/dev/null
echo "Baselines: each load alone ($PHASE_SECONDS s each) ..."
ALONE_WH=$(wrk_run 256 "$PHASE_SECONDS" "$URL/webhooks/github" "$WORK/webhook.req")
ALONE_BK=$(wrk_run 8 "$PHASE_SECONDS" "$URL/events/bulk" "$WORK/ndjson-1000.req")
echo "webhooks alone $ALONE_WH"; echo "bulk alone $ALONE_BK"
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
uploads=()   # waited for by pid: a bare wait would also wait for the memory sampler, which runs to the end
for i in 1 2 3; do
  curl -s -o /dev/null -w '%{http_code}\n' -H 'X-API-Key: bench-key' -H 'Content-Type: text/csv' \
    --data-binary @"$WORK/max.csv" "$URL/events/bulk-max" >"$WORK/max-$i-csv.code" &
  uploads+=($!)
  curl -s -o /dev/null -w '%{http_code}\n' -H 'X-API-Key: bench-key' -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$WORK/max.ndjson" "$URL/events/bulk-max" >"$WORK/max-$i-ndjson.code" &
  uploads+=($!)
done
wait "${uploads[@]}"
t5=$(jvm_uptime "$GW")
MAX_CODES=$(cat "$WORK"/max-*.code | sort | uniq -c | awk '{printf "%s%s×%s", (NR>1?", ":""), $1, $2}')
after=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/x-ndjson' -H 'X-API-Key: bench-key' \
  --data-binary '{"after":1}' "$URL/events/bulk" || true)
echo "six max-size bodies: $MAX_CODES; a normal request right after: $after"
sleep 1

# --- (5) per-connection heap: header-trickling connections from 16 addresses (under every cap), full GC each side
# the operator scrapes from an address of its own: during the flood 127.0.0.1 is at its per-address cap, and a
# refused scrape (curl failing under pipefail) ended the sampler after one sample and the script before its table
meter() { curl -s --interface 127.0.0.3 "${OPERATOR[@]}" "$URL/actuator/prometheus" | awk -v m="$1" '$1 == m { printf "%d", $2 }'; }
heap_after_full_gc() { "$APP_JDK_HOME/bin/jcmd" "$GW" GC.run >/dev/null; sleep 1
  "$APP_JDK_HOME/bin/jstat" -gc "$GW" | awk 'NR == 2 { printf "%d", ($3 + $4 + $6 + $8) * 1024 }'; }
flood() { # $1: from address, $2: connections, $3: seconds, $4: kinds, $5: path
  "$JAVA17" -cp "$BROKER_CLASSES" io.streamgate.testsupport.http.SlowFlood --to "127.0.0.1:$APP_PORT" \
    --path "$5" --from "$1" --connections "$2" --every 3 --seconds "$3" --kinds "$4"; }
echo "Phase 5: what a held connection costs ..."
PER_ADDRESS=100
heap0=$(heap_after_full_gc)
holders=()
for i in $(seq 1 16); do
  flood "127.0.0.$((i + 10))" $PER_ADDRESS 8 headers /webhooks/github >"$WORK/hold-$i.txt" &
  holders+=($!)
done
sleep 5
held=$(meter streamgate_connections_open)
heap1=$(heap_after_full_gc)
wait "${holders[@]}"
PER_CONN_KIB=$(awk -v a="$heap0" -v b="$heap1" -v n="$held" 'BEGIN { if (n > 0) printf "%.1f", (b - a) / n / 1024; else print "n/a" }')
echo "  $held connections held: heap after full GC $((heap0 >> 20)) -> $((heap1 >> 20)) MiB, $PER_CONN_KIB KiB each"

# --- (6) the flood, and a well-behaved client beside it
echo "Phase 6: flood of $FLOOD_CONNECTIONS slow connections from 127.0.0.1 for $FLOOD_SECONDS s ..."
( while :; do meter streamgate_connections_open; echo; sleep 1; done ) >"$WORK/open.txt" 2>/dev/null &
SAMPLER=$!; PIDS+=("$SAMPLER")
steady() { # a signed webhook every 0.25 s from 127.0.0.2; one line per request: code seconds
  while :; do
    ( curl -s -o /dev/null --interface 127.0.0.2 -m 10 -w '%{http_code} %{time_total}\n' -X POST \
        "$URL/webhooks/github" -H 'Content-Type: application/json' -H 'X-GitHub-Event: push' \
        -H "X-GitHub-Delivery: steady-$RANDOM$RANDOM" -H "X-Hub-Signature-256: $STEADY_SIG" --data-binary "$STEADY_BODY" \
        || echo "000 10" ) &
    sleep 0.25
  done
}
STEADY_BODY='{"repository":{"id":1},"steady":true}'
STEADY_SIG="sha256=$(printf '%s' "$STEADY_BODY" | openssl dgst -sha256 -hmac bench-secret | awk '{print $NF}')"
t6=$(jvm_uptime "$GW")
steady >"$WORK/steady.txt" &
STEADY=$!; PIDS+=("$STEADY")
FLOOD=$(flood 127.0.0.1 "$FLOOD_CONNECTIONS" "$FLOOD_SECONDS" both /webhooks/github)
kill "$STEADY" 2>/dev/null; forget_pid "$STEADY"; sleep 10   # answers still due
t7=$(jvm_uptime "$GW")
echo "  flood: $FLOOD"
idle_after=none
for i in $(seq 1 30); do
  c1=$(awk '{ print $14 + $15 }' "/proc/$GW/stat"); sleep 1; c2=$(awk '{ print $14 + $15 }' "/proc/$GW/stat")
  if [ "$(meter streamgate_connections_open)" -le 1 ] && [ $((c2 - c1)) -lt 10 ]; then idle_after="${i} s"; break; fi
done
after_code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/x-ndjson' -H 'X-API-Key: bench-key' \
  --data-binary '{"after":"flood"}' "$URL/events/bulk" || true)
kill "$SAMPLER" 2>/dev/null; forget_pid "$SAMPLER"
M_FLOOD=$(memory_window "$t6" "$t7" "$WORK/gateway-gc.log")
BUDGET=$(meter streamgate_connections_max)
BODY_BUDGET_MIB=$(( $(meter streamgate_memory_bodies_budget_bytes) >> 20 ))
REFUSED=$(meter 'streamgate_connections_refused_total{cap="per-address"}')
CUT_H=$(meter 'streamgate_connections_cut_total{reason="headers-too-slow"}')
CUT_B=$(meter 'streamgate_connections_cut_total{reason="body-too-slow"}')
HELD_MAX=$(sort -n "$WORK/open.txt" | tail -1)
STEADY_N=$(grep -c . "$WORK/steady.txt" || true); STEADY_OK=$(grep -c '^2' "$WORK/steady.txt" || true)
STEADY_MS=$(sort -n -k2 "$WORK/steady.txt" | awk -v n="$STEADY_N" '{ a[NR] = $2 * 1000 }
  END { if (n > 0) printf "p50=%d p99=%d max=%d", a[int(n * 0.5 + 0.5)], a[int(n * 0.99 + 0.5)], a[n] }')
STEADY_STATS="requests=$STEADY_N ok=$STEADY_OK $STEADY_MS"
echo "  well-behaved client: $STEADY_STATS; held at most $HELD_MAX of $BUDGET; idle after $idle_after"
STOP_START=$(date +%s.%N)
stop_app
STOP_SECONDS=$(awk -v a="$STOP_START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
stop_broker

oom=$(grep -c OutOfMemoryError "$LOGS/gateway.log" || true)
M_UP=$(memory_window "$t0" "$t1" "$WORK/gateway-gc.log")
M_DOWN=$(memory_window "$t2" "$t3" "$WORK/gateway-gc.log")
M_MAX=$(memory_window "$t4" "$t5" "$WORK/gateway-gc.log")
echo "up:   $M_UP"; echo "down: $M_DOWN"; echo "max:  $M_MAX"
wh() { grep '^webhooks' <<<"$1" | cut -d' ' -f2-; }
bk() { grep '^bulk' <<<"$1" | cut -d' ' -f2-; }
mem_row() { # $1: label, $2: memory line, $3: load lines, $4: each load alone, just before (optional)
  local heap; heap=$(field heap_peak_mib "$2")
  local alone="" ratio=""
  if [ -n "${4:-}" ]; then
    alone="alone: webhooks $(field ok_per_s "$(wh "$4")") 2xx/s, NDJSON×1000 $(field ok_per_s "$(bk "$4")") 2xx/s"
    ratio="webhooks $(ratio "$(field ok_per_s "$(wh "$3")")" "$(field ok_per_s "$(wh "$4")")"), bulk $(ratio \
      "$(field ok_per_s "$(bk "$3")")" "$(field ok_per_s "$(bk "$4")")") of alone (sum ≈ 1: shared fairly)"
  fi
  row "$1: heap peak used / max after GC, MiB" "$heap / $(field heap_after_gc_max_mib "$2")" "" "" "≤ 512 MiB" \
    "$(verdict 'x <= 512' "$heap")$([ "$oom" = 0 ] || echo ", OutOfMemoryError")"
  row "$1: RSS peak MiB; GC time share" "$(field rss_peak_mib "$2"); $(field gc_share "$2")" "" "" "" ""
  row "$1: load served" "webhooks @256: $(field ok_per_s "$(wh "$3")") 2xx/s, $(field non2xx "$(wh "$3")") non-2xx, $(field errors "$(wh "$3")") errors; NDJSON×1000 @8: $(field ok_per_s "$(bk "$3")") 2xx/s, $(field non2xx "$(bk "$3")") non-2xx" "$alone" "$ratio" "" ""
}
mem_row "broker up" "$M_UP" "$UP" "$(printf 'webhooks %s\nbulk %s' "$ALONE_WH" "$ALONE_BK")"
mem_row "broker stopped" "$M_DOWN" "$DOWN"
row "six concurrent 16 MB bodies: heap peak used / max after GC, MiB; budget" \
  "$(field heap_peak_mib "$M_MAX") / $(field heap_after_gc_max_mib "$M_MAX"); budget $BODY_BUDGET_MIB MiB" "" "" \
  "≤ 512 MiB, no OOM" "$(verdict 'x <= 512' "$(field heap_peak_mib "$M_MAX")")$([ "$oom" = 0 ] || echo ", OutOfMemoryError")"
row "six concurrent 16 MB bodies: answers" "$MAX_CODES; a normal request right after: $after" "" "" \
  "2xx/4xx/503 only" "$(grep -q '^5[0-9][0-9]' <(cat "$WORK"/max-*.code | grep -v 503) && echo MISS || echo pass)"
row "after the outage" "liveness $alive during it; 2xx again $recovered after the broker restarted" "" "" \
  "bounded, recovers" "$([ "$recovered" != none ] && [ "$oom" = 0 ] && echo pass || echo MISS)"
row "per held connection (headers trickling): heap after full GC" "$PER_CONN_KIB KiB ($held held, 16 addresses)" \
  "budget's assumption 64 KiB" "" "≤ 64 KiB" "$(verdict 'x <= 64' "$PER_CONN_KIB")"
fh=$(field heap_peak_mib "$M_FLOOD")
row "flood: heap peak used / max after GC, MiB" "$fh / $(field heap_after_gc_max_mib "$M_FLOOD")" "" "" "≤ 512 MiB" \
  "$(verdict 'x <= 512' "$fh")$([ "$oom" = 0 ] || echo ", OutOfMemoryError")"
row "flood: connections held at most / budget" "$HELD_MAX / $BUDGET (127.0.0.1 capped at 300: bench/config/gateway-bench.yml)" \
  "flood: $(tr ' ' ';' <<<"$FLOOD")" "" "" ""
row "flood: cut off / refused" "headers-too-slow $CUT_H, body-too-slow $CUT_B; refused (per-address cap) $REFUSED" "" "" "" ""
ok_share=$(awk -v a="$STEADY_OK" -v b="$STEADY_N" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')
row "flood: well-behaved client (127.0.0.2, every 0.25 s): 2xx share; ms p50/p99/max" \
  "$ok_share ($STEADY_STATS)" "" "" "≥ 0.99 2xx; p99 ≤ 1 s" \
  "$(verdict 'x >= 0.99' "$ok_share"), p99 $(verdict 'x <= 1000' "$(field p99 "$STEADY_MS")")"
row "after the flood" "idle after $idle_after; a normal request: $after_code; SIGTERM to exit ${STOP_SECONDS} s" "" "" \
  "idle ≤ 30 s; 2xx; exit ≤ 30 s" "$([ "$idle_after" != none ] && [ "${after_code:0:1}" = 2 ] && echo pass || echo MISS)"
note "Heap used is sampled every 0.5 s with jstat (young + old generations); 'after GC' is the highest heap occupancy right after a collection in the GC log (what the gateway really holds). With the broker stopped every request is answered 503 once its publish timeout expires (streamgate.publish.timeout) or the producer's max.block.ms, so in-flight work is bounded by the connections; the producer's buffer.memory bounds what waits for the broker. ${PHASE_SECONDS} s per phase. Flood: bench/lib SlowFlood (test-support) from 127.0.0.1, $FLOOD_CONNECTIONS connections wanted, ${FLOOD_SECONDS} s, one piece every 3 s, new connections at most 150/s once all were tried; the well-behaved client is curl (new connection per request, --interface 127.0.0.2, 10 s timeout), latency from its own send. Per-connection heap: 16 × $PER_ADDRESS header-trickling connections (addresses 127.0.0.11–26), heap after jcmd GC.run with them held less before."
print_table "Benchmark 6 — gateway memory under load and with the broker stopped"
