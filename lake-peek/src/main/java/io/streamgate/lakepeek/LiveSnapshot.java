package io.streamgate.lakepeek;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.util.ColumnMapping;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Delta table's current snapshot as Delta Kernel reads it from the log: its version, its columns (logical name,
 * physical name in the Parquet files, type) and the Parquet files live in it. Files that an overwrite, MERGE or
 * DELETE removed are not in the list, although they stay on disk until a VACUUM.
 * <p>
 * The files are handed to a reader that knows nothing of Delta, so what Delta would apply on top of them is checked
 * here: column mapping is carried by the physical names; a partition column's value, which is in the log and not in
 * the file, comes with each file; a file with a deletion vector is refused, because reading it alone would show
 * deleted rows.
 */
record LiveSnapshot(String path, long version, List<Column> columns, List<DataFile> files) {

    record Column(String name, String physicalName, io.delta.kernel.types.DataType type, boolean partition) {
    }

    /** A live Parquet file and its partition values, by physical column name (null: the partition of nulls). */
    record DataFile(String path, Map<String, String> partitionValues) {
    }

    static LiveSnapshot read(Engine engine, String path) {
        Snapshot snapshot = Table.forPath(engine, path).getLatestSnapshot(engine);
        Scan scan = snapshot.getScanBuilder(engine).build();
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        files.add(liveFile(path, rows.next()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LiveSnapshot(path, snapshot.getVersion(engine),
                columns(snapshot.getSchema(engine), Set.copyOf(snapshot.getPartitionColumnNames(engine))), files);
    }

    private static DataFile liveFile(String table, Row scanFile) {
        if (InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile) != null) {
            throw new PeekException(table + " has deletion vectors (rows deleted in place); lake-peek does not"
                    + " apply them and refuses to show deleted rows: read it with Spark, or run REORG TABLE ..."
                    + " APPLY (PURGE) first");
        }
        return new DataFile(InternalScanFileUtils.getAddFileStatus(scanFile).getPath(),
                InternalScanFileUtils.getPartitionValues(scanFile));
    }

    private static List<Column> columns(StructType schema, Set<String> partitionColumns) {
        List<Column> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            columns.add(new Column(field.getName(), ColumnMapping.getPhysicalName(field), field.getDataType(),
                    partitionColumns.stream().anyMatch(field.getName()::equalsIgnoreCase)));
        }
        return columns;
    }
}
