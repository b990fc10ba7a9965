#!/usr/bin/env bash
# Benchmark 1 — gateway, one event per request.
# Signed 1 KiB GitHub webhooks (POST /webhooks/github, X-Hub-Signature-256) and 1 KiB binary-mode CloudEvents
# (POST /events/ce, X-API-Key) at 16, 64 and 256 connections, against baselines measured in the same run:
#   (a) the minimal forwarder (bench/forwarder: Spring Boot, KafkaTemplate send of the body, answered on the ack),
#   (b) the same server answering without Kafka, (c) Kafka's ProducerPerformance (1 KiB, acks=all, idempotent).
# Throughput and latency come from wrk (closed loop: latencies suffer from coordinated omission); an open-loop run
# at 64 connections and a fixed rate (75 % of the gateway's closed-loop maximum) gives latencies measured from the
# intended send time, for the gateway and the forwarder alike, in ROUNDS rounds too. At 64 connections each app's CPU time per request
# (and the broker's, and the rest of the machine's) is reported beside the forwarder's.
#
#   bench/gateway-requests.sh            DURATION=10 (s per point) ROUNDS=3 RAW_RECORDS=3000000 JFR=0 (1: record both apps)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
bench_init gateway-requests ingest-gateway
DURATION=${DURATION:-10}
# JIT warm-up: measured, the gateway's webhook path still ran at 0.4 of its speed after 20 s, and at full speed from
# about 30 s on; the forwarder's one short path warms faster, so a short warm-up understates the gateway only
WARMUP=${WARMUP:-30}
RAW_RECORDS=${RAW_RECORDS:-3000000}
CONNECTIONS=${CONNECTIONS:-16 64 256}
OPEN_SECONDS=${OPEN_SECONDS:-15}
ROUNDS=${ROUNDS:-3}
URL=http://127.0.0.1:$APP_PORT

echo "Preparing requests ..."
payloads webhook-github "$WORK/webhook.req" --count 1000 --secret bench-secret
payloads cloudevents "$WORK/cloudevents.req" --count 1000 --api-key bench-key

echo "Starting Kafka ..."
start_broker
for t in bench.webhook bench.events bench.forwarder bench.raw; do create_topic $t; done

echo "Baseline (c): ProducerPerformance, $RAW_RECORDS records of 1 KiB ..."
RAW=$(raw_producer "$RAW_RECORDS" bench.raw)
echo "  $RAW"

declare -A RES
FWD_URL=http://127.0.0.1:$((APP_PORT + 1))

echo "Gateway (JDK: $APP_JAVA) and, beside it, the minimal forwarder for baselines (a) and (b) ..."
start_spring gateway "$URL/actuator/health/readiness" -jar $GATEWAY_JAR --server.port=$APP_PORT \
  --spring.kafka.bootstrap-servers=$BOOTSTRAP --spring.config.additional-location=file:bench/config/gateway-bench.yml
GATEWAY_PID=$APP_PID
start_spring forwarder "$FWD_URL/ready" -jar $FORWARDER_JAR --server.port=$((APP_PORT + 1)) \
  --spring.kafka.bootstrap-servers=$BOOTSTRAP
FORWARDER_PID=$APP_PID
# the first send fetches the topic's metadata: retried, so a slow first fetch does not end the run
for _ in 1 2 3 4 5 6; do
  curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' -d '{}' "$FWD_URL/forward" 2>/dev/null && break
  sleep 1
done
echo "  warm-up ..."
wrk_run 64 "$WARMUP" "$URL/webhooks/github" "$WORK/webhook.req" >/dev/null
wrk_run 64 "$WARMUP" "$URL/events/ce" "$WORK/cloudevents.req" >/dev/null
wrk_run 64 "$WARMUP" "$FWD_URL/forward" "$WORK/webhook.req" >/dev/null
wrk_run 64 "$WARMUP" "$FWD_URL/noop" "$WORK/webhook.req" >/dev/null
# both apps stay up and the points are taken in turn, gateway and baselines back to back at each connection count,
# so that a change in whatever else runs on the machine hits them alike; and in ROUNDS rounds, because that change
# is large here: within one run the gateway/forwarder ratio at 64 connections went from 0.62 to 0.73 between rounds
for c in $CONNECTIONS; do
  take_rounds "$c" "webhook $GATEWAY_PID $URL/webhooks/github webhook" \
    "cloudevents $GATEWAY_PID $URL/events/ce cloudevents" "forward $FORWARDER_PID $FWD_URL/forward webhook" \
    "noop $FORWARDER_PID $FWD_URL/noop webhook"
  for label in webhook cloudevents forward noop; do
    RES[$label@$c]=$(round_lines "$label" "$c" | median_by ok_per_s)
  done
done
OPEN_RATE=${OPEN_RATE:-$(awk -v r="$(field ok_per_s "${RES[webhook@64]:-ok_per_s=1000}")" 'BEGIN { printf "%d", r * 0.75 }')}
# in rounds as well: one run's p99 rests on a few hundred requests, and one stall of either app (or of the load
# generator's own JVM) moves it by tens of milliseconds
for round in $(seq 1 "$ROUNDS"); do
  for target in "webhook $URL/webhooks/github" "forward $FWD_URL/forward"; do
    read -r label url <<<"$target"
    ROUND[open-$label@$round]=$(openloop_run 64 "$OPEN_RATE" "$OPEN_SECONDS" "$url" "$WORK/webhook.req")
    echo "  open loop $label @64, $OPEN_RATE/s, round $round: ${ROUND[open-$label@$round]}"
  done
done
for label in webhook forward; do
  RES[open-$label]=$(for round in $(seq 1 "$ROUNDS"); do echo "${ROUND[open-$label@$round]}"; done | median_by p99)
done
APP_PID=$GATEWAY_PID; stop_app; jfr_report gateway
APP_PID=$FORWARDER_PID; stop_app; jfr_report forwarder
stop_broker

# --- table -----------------------------------------------------------------------------------------------------
lat() { printf '%s / %s / %s / %s' "$(field p50 "$1")" "$(field p95 "$1")" "$(field p99 "$1")" "$(field p999 "$1")"; }
cpu() { printf '%s / %s / %s' "$(field app_us "$1")" "$(field broker_us "$1")" "$(field rest_us "$1")"; }
cpu_total() { echo $(( $(field app_us "$1") + $(field broker_us "$1") + $(field rest_us "$1") )); }
errs() { local n; n=$(( $(field non2xx "$1") + $(field errors "$1") )); [ "$n" = 0 ] || printf ' (%s non-2xx/errors)' "$n"; }
raw_rate=$(field records_per_s "$RAW")
for kind in webhook cloudevents; do
  for c in $CONNECTIONS; do
    g=${RES[$kind@$c]} a=${RES[forward@$c]} b=${RES[noop@$c]}
    gr=$(field ok_per_s "$g") ar=$(field ok_per_s "$a") br=$(field ok_per_s "$b")
    rounds=$(per_round_ratio "$kind" forward "$c" | sort -n)
    r=$(awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }' <<<"$rounds")
    row "$kind req/s @$c conns" "$gr$(errs "$g")" "(a) $ar; (b) $br; (c) $raw_rate rec/s" \
      "$r of (a) (rounds: $(paste -sd' ' <<<"$rounds")); $(ratio "$gr" "$raw_rate") of (c)" "≥ 0.85 of (a)" \
      "$(verdict 'x >= 0.85' "$r")"
    if [ "$c" = 64 ]; then
      row "$kind CPU µs per request @$c: app / broker / rest of machine" "$(cpu "$g")" "(a) $(cpu "$a")" \
        "(a)'s total $(ratio "$(cpu_total "$a")" "$(cpu_total "$g")") of this" "" ""
      p99=$(field p99 "$g")
      row "$kind latency ms p50/p95/p99/p99.9 @$c (wrk)" "$(lat "$g")" "(a) $(lat "$a"); (b) $(lat "$b")" "" \
        "p99 ≤ 10 ms" "$(verdict 'x <= 10' "$p99")"
    else
      row "$kind latency ms p50/p95/p99/p99.9 @$c (wrk)" "$(lat "$g")" "(a) $(lat "$a"); (b) $(lat "$b")" "" "" ""
    fi
  done
done
og=${RES[open-webhook]} of=${RES[open-forward]}
open_p99s() { local round; for round in $(seq 1 "$ROUNDS"); do printf '%s ' "$(field p99 "${ROUND[open-$1@$round]}")"; done; }
row "webhook open loop @64, $OPEN_RATE req/s offered: achieved; ms p50/p95/p99/p99.9 (the round of median p99)" \
  "$(field achieved_rate "$og")/s$(errs "$og"); $(lat "$og")" "(a) $(field achieved_rate "$of")/s; $(lat "$of")" \
  "p99 $(ratio "$(field p99 "$og")" "$(field p99 "$of")") × (a) (p99 per round: $(open_p99s webhook)against (a)'s $(open_p99s forward| sed 's/ $//'))" \
  "p99 ≤ 10 ms" "$(verdict 'x <= 10' "$(field p99 "$og")")"
row "raw producer (c), 1 KiB, acks=all, idempotent, lz4" "$raw_rate rec/s (p50 $(field p50 "$RAW") ms, p99 $(field p99 "$RAW") ms)" \
  "" "" "" ""
note "wrk (closed loop, 2 threads, same machine) gives the req/s and the '(wrk)' latencies: these suffer from coordinated omission (a stalled answer delays the requests that would have been sent meanwhile, and they go unmeasured), so they understate the tail. The open-loop row is measured from each request's intended send time (bench/loadgen OpenLoop, HdrHistogram), for the gateway and the forwarder at the same offered rate."
note "CPU per request: the serving app's, the broker's and the rest of the machine's (wrk, kernel) CPU time over the point, from /proc, divided by the requests answered. On these two cores the apps are CPU-bound at 64 connections, so (a)'s total as a share of the gateway's is about the req/s ratio, and it moves less with the machine's speed that minute."
note "Gateway and forwarder run side by side (ports $APP_PORT and $((APP_PORT + 1))); at each connection count the four points are taken back to back, in $ROUNDS rounds. Each figure is the round with the median req/s of that point; a ratio is the median of the rounds' own ratios (each listed), which cancels most of the machine's drift."
note "(a) minimal forwarder: Spring Boot $(unzip -p $FORWARDER_JAR META-INF/MANIFEST.MF 2>/dev/null | sed -n 's/^Spring-Boot-Version: //p' | tr -d '\r'), Tomcat, virtual threads, KafkaTemplate send of the body answered on the ack, same producer settings as the gateway (acks=all, idempotent, linger 1 ms, 64 KiB batches, lz4). (b) the same app answering without Kafka. Every app runs with -Xmx512m. ${WARMUP} s warm-up per endpoint, ${DURATION} s per point."
print_table "Benchmark 1 — gateway, one event per request"
