package io.streamgate.lakepeek;

import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The DuckDB view of one snapshot: {@code read_parquet} over exactly its live files, each column selected by its
 * physical name under its Delta name and type; partition columns from the log's values per file, joined by file name. Delta timestamps are instants; they are shown in UTC (the session's
 * time zone, set by {@link Peek}) whether Spark stored them as INT96 or as UTC-adjusted micros.
 */
final class DuckViews {

    /** The column of the partition-values table that names the file. */
    private static final String FILE = "_file";

    private DuckViews() {
    }

    static String create(String view, LiveSnapshot snapshot) {
        boolean empty = snapshot.files().isEmpty();
        String select = snapshot.columns().stream()
                .map(c -> "CAST(" + (empty ? "NULL" : source(c)) + " AS " + type(snapshot.path(), c) + ") AS "
                        + quote(c.name()))
                .collect(Collectors.joining(", "));
        if (empty) {
            return "CREATE VIEW " + quote(view) + " AS SELECT " + select + " WHERE false";
        }
        String files = snapshot.files().stream().map(f -> literal(localPath(f.path())))
                .collect(Collectors.joining(", "));
        List<LiveSnapshot.Column> partitions = snapshot.columns().stream().filter(LiveSnapshot.Column::partition)
                .toList();
        if (partitions.isEmpty()) {
            return "CREATE VIEW " + quote(view) + " AS SELECT " + select + " FROM read_parquet([" + files + "]) f";
        }
        return "CREATE VIEW " + quote(view) + " AS SELECT " + select + " FROM read_parquet([" + files
                + "], filename = true) f JOIN " + partitionValues(snapshot, partitions) + " ON f.filename = p."
                + quote(FILE);
    }

    /** The column's values: a partition column's from the log (table p), any other from the file (f). */
    private static String source(LiveSnapshot.Column column) {
        return (column.partition() ? "p." : "f.") + quote(column.physicalName());
    }

    /** Each live file with its partition values, as a VALUES table {@code p} to join the files' rows to. */
    private static String partitionValues(LiveSnapshot snapshot, List<LiveSnapshot.Column> partitions) {
        String rows = snapshot.files().stream().map(file -> "(" + literal(localPath(file.path())) + ", "
                        + partitions.stream().map(c -> file.partitionValues().get(c.physicalName()))
                                .map(v -> v == null ? "NULL" : literal(v)).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining(", "));
        return "(VALUES " + rows + ") AS p(" + quote(FILE) + ", " + partitions.stream()
                .map(c -> quote(c.physicalName())).collect(Collectors.joining(", ")) + ")";
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Kernel gives file URIs; DuckDB without its (downloaded) httpfs extension reads local files only. */
    static String localPath(String file) {
        if (file.startsWith("file:/") && !file.contains("%")) {
            // Kernel hands partition directories decoded ("STATION=59 ST"), which is no valid URI
            return Path.of(file.substring("file:".length())).toString();
        }
        URI uri = URI.create(file);
        if (uri.getScheme() == null) {
            return file;
        }
        if (!uri.getScheme().equals("file")) {
            throw new PeekException("lake-peek reads a lake on the local disk only, not " + file
                    + "; query an object-store lake with Spark (spark-aggregator/README.md)");
        }
        return Path.of(uri).toString();
    }

    private static String type(String table, LiveSnapshot.Column column) {
        DataType type = column.type();
        if (type instanceof StringType) {
            return "VARCHAR";
        } else if (type instanceof LongType) {
            return "BIGINT";
        } else if (type instanceof IntegerType) {
            return "INTEGER";
        } else if (type instanceof ShortType) {
            return "SMALLINT";
        } else if (type instanceof DoubleType) {
            return "DOUBLE";
        } else if (type instanceof FloatType) {
            return "FLOAT";
        } else if (type instanceof BooleanType) {
            return "BOOLEAN";
        } else if (type instanceof DateType) {
            return "DATE";
        } else if (type instanceof TimestampType) {
            return "TIMESTAMPTZ";
        } else if (type instanceof TimestampNTZType) {
            return "TIMESTAMP";
        } else if (type instanceof BinaryType) {
            return "BLOB";
        } else if (type instanceof DecimalType d) {
            return "DECIMAL(" + d.getPrecision() + "," + d.getScale() + ")";
        }
        throw new PeekException(table + ": column " + column.name() + " has type " + type
                + ", which lake-peek does not show");
    }
}
