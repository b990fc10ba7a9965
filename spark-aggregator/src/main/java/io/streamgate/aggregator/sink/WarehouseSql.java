package io.streamgate.aggregator.sink;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The PostgreSQL statements of the warehouse sink, derived from the windows' schema (window bounds, group-by fields,
 * measures) and key (bounds and group-by fields). Names are quoted as they are, so {@code C/A} stays {@code C/A}. The
 * key is a {@code UNIQUE NULLS NOT DISTINCT} constraint (PostgreSQL 15+): a group-by value may be null (a lookup that
 * found nothing) and must still identify one row, which a primary key (not null) or a plain unique key would not.
 */
record WarehouseSql(String table, StructType schema, List<String> keyColumns) {

    static final String LEDGER = "streamgate_batches";

    String createTable() {
        String columns = Arrays.stream(schema.fields())
                .map(f -> quote(f.name()) + " " + type(f))
                .collect(Collectors.joining(", "));
        return "CREATE TABLE IF NOT EXISTS " + quote(table) + " (" + columns + ", CONSTRAINT "
                + quote(table + "_window_key") + " UNIQUE NULLS NOT DISTINCT (" + keyList() + "))";
    }

    static String createLedger() {
        return "CREATE TABLE IF NOT EXISTS " + LEDGER + " (job text NOT NULL, query_id text NOT NULL,"
                + " batch_id bigint NOT NULL, target_table text NOT NULL, windows integer,"
                + " committed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (job, query_id, batch_id))";
    }

    /** Claims a batch: one row inserted, or none when this batch is already in the warehouse. */
    static String claimBatch() {
        return "INSERT INTO " + LEDGER + " (job, query_id, batch_id, target_table) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING";
    }

    static String countBatch() {
        return "UPDATE " + LEDGER + " SET windows = ? WHERE job = ? AND query_id = ? AND batch_id = ?";
    }

    /** Sets each window's totals (never adds to them): the rows carry the windows' full current values. */
    String upsert() {
        String columns = Arrays.stream(schema.fieldNames()).map(WarehouseSql::quote).collect(Collectors.joining(", "));
        String values = Arrays.stream(schema.fieldNames()).map(n -> "?").collect(Collectors.joining(", "));
        String updates = Arrays.stream(schema.fieldNames()).filter(n -> !keyColumns.contains(n))
                .map(n -> quote(n) + " = EXCLUDED." + quote(n)).collect(Collectors.joining(", "));
        return "INSERT INTO " + quote(table) + " (" + columns + ") VALUES (" + values + ") ON CONFLICT (" + keyList()
                + ") DO " + (updates.isEmpty() ? "NOTHING" : "UPDATE SET " + updates);
    }

    private String keyList() {
        return keyColumns.stream().map(WarehouseSql::quote).collect(Collectors.joining(", "));
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String type(StructField field) {
        DataType type = field.dataType();
        if (type.equals(DataTypes.StringType)) {
            return "text";
        } else if (type.equals(DataTypes.LongType)) {
            return "bigint";
        } else if (type.equals(DataTypes.IntegerType)) {
            return "integer";
        } else if (type.equals(DataTypes.DoubleType)) {
            return "double precision";
        } else if (type.equals(DataTypes.TimestampType)) {
            return "timestamptz";
        } else if (type.equals(DataTypes.DateType)) {
            return "date";
        } else if (type.equals(DataTypes.BooleanType)) {
            return "boolean";
        } else if (type instanceof DecimalType d) {
            return "numeric(" + d.precision() + "," + d.scale() + ")";
        }
        throw new IllegalArgumentException("warehouse: column " + field.name() + " has type " + type.simpleString()
                + ", which the warehouse sink does not map");
    }
}
