#!/usr/bin/env bash
# Shows a lake table written by the local run in a second or two, with no Spark: Delta Kernel reads the table's
# current snapshot, DuckDB its live Parquet files (lake-peek/README.md).
#   ./lake.sh [job] [events|windows|quarantine|ledger] [rows]        e.g. ./lake.sh mta-turnstile windows 20
#   ./lake.sh --sql "select STATION, sum(entries) from windows group by 1 order by 2 desc" mta-turnstile
# Exit code 0 with an answer, 1 when the lake has none (no such job or table, bad SQL), 2 on a bad command line.
set -euo pipefail
cd "$(dirname "$0")"
LAKE=${STREAMGATE_LAKE:-$PWD/lake}
CP_FILE=lake-peek/target/runtime.classpath
[ -f "$CP_FILE" ] || ./mvnw -q -B package -DskipTests -pl lake-peek -am >&2
JAVA=java
[ -n "${JAVA_HOME:-}" ] && JAVA=$JAVA_HOME/bin/java
# a short-lived CLI: the client compiler only, and no JIT threads competing with the answer
exec "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
  -cp "lake-peek/target/classes:$(cat $CP_FILE)" io.streamgate.lakepeek.Peek "$LAKE" "$@"
