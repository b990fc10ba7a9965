#!/usr/bin/env bash
# Submits the Spark aggregator to a Spark standalone cluster (Spark 3.5.7 with Java 17 on every node).
#
#   SPARK_HOME=/opt/spark SPARK_MASTER=spark://spark-master:7077 \
#   KAFKA_BOOTSTRAP_SERVERS=kafka-1:9092,kafka-2:9092 deploy/spark-submit/submit-standalone.sh
#
# The jar is the module's shaded build (./mvnw -pl spark-aggregator -am package -DskipTests). In the default client
# mode the driver runs here; DEPLOY_MODE=cluster runs it on a worker, restarted by the master (--supervise) after a
# failure, and then AGGREGATOR_JAR must be a path or URL that every worker can read. Lake and checkpoints must be
# storage every node shares (s3a:// here; credentials and endpoint in spark-defaults.conf or the AWS_* variables).
# deploy/src/test checks the options below against the aggregator's.
set -euo pipefail
cd "$(dirname "$0")/../.."

SPARK_MASTER=${SPARK_MASTER:-spark://spark-master:7077}
DEPLOY_MODE=${DEPLOY_MODE:-client}
AGGREGATOR_JAR=${AGGREGATOR_JAR:-spark-aggregator/target/spark-aggregator-0.1.0-SNAPSHOT-spark-submit.jar}
KAFKA_BOOTSTRAP_SERVERS=${KAFKA_BOOTSTRAP_SERVERS:-kafka-1:9092,kafka-2:9092,kafka-3:9092}
STREAMGATE_LAKE=${STREAMGATE_LAKE:-s3a://streamgate-lake/lake}
STREAMGATE_CHECKPOINTS=${STREAMGATE_CHECKPOINTS:-s3a://streamgate-lake/checkpoints}
STREAMGATE_JOBS=${STREAMGATE_JOBS:-mta-turnstile,mta-turnstile-registers,nyc-taxi}

supervise=()
[ "$DEPLOY_MODE" = cluster ] && supervise=(--supervise)

exec "${SPARK_HOME:?set SPARK_HOME to a Spark 3.5.7 installation}/bin/spark-submit" \
  --master "$SPARK_MASTER" \
  --deploy-mode "$DEPLOY_MODE" \
  "${supervise[@]}" \
  --class io.streamgate.aggregator.AggregatorMain \
  --packages org.apache.hadoop:hadoop-aws:3.3.4 \
  --properties-file deploy/spark-submit/spark-defaults.conf \
  "$AGGREGATOR_JAR" \
  --bootstrap-servers "$KAFKA_BOOTSTRAP_SERVERS" \
  --lake "$STREAMGATE_LAKE" \
  --checkpoints "$STREAMGATE_CHECKPOINTS" \
  --jobs "$STREAMGATE_JOBS" \
  --metrics-port 9464
