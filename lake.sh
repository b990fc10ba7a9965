#!/usr/bin/env bash
# Shows the newest rows of a lake table written by the local run, with no Spark install needed:
#   ./lake.sh [job] [events|windows|quarantine|ledger] [rows]      e.g. ./lake.sh mta-turnstile windows 20
set -euo pipefail
cd "$(dirname "$0")"
LAKE=${STREAMGATE_LAKE:-$PWD/lake}
CP_FILE=spark-aggregator/target/runtime.classpath
[ -f "$CP_FILE" ] || ./mvnw -q -B package -DskipTests -pl spark-aggregator -am
JAVA=java
[ -n "${JAVA_HOME:-}" ] && JAVA=$JAVA_HOME/bin/java
exec "$JAVA" @spark-aggregator/src/main/jvm/spark-java17.options -Xmx1g \
  -cp "spark-aggregator/target/classes:$(cat $CP_FILE)" io.streamgate.aggregator.lake.LakeQuery \
  "$LAKE" "${1:-mta-turnstile}" "${2:-windows}" "${3:-20}"
