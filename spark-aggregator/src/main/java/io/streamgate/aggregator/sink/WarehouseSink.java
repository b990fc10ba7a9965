package io.streamgate.aggregator.sink;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;

/**
 * Upserts a micro-batch's changed windows into a PostgreSQL table per job, exactly once: the batch is claimed in a
 * ledger table ({@code streamgate_batches}, keyed by job, streaming query id and batch id) in the same database
 * transaction as the upserts. A batch replayed after a crash finds its ledger row and writes nothing; a batch whose
 * transaction did not commit left nothing, and its replay writes it whole. Two writers of one batch (a zombie
 * driver) serialise on the ledger key: the second finds the first's row once it commits.
 * <p>
 * The rows go through the driver, one partition at a time ({@link Dataset#toLocalIterator()}), in JDBC batches: a
 * micro-batch changes few windows, and one transaction is what makes the write and its ledger row atomic. Per-partition
 * transactions on the executors would each need their own ledger row and a batch would be visible half-written
 * until the last partition commits.
 */
public final class WarehouseSink {

    private static final int JDBC_BATCH = 500;
    private static final String QUERY_ID = "sql.streaming.queryId";

    private final String url;
    private final String job;
    private final String table;
    private final List<String> keyColumns;
    private WarehouseSql sql;

    public WarehouseSink(String url, String job, String table, List<String> keyColumns) {
        this.url = url;
        this.job = job;
        this.table = table;
        this.keyColumns = List.copyOf(keyColumns);
    }

    /** From {@code foreachBatch}: the batch is identified by the running query's id and the batch id. */
    public boolean write(long batchId, Dataset<Row> changedWindows) {
        String queryId = changedWindows.sparkSession().sparkContext().getLocalProperty(QUERY_ID);
        if (queryId == null) {
            throw new IllegalStateException("warehouse: write(batchId, rows) runs inside a streaming foreachBatch");
        }
        return write(queryId, batchId, changedWindows);
    }

    /**
     * Writes the windows of batch {@code batchId} of query {@code queryId} unless the warehouse already holds that
     * batch; true when this call wrote it. Each row holds a window's full current totals, so the upsert sets them.
     */
    public boolean write(String queryId, long batchId, Dataset<Row> changedWindows) {
        try (Connection connection = DriverManager.getConnection(url, properties())) {
            ensureTables(connection, changedWindows);
            connection.setAutoCommit(false);
            try {
                if (!claim(connection, queryId, batchId)) {
                    connection.rollback();
                    return false;
                }
                int windows = upsert(connection, changedWindows.toLocalIterator());
                try (PreparedStatement count = connection.prepareStatement(WarehouseSql.countBatch())) {
                    count.setInt(1, windows);
                    count.setString(2, job);
                    count.setString(3, queryId);
                    count.setLong(4, batchId);
                    count.executeUpdate();
                }
                connection.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("warehouse: batch " + batchId + " of " + job + " not written to " + table
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the whole table by {@code windows} (after the job's spec changed, with the columns it now has) in one
     * transaction: PostgreSQL's DDL is transactional, so readers see the old table or the new one, and a replace
     * killed halfway leaves the old one. Returns how many windows it wrote.
     */
    public int replace(Dataset<Row> windows) {
        WarehouseSql statements = new WarehouseSql(table, windows.schema(), keyColumns);
        try (Connection connection = DriverManager.getConnection(url, properties())) {
            connection.setAutoCommit(false);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute(WarehouseSql.createLedger());
                ddl.execute("DROP TABLE IF EXISTS " + WarehouseSql.quote(table));
                ddl.execute(statements.createTable());
                sql = statements;
                int written = upsert(connection, windows.toLocalIterator());
                connection.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                sql = null;
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("warehouse: " + table + " of " + job + " not replaced: " + e.getMessage(), e);
        }
    }

    private boolean claim(Connection connection, String queryId, long batchId) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(WarehouseSql.claimBatch())) {
            claim.setString(1, job);
            claim.setString(2, queryId);
            claim.setLong(3, batchId);
            claim.setString(4, table);
            return claim.executeUpdate() == 1;
        }
    }

    private int upsert(Connection connection, Iterator<Row> rows) throws SQLException {
        int written = 0;
        try (PreparedStatement upsert = connection.prepareStatement(sql.upsert())) {
            while (rows.hasNext()) {
                Row row = rows.next();
                for (int i = 0; i < row.length(); i++) {
                    bind(upsert, i + 1, row.get(i));
                }
                upsert.addBatch();
                if (++written % JDBC_BATCH == 0) {
                    upsert.executeBatch();
                }
            }
            upsert.executeBatch();
        }
        return written;
    }

    /** The table and the ledger, created on the first write (DDL commits on its own: concurrent creators wait). */
    private void ensureTables(Connection connection, Dataset<Row> changedWindows) throws SQLException {
        if (sql != null) {
            return;
        }
        WarehouseSql statements = new WarehouseSql(table, changedWindows.schema(), keyColumns);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute(WarehouseSql.createLedger());
            ddl.execute(statements.createTable());
        }
        sql = statements;
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof Timestamp t) {
            statement.setObject(index, t.toInstant().atOffset(ZoneOffset.UTC));
        } else if (value instanceof Instant t) {
            statement.setObject(index, t.atOffset(ZoneOffset.UTC));
        } else {
            statement.setObject(index, value);
        }
    }

    /**
     * Multi-row INSERTs for the JDBC batches, and the password from {@code STREAMGATE_WAREHOUSE_PASSWORD} (kept out
     * of the command line), unless the URL says otherwise.
     */
    private static Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("reWriteBatchedInserts", "true");
        String password = System.getenv("STREAMGATE_WAREHOUSE_PASSWORD");
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }
}
