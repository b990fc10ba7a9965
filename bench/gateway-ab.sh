#!/usr/bin/env bash
# Two builds of the gateway side by side, for judging a change to its request path: build A (BASE_JAR, e.g. main's
# jar built from a worktree) and build B (GATEWAY_JAR, by default this checkout's), with the minimal forwarder as in
# benchmark 1, all on one broker. Points are taken in interleaved rounds (A, B, forwarder, one after the other, for
# webhooks and CloudEvents), because this machine's speed moves by tens of percent within minutes: two runs of
# benchmark 1 an hour apart differ more than most changes do. Reports each build's req/s and CPU per request, and B's
# req/s over A's per round.
#
# B_ARGS adds arguments to build B's command line, for judging a setting on one jar (BASE_JAR=GATEWAY_JAR).
#
#   BASE_JAR=/path/to/ingest-gateway.jar bench/gateway-ab.sh     CONNECTIONS=64 DURATION=10 ROUNDS=3 WARMUP=30 B_ARGS=
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
[ -f "${BASE_JAR:-}" ] || { echo "BASE_JAR must name the jar of build A" >&2; exit 2; }
bench_init gateway-ab ingest-gateway
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-30}   # benchmark 1's: the gateway's JIT needs about 30 s
PORT_A=$APP_PORT PORT_F=$((APP_PORT + 1)) PORT_B=$((APP_PORT + 2))

payloads webhook-github "$WORK/webhook.req" --count 1000 --secret bench-secret
payloads cloudevents "$WORK/cloudevents.req" --count 1000 --api-key bench-key
start_broker
for t in bench.webhook bench.events bench.forwarder; do create_topic $t; done
declare -A PID EXTRA=([A]="" [B]="${B_ARGS:-}")
for build in "A $BASE_JAR $PORT_A" "B $GATEWAY_JAR $PORT_B"; do
  read -r name jar port <<<"$build"
  # shellcheck disable=SC2086 # B_ARGS is a list of arguments
  start_spring "gateway-$name" "http://127.0.0.1:$port/actuator/health/readiness" -jar "$jar" --server.port="$port" \
    --spring.kafka.bootstrap-servers=$BOOTSTRAP --spring.config.additional-location=file:bench/config/gateway-bench.yml \
    ${EXTRA[$name]}
  PID[$name]=$APP_PID
done
start_spring forwarder "http://127.0.0.1:$PORT_F/ready" -jar $FORWARDER_JAR --server.port=$PORT_F \
  --spring.kafka.bootstrap-servers=$BOOTSTRAP
PID[F]=$APP_PID
for _ in 1 2 3 4 5 6; do
  curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$PORT_F/forward" \
    2>/dev/null && break
  sleep 1
done
# every endpoint of every app, as "label pid url requests"
TARGETS=()
for kind in "webhook /webhooks/github webhook" "cloudevents /events/ce cloudevents"; do
  read -r k path requests <<<"$kind"
  TARGETS+=("$k-A ${PID[A]} http://127.0.0.1:$PORT_A$path $requests" "$k-B ${PID[B]} http://127.0.0.1:$PORT_B$path $requests")
done
TARGETS+=("forward ${PID[F]} http://127.0.0.1:$PORT_F/forward webhook")
echo "  warm-up ..."
for target in "${TARGETS[@]}"; do
  read -r _ _ url requests <<<"$target"
  wrk_run 64 "$WARMUP" "$url" "$WORK/$requests.req" >/dev/null
done
for c in $CONNECTIONS; do
  take_rounds "$c" "${TARGETS[@]}"
done
stop_all

rounds_of() { # $1: label, $2: connections, $3: key; that key's value in each round
  local line; round_lines "$1" "$2" | while read -r line; do field "$3" "$line"; done | paste -sd' '
}
ratios() { per_round_ratio "$@" | paste -sd' '; } # per_round_ratio's figures on one line
for c in $CONNECTIONS; do
  row "forwarder req/s @$c, per round" "$(rounds_of forward "$c" ok_per_s)" "" "" "" ""
  for k in webhook cloudevents; do
    row "$k req/s @$c, per round: B" "$(rounds_of "$k-B" "$c" ok_per_s)" "A: $(rounds_of "$k-A" "$c" ok_per_s)" \
      "B/A: $(ratios "$k-B" "$k-A" "$c"); B/(a): $(ratios "$k-B" forward "$c")" "" ""
    row "$k app CPU µs per request @$c, per round: B" "$(rounds_of "$k-B" "$c" app_us)" \
      "A: $(rounds_of "$k-A" "$c" app_us); (a): $(rounds_of forward "$c" app_us)" "" "" ""
  done
done
note "A: $BASE_JAR; B: $GATEWAY_JAR${B_ARGS:+ $B_ARGS}. One broker, three apps side by side (-Xmx512m each), wrk with 2 threads on the same two cores; ${WARMUP} s warm-up per endpoint, ${DURATION} s per point, in each round A, B and the forwarder back to back. CPU per request: the app's CPU time over the point (/proc) over the requests answered."
print_table "Gateway A/B — two builds side by side"
