#!/usr/bin/env bash
# Benchmark 4 — aggregator: sustainable throughput of the mta-turnstile job in local[2] (Java 17), i.e. the highest
# input rate at which its query's lag behind the latest offset stays bounded, and the micro-batch durations of that
# query (one per job: Kafka → quarantine, events, windows MERGE, ledger, in one foreachBatch) at that rate; beside it the
# same figures of baseline (k), the simplest Spark job over the same input (bench/spark-baseline KafkaToDeltaAppend:
# Kafka → Delta append, same source options, trigger, master and heap), measured in the same run on a topic of its
# own, and the job's rate as a share of (k)'s; then, the same way, those of baseline (w), the writes #12's design asks
# of each batch alone (bench/spark-baseline KafkaToEventsAndWindows: parse, events append, windows MERGE), whose share
# of (k) is the most the job's can be. Peak RSS and the largest heap after a GC of each Spark JVM.
# The input is fed at constant rates, step by step (RATES), by bench/loadgen ContractFeeder: contract records
# (CSV rows, ce_* headers) replaying turnstile history fast, so event time and the watermark keep moving.
# A step is judged on its second half, from its middle batch on (at least its last 3): its first batches still carry
# the lag of the step before, so the lag at them says how fast the query caught up, not whether it keeps up. The step
# is bounded when at least 3 batches of the query finish in it, the lag at its last batch is no more than 1.2× the
# lag at its middle batch plus one trigger's worth of input, and the lag's least-squares slope over the second half is
# under 5 % of the rate (a query that falls behind by 5 % of its input; with batches of 20-30 s a step holds only 3 or
# 4, and a lag that grows a little at each can pass the 1.2× test alone, while the lag at one commit moves by a
# tenth with that batch's length, so single batches are not compared);
# stepping stops at the first unbounded rate, or at a bounded step where the feeder fell more than 2 % short of the
# rate (the figure is then the rate fed, a lower bound: higher steps would measure the feeder). (k) and (w) step from
# the job's highest bounded rate upwards. Spark's JVM takes minutes to warm up (its JIT compilers still took a third
# of the CPU after two minutes), so each JVM runs its first rate for WARMUP_SECONDS before the steps.
#
#   bench/aggregator.sh      RATES="10000 15000 20000 30000 40000 60000 100000 150000 200000 300000" STEP_SECONDS=150
#                            BASELINE_STEP_SECONDS=90 ((k)'s; the job's and (w)'s are STEP_SECONDS)
#                            WARMUP_SECONDS=90 TRIGGER=PT5S FIRST_BATCH_SECONDS=300
#                            SPARK_OPTS="-Dspark.sql.shuffle.partitions=4" (Spark settings as system properties)
#                            JFR=0 (1: record the job's, (k)'s and (w)'s JVMs, views into bench/results/aggregator-*-jfr.txt)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
bench_init aggregator spark-aggregator
RATES=${RATES:-10000 15000 20000 30000 40000 60000 100000 150000 200000 300000}
# The job's batch length follows its lag (a batch takes all that came in during the one before, and a batch's fixed
# cost of a few seconds weighs less on a longer one), so after a rate change it takes some batches of 10-20 s to
# settle: its steps are long enough for a settled second half. (k)'s batches of 1-5 s settle within seconds.
STEP_SECONDS=${STEP_SECONDS:-150}
BASELINE_STEP_SECONDS=${BASELINE_STEP_SECONDS:-90}
WARMUP_SECONDS=${WARMUP_SECONDS:-90}
FIRST_BATCH_SECONDS=${FIRST_BATCH_SECONDS:-300}   # how long a Spark JVM may take to its first rows (loaded machine: more)
TRIGGER=${TRIGGER:-PT5S}
USER_SPARK_OPTS=${SPARK_OPTS:-}
trigger_s=$(sed -E 's/^PT([0-9.]+)S$/\1/' <<<"$TRIGGER")

feed() { # $1: topic, $2: rate, $3: seconds, $4: first record
  "$JAVA17" -Xmx512m -cp $LOADGEN_JAR io.streamgate.bench.loadgen.ContractFeeder --bootstrap "$BOOTSTRAP" \
    --topic "$1" --rate "$2" --seconds "$3" --start-record "$4"
}
# The lag is counted from outside: records fed so far (the feeder runs at a constant rate from a known time; one
# partition, so offsets count records) less the Kafka offset up to which the query that reads Kafka has committed,
# at each of its commits (the checkpoint's offsets/N, committed when commits/N appears). Kafka's own
# offsets-behind-latest says nothing here: without maxOffsetsPerTrigger every micro-batch takes everything up to the
# latest offset, so a query that falls behind shows it only as ever larger and longer batches. (The progress lines'
# row counts are no help either: a foreachBatch that writes twice reads its input twice, and counts it twice.)
commits() { # $1: checkpoint folder; prints "epoch_s offset" per committed batch
  local d=$1 n
  for n in $(ls "$d/commits" 2>/dev/null | grep -E '^[0-9]+$' | sort -n); do
    echo "$(stat -c %Y "$d/commits/$n") $(tail -1 "$d/offsets/$n" | sed -E 's/.*"0":([0-9]+).*/\1/')"
  done
}
lag_series() { # $1: checkpoint folder, $2: step start epoch, $3: rate, $4: records fed before the step, $5: step end
  commits "$1" | awk -v t0="$2" -v r="$3" -v base="$4" -v t1="$5" '
    { batch = $2 - prev; prev = $2 }
    $1 >= t0 && $1 <= t1 + 1 { fed = base + r * ($1 - t0); printf "%d %d %d\n", $1, batch, fed - $2 }'
}
# progress lines (the job's StreamingMetricsListener and the baseline's own, same format): "26/11/22 05:24:05 INFO
# ...: query mta-turnstile batch 7: 1234 rows, 100 rows/s in, 200 rows/s processed, 812 ms, watermark ..."
durations() { # $1: log, $2: query, $3: from epoch, $4: to epoch; batch durations in ms from the progress lines
  # "... query Q batch N: ..., D ms, watermark W" (baseline) or "..., D ms, L offsets behind latest" (the job)
  sed -nE "s/^([0-9]+)\/([0-9]+)\/([0-9]+) ([0-9:]+) .*query $2 batch [0-9]+: .* ([0-9]+) ms, .*/20\1-\2-\3T\4Z \5/p" "$1" \
    | while read -r at ms; do echo "$(date -u -d "$at" +%s) $ms"; done | awk -v a="$3" -v b="$4" '$1 >= a && $1 <= b + 1 { print $2 }'
}
rss_sampler() { # $1: pid, $2: out file; "KiB" lines every 0.5 s while the process lives
  ( while [ -r "/proc/$1/status" ]; do awk '/VmRSS/ {print $2}' "/proc/$1/status"; sleep 0.5; done ) >"$2" 2>/dev/null &
  PIDS+=($!)
}
memory() { # $1: RSS samples, $2: GC log; "peak RSS X MiB, heap after GC max Y MiB"
  local after
  after=$(awk '/Pause/ && /->/ { for (i = 1; i <= NF; i++) if ($i ~ /->/) { split($i, x, /->|\(/); v = x[2] + 0; if (v > m) m = v } }
    END { printf "%d", m }' "$2" 2>/dev/null || echo "?")
  awk -v after="$after" '$1 > m { m = $1 } END { printf "peak RSS %.0f MiB, heap after GC max %s MiB", m / 1024, after }' "$1"
}

declare -A STEP FEEDER_LIMITED
# what each series is, in its progress messages and table rows
declare -A TITLE=([job]="mta-turnstile" [baseline]="(k) Kafka → Delta append" [writes]="(w) the design's writes alone")
STEPPED=()
BEST=0
# Feeds $2 at each rate of $6 in turn and judges each step; sets STEP[$1:rate] and BEST (0 when no step held).
run_steps() { # $1: label, $2: topic, $3: checkpoint of the query that reads Kafka, $4: log, $5: its query name,
              # $6: rates, $7: pid that must stay alive, $8: seconds per step
  local label=$1 topic=$2 ckpt=$3 log=$4 query=$5 rates=$6 pid=$7 seconds=$8 next rate t0 t1 out achieved fed_total n v
  local lag_mid lag_end
  echo "  $label: waiting for the first micro-batches ..."
  next=$(feed "$topic" 1000 3 0 | sed -n 's/.*next_record=//p')
  await "$label's first rows" "$FIRST_BATCH_SECONDS" "$pid" grep -Eq "query $query batch [0-9]+: [1-9][0-9]* rows" "$log"
  echo "  $label: warm-up at ${rates%% *} rec/s for $WARMUP_SECONDS s ..."
  next=$(feed "$topic" "${rates%% *}" "$WARMUP_SECONDS" "$next" | sed -n 's/.*next_record=//p')
  fed_total=$next
  BEST=0
  for rate in $rates; do
    out=$(feed "$topic" "$rate" "$seconds" "$next"); next=$(sed -n 's/.*next_record=//p' <<<"$out")
    t1=$(date +%s)
    t0=$(awk -v t1="$t1" -v s="$(field seconds "$out")" 'BEGIN { printf "%d", t1 - s }')   # when feeding began
    sleep "$trigger_s"
    achieved=$(field records_per_s "$out")
    lag_series "$ckpt" "$t0" "$achieved" "$fed_total" "$t1" >"$WORK/$label-lag-$rate.txt"
    fed_total=$next
    n=$(wc -l <"$WORK/$label-lag-$rate.txt")
    v=$(awk -v r="$achieved" -v t="$trigger_s" '{ at[NR] = $1; lag[NR] = $3 }
      END {
        if (NR < 3) { print "stalled"; exit }          # fewer than 3 batches committed in the step: not keeping up
        m = int((NR + 1) / 2); from = m < NR - 2 ? m : NR - 2
        for (i = from; i <= NR; i++) { x = at[i] - at[from]; n++; sx += x; sy += lag[i]; sxx += x * x; sxy += x * lag[i] }
        d = n * sxx - sx * sx; slope = d > 0 ? (n * sxy - sx * sy) / d : 0
        print (lag[NR] <= 1.2 * lag[m] + r * t && slope < 0.05 * r) ? "bounded" : "growing"
      }' "$WORK/$label-lag-$rate.txt")
    lag_mid=$(awk '{ l[NR] = $3 } END { print (NR ? l[int((NR + 1) / 2)] : "n/a") }' "$WORK/$label-lag-$rate.txt")
    lag_end=$(awk '{ l = $3 } END { print (NR ? l : "n/a") }' "$WORK/$label-lag-$rate.txt")
    durations "$log" "$query" "$t0" "$t1" >"$WORK/$label-batches-$rate.txt"
    STEP[$label:$rate]="$achieved rec/s fed; lag mid/end $lag_mid/$lag_end records, $n batches committed: $v"
    STEPPED+=("$label:$rate")
    echo "  $label @ $rate rec/s: ${STEP[$label:$rate]}"
    [ "$v" = bounded ] || break
    BEST=$rate
    if awk -v a="$achieved" -v r="$rate" 'BEGIN { exit !(a < 0.98 * r) }'; then
      # the feeder could not offer the step's rate: the query held what it got, and higher steps would measure the
      # feeder, not the query; the figure is the rate fed, a lower bound
      BEST=$(printf '%.0f' "$achieved")
      FEEDER_LIMITED[$label]=1
      echo "  $label: the feeder reached only $achieved of $rate rec/s; no higher step"
      break
    fi
  done
}

echo "Starting Kafka and the aggregator (local[2], trigger $TRIGGER) ..."
# with JFR=1 each Spark JVM records to a file of its own, turned into views by jfr_report when it has stopped
jfr_opt() { [ "${JFR:-0}" = 1 ] && echo "-XX:StartFlightRecording=filename=$WORK/$1.jfr,settings=profile,dumponexit=true"; true; }
SPARK_OPTS="$USER_SPARK_OPTS -Xlog:gc:file=$WORK/aggregator-gc.log:uptime $(jfr_opt aggregator)" start_mta_aggregator "$TRIGGER"
AGG=$LAST_PID
rss_sampler "$AGG" "$WORK/aggregator-rss.txt"
run_steps job mta.turnstile "$WORK/checkpoints/mta-turnstile/query" "$LOGS/aggregator.log" mta-turnstile \
  "$RATES" "$AGG" "$STEP_SECONDS"
job_best=$BEST
stop_pid "$AGG"; forget_pid "$AGG"; jfr_report aggregator
job_memory=$(memory "$WORK/aggregator-rss.txt" "$WORK/aggregator-gc.log")

# the baselines from the job's highest bounded rate upwards: below it, they hold whatever the job holds
baseline_rates=$(tr ' ' '\n' <<<"$RATES" | awk -v b="$job_best" 'NF && $1 >= b' | tr '\n' ' ')
declare -A BASELINE_BEST BASELINE_MEMORY
# Runs one baseline on a topic of its own and steps it; sets BASELINE_BEST[$1] and BASELINE_MEMORY[$1].
run_baseline() { # $1: label (and query name), $2: main class, $3: seconds per step; $4...: its options
  local label=$1 class=$2 seconds=$3 pid; shift 3
  echo "Starting baseline $label, ${TITLE[$label]} (local[2], trigger $TRIGGER) ..."
  create_topic "mta.turnstile.$label"
  # shellcheck disable=SC2086
  start_bg "$label" "$JAVA17" @spark-aggregator/src/main/jvm/spark-java17.options -Xmx2g $USER_SPARK_OPTS \
    "-Xlog:gc:file=$WORK/$label-gc.log:uptime" $(jfr_opt "$label") \
    -cp "$BASELINE_JAR:$AGGREGATOR_CLASSES:$(cat "$AGGREGATOR_CP_FILE")" "io.streamgate.bench.spark.$class" \
    --master "local[2]" --bootstrap-servers "$BOOTSTRAP" --topic "mta.turnstile.$label" \
    --checkpoint "$WORK/checkpoints/$label" --trigger "$TRIGGER" "$@"
  pid=$LAST_PID
  rss_sampler "$pid" "$WORK/$label-rss.txt"
  run_steps "$label" "mta.turnstile.$label" "$WORK/checkpoints/$label" "$LOGS/$label.log" "$label" \
    "$baseline_rates" "$pid" "$seconds"
  BASELINE_BEST[$label]=$BEST
  stop_pid "$pid"; forget_pid "$pid"; jfr_report "$label"
  BASELINE_MEMORY[$label]=$(memory "$WORK/$label-rss.txt" "$WORK/$label-gc.log")
}
run_baseline baseline KafkaToDeltaAppend "$BASELINE_STEP_SECONDS" --table "$WORK/lake/baseline"
# (w)'s batches grow with its lag as the job's do, so its steps are as long as the job's
run_baseline writes KafkaToEventsAndWindows "$STEP_SECONDS" --lake "$WORK/lake/writes"
stop_all
baseline_best=${BASELINE_BEST[baseline]} writes_best=${BASELINE_BEST[writes]}

pct() { # $1: file of batch durations in ms; p50/p95/max
  sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit }
    printf "%d / %d / %d", v[int((NR - 1) * 0.5) + 1], v[int((NR - 1) * 0.95) + 1], v[NR] }'
}
for step in "${STEPPED[@]}"; do
  label=${step%%:*} rate=${step#*:}
  row "${TITLE[$label]} @ $rate rec/s offered" "${STEP[$step]}" "" "" "" ""
  row "  batch ms p50/p95/max" "$(pct "$WORK/$label-batches-$rate.txt")" "" "" "" ""
done
shown() { # $1: label, $2: its highest bounded rate, $3: its lowest rate tried
  if [ "$2" -le 0 ]; then echo "< $3 rec/s (no step held)"
  elif [ -n "${FEEDER_LIMITED[$1]:-}" ]; then echo "≥ $2 rec/s (all the feeder offered)"
  else echo "$2 rec/s"; fi
}
share=$(ratio "$job_best" "$baseline_best")
[ "$baseline_best" -gt 0 ] || share="≥ 1 (k held no step)"
row "sustainable throughput (highest bounded step)" "$(shown job "$job_best" "${RATES%% *}")" \
  "(k) $(shown baseline "$baseline_best" "${baseline_rates%% *}")" "$share of (k)" \
  "≥ 30,000 rec/s and ≥ 0.60 of (k)" \
  "$(awk -v x="$job_best" -v b="$baseline_best" 'BEGIN { print (x >= 30000 && (b == 0 || x >= 0.6 * b)) ? "pass" : "MISS" }')"
# what the share of (k) can be at most for a job that makes #12's writes as the job makes them
writes_share=$(ratio "$writes_best" "$baseline_best")
[ "$baseline_best" -gt 0 ] || writes_share="n/a (k held no step)"
row "${TITLE[writes]}, highest bounded step" "$(shown writes "$writes_best" "${baseline_rates%% *}")" \
  "(k) as above" "$writes_share of (k): the most the job's share can be" "" ""
row "memory of the Spark JVM (-Xmx2g)" "$job_memory" "(k) ${BASELINE_MEMORY[baseline]}; (w) ${BASELINE_MEMORY[writes]}" "" "" ""
note "local[2], -Xmx2g ${USER_SPARK_OPTS}, Java 17, trigger $TRIGGER (--trigger), one single-partition topic each, broker and feeder on the same machine; ${STEP_SECONDS} s per step of the job and (w), ${BASELINE_STEP_SECONDS} s of (k), ${WARMUP_SECONDS} s warm-up per Spark JVM. Records: MTA turnstile CSV rows (~90 B) with the contract's ce_* headers; 5,000 turnstiles, each reporting once per 4-hour tick, history replayed as fast as the rate goes. (k) bench/spark-baseline KafkaToDeltaAppend: the same Kafka source options as the job (read_committed, headers, one task per core) appending every record as it came to one Delta table, same session settings, run after the job on a topic of its own fed the same way, from the job's highest bounded rate upwards. (w) bench/spark-baseline KafkaToEventsAndWindows, run after (k) the same way: the writes #12 asks of each batch and nothing else (parse once, append events partitioned by date, MERGE the batch's hourly partial sums into windows, both idempotent by query and batch id), with the job's cheaper write settings; no validation, quarantine, duplicate lookup or ledger. Steps finer than those in RATES are not tried: the figures are lower bounds within that grid."
print_table "Benchmark 4 — aggregator, mta-turnstile in local[2]"
