#!/usr/bin/env bash
# Benchmark 4 — aggregator: sustainable throughput of the mta-turnstile job in local[2] (Java 17), i.e. the highest
# input rate at which the refine query's lag behind the latest offset stays bounded, and the micro-batch durations
# of both its queries (refine: Kafka → Delta events; aggregate: events → windows MERGE) at that rate.
# The input is fed at constant rates, step by step (RATES), by bench/loadgen ContractFeeder: contract records
# (CSV rows, ce_* headers) replaying turnstile history fast, so event time and the watermark keep moving.
# A step is bounded when at least 3 refine batches finish in it and the lag at its last batch is no more than 1.2×
# the lag at mid-step plus one trigger's worth of input (not growing), and the aggregate query, which takes every
# new version of the events table in each batch, is not falling further behind it (versions behind at the end of
# the step no more than twice those at mid-step plus two, as a batch in progress misses the versions committed
# meanwhile); stepping stops at the first
# unbounded rate. Spark's JVM takes minutes to warm up (its JIT compilers still took a third of the CPU after two
# minutes), so the first rate runs for WARMUP_SECONDS before the steps.
#
#   bench/aggregator.sh      RATES="10000 15000 20000 30000 40000 60000 100000" STEP_SECONDS=90 WARMUP_SECONDS=90 TRIGGER=PT5S
#                            SPARK_OPTS="-Dspark.sql.shuffle.partitions=4" (Spark settings as system properties)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
bench_init aggregator spark-aggregator
RATES=${RATES:-10000 15000 20000 30000 40000 60000 100000}
STEP_SECONDS=${STEP_SECONDS:-90}
WARMUP_SECONDS=${WARMUP_SECONDS:-90}
TRIGGER=${TRIGGER:-PT5S}
trigger_s=$(sed -E 's/^PT([0-9.]+)S$/\1/' <<<"$TRIGGER")

echo "Starting Kafka and the aggregator (local[2], trigger $TRIGGER) ..."
start_mta_aggregator "$TRIGGER"
AGG=$LAST_PID
LOG=$LOGS/aggregator.log
feed() { # $1: rate, $2: seconds, $3: first record
  "$JAVA17" -Xmx512m -cp $LOADGEN_JAR io.streamgate.bench.loadgen.ContractFeeder --bootstrap "$BOOTSTRAP" \
    --topic mta.turnstile --rate "$1" --seconds "$2" --start-record "$3"
}
# progress lines: "26/11/22 05:24:05 INFO ...: query mta-turnstile-refine batch 7: 1234 rows, 100 rows/s in,
# 200 rows/s processed, 812 ms, ..."
batches() { # $1: query suffix; prints "epoch_s rows ms" per batch, the time being when the batch ended
  sed -nE "s/^([0-9]+)\/([0-9]+)\/([0-9]+) ([0-9:]+) .*query mta-turnstile-$1 batch [0-9]+: ([0-9]+) rows, .* ([0-9]+) ms, watermark.*/20\1-\2-\3T\4Z \5 \6/p" "$LOG" \
    | while read -r at rows ms; do echo "$(date -u -d "$at" +%s) $rows $ms"; done
}
echo "  waiting for the first micro-batches ..."
next=$(feed 1000 3 0 | sed -n 's/.*next_record=//p')
await "the aggregator's first rows" 300 "$AGG" grep -Eq "query mta-turnstile-refine batch [0-9]+: [1-9][0-9]* rows" "$LOG"

# The lag is counted from outside: records fed so far (the feeder runs at a constant rate from a known time; one
# partition, so offsets count records) less the Kafka offset up to which the refine query has committed, at each of
# its commits (the checkpoint's offsets/N, committed when commits/N appears). Kafka's own offsets-behind-latest says
# nothing here: without maxOffsetsPerTrigger every micro-batch takes everything up to the latest offset, so a query
# that falls behind shows it only as ever larger and longer batches. (The progress lines' row counts are no help
# either: a foreachBatch that writes twice reads its input twice, and counts it twice.)
commits() { # prints "epoch_s offset" per committed refine batch
  local d=$WORK/checkpoints/mta-turnstile/refine n
  for n in $(ls "$d/commits" 2>/dev/null | grep -E '^[0-9]+$' | sort -n); do
    echo "$(stat -c %Y "$d/commits/$n") $(tail -1 "$d/offsets/$n" | sed -E 's/.*"0":([0-9]+).*/\1/')"
  done
}
lag_series() { # $1: step start epoch, $2: rate, $3: records fed before the step, $4: step end epoch
  commits | awk -v t0="$1" -v r="$2" -v base="$3" -v t1="$4" '
    { batch = $2 - prev; prev = $2 }
    $1 >= t0 && $1 <= t1 + 1 { fed = base + r * ($1 - t0); printf "%d %d %d\n", $1, batch, fed - $2 }'
}
agg_behind() { # $1: epoch; versions of the events table the aggregate query had not committed by then
  local t=$1 d=$WORK/checkpoints/mta-turnstile/aggregate f n v latest=-1 done=-1
  for f in "$WORK"/lake/mta-turnstile/events/_delta_log/*.json; do
    [ "$(stat -c %Y "$f")" -le "$t" ] || continue
    v=$(basename "$f" .json); v=$((10#$v)); [ "$v" -gt "$latest" ] && latest=$v
  done
  for n in $(ls "$d/commits" 2>/dev/null | grep -E '^[0-9]+$'); do
    [ "$(stat -c %Y "$d/commits/$n")" -le "$t" ] || continue
    # the Delta source's offset names the next version to read once a version is done
    v=$(tail -1 "$d/offsets/$n" | sed -nE 's/.*"reservoirVersion":([0-9]+).*/\1/p')
    [ -n "$v" ] && [ $((v - 1)) -gt "$done" ] && done=$((v - 1))
  done
  echo $((latest - done))
}
durations() { # $1: query, $2: from epoch, $3: to epoch; batch durations in ms from the progress lines
  sed -nE "s/^([0-9]+)\/([0-9]+)\/([0-9]+) ([0-9:]+) .*query mta-turnstile-$1 batch [0-9]+: .* ([0-9]+) ms, watermark.*/20\1-\2-\3T\4Z \5/p" "$LOG" \
    | while read -r at ms; do echo "$(date -u -d "$at" +%s) $ms"; done | awk -v a="$2" -v b="$3" '$1 >= a && $1 <= b + 1 { print $2 }'
}
echo "  warm-up: ${RATES%% *} rec/s for $WARMUP_SECONDS s ..."
next=$(feed "${RATES%% *}" "$WARMUP_SECONDS" "$next" | sed -n 's/.*next_record=//p')
declare -A STEP
best=0
fed_total=$next
for rate in $RATES; do
  t0=$(date +%s)
  out=$(feed "$rate" "$STEP_SECONDS" "$next"); next=$(sed -n 's/.*next_record=//p' <<<"$out")
  t1=$(date +%s)
  t0=$(awk -v t1="$t1" -v s="$(field seconds "$out")" 'BEGIN { printf "%d", t1 - s }')   # when feeding began
  sleep "$trigger_s"
  achieved=$(field records_per_s "$out")
  lag_series "$t0" "$achieved" "$fed_total" "$t1" >"$WORK/lag-$rate.txt"
  for q in refine aggregate; do durations "$q" "$t0" "$t1" >"$WORK/$q-$rate.txt"; done
  fed_total=$next
  n=$(wc -l <"$WORK/lag-$rate.txt")
  verdict_=$(awk -v r="$achieved" -v t="$trigger_s" '{ lag[NR] = $3 }
    END {
      if (NR < 3) { print "stalled"; exit }          # fewer than 3 batches committed in the step: not keeping up
      mid = lag[int((NR + 1) / 2)]; end = lag[NR]
      print (end <= 1.2 * mid + r * t) ? "bounded" : "growing"
    }' "$WORK/lag-$rate.txt")
  lag_mid=$(awk '{ l[NR] = $3 } END { print (NR ? l[int((NR + 1) / 2)] : "n/a") }' "$WORK/lag-$rate.txt")
  lag_end=$(awk '{ l = $3 } END { print (NR ? l : "n/a") }' "$WORK/lag-$rate.txt")
  agg_mid=$(agg_behind $(((t0 + t1) / 2))); agg_end=$(agg_behind "$t1")
  if [ "$verdict_" = bounded ] && [ "$agg_end" -gt $((2 * agg_mid + 2)) ]; then verdict_="growing (aggregate)"; fi
  STEP[$rate]="$achieved rec/s fed; refine lag mid/end $lag_mid/$lag_end records, $n batches committed; aggregate behind mid/end $agg_mid/$agg_end events versions: $verdict_"
  echo "  $rate rec/s: ${STEP[$rate]}"
  [ "$verdict_" = bounded ] || break
  best=$rate
done
stop_all

pct() { # $1: file of batch durations in ms; p50/p95/max
  sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit }
    printf "%d / %d / %d", v[int((NR - 1) * 0.5) + 1], v[int((NR - 1) * 0.95) + 1], v[NR] }'
}
for rate in $RATES; do
  [ -n "${STEP[$rate]:-}" ] || continue
  row "mta-turnstile @ $rate rec/s offered" "${STEP[$rate]}" "" "" "" ""
  row "  batch ms p50/p95/max: refine; aggregate" "$(pct "$WORK/refine-$rate.txt"); $(pct "$WORK/aggregate-$rate.txt")" \
    "" "" "" ""
done
shown="$best rec/s"; [ "$best" -gt 0 ] || shown="< ${RATES%% *} rec/s (no step held)"
row "sustainable throughput (highest bounded step)" "$shown" "" "" "≥ 100,000 rec/s" "$(verdict 'x >= 100000' "$best")"
note "local[2], -Xmx2g ${SPARK_OPTS:-}, Java 17, trigger $TRIGGER (--trigger), one single-partition topic, broker and feeder on the same machine; ${STEP_SECONDS} s per step. Records: MTA turnstile CSV rows (~90 B) with the contract's ce_* headers; 5,000 turnstiles, each reporting once per 4-hour tick, history replayed as fast as the rate goes. Steps finer than those in RATES are not tried: the figure is a lower bound within that grid."
print_table "Benchmark 4 — aggregator, mta-turnstile in local[2]"
