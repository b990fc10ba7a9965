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
import java.util.stream.Collectors;

/**
 * The DuckDB view of one snapshot: {@code read_parquet} over exactly its live files, each column selected by its
 * physical name under its Delta name and type. Delta timestamps are instants; they are shown in UTC (the session's
 * time zone, set by {@link Peek}) whether Spark stored them as INT96 or as UTC-adjusted micros.
 */
final class DuckViews {

    private DuckViews() {
    }

    static String create(String view, LiveSnapshot snapshot) {
        String select = snapshot.columns().stream()
                .map(c -> "CAST(" + (snapshot.files().isEmpty() ? "NULL" : quote(c.physicalName())) + " AS "
                        + type(snapshot.path(), c) + ") AS " + quote(c.name()))
                .collect(Collectors.joining(", "));
        String from = snapshot.files().isEmpty() ? " WHERE false"
                : " FROM read_parquet([" + snapshot.files().stream().map(f -> literal(localPath(f)))
                        .collect(Collectors.joining(", ")) + "])";
        return "CREATE VIEW " + quote(view) + " AS SELECT " + select + from;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Kernel gives file URIs; DuckDB without its (downloaded) httpfs extension reads local files only. */
    static String localPath(String file) {
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
