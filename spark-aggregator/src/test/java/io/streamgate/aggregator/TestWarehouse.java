package io.streamgate.aggregator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A schema of its own in the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust auth) for one test,
 * dropped at close: tests stay independent of each other and of earlier runs.
 */
final class TestWarehouse implements AutoCloseable {

    private static final String SERVER = System.getProperty("streamgate.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String schema = "wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    TestWarehouse() {
        execute("CREATE SCHEMA " + schema);
    }

    /** The URL the sink is given: every unqualified name lands in this test's schema. */
    String url() {
        return SERVER + "&currentSchema=" + schema;
    }

    void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Each row as its values joined by spaces, instants in UTC; rows sorted, as {@link LakeTables#lines} does. */
    List<String> lines(String query) {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    values.add(value instanceof java.sql.Timestamp
                            ? rs.getObject(i, OffsetDateTime.class).toInstant().toString() : String.valueOf(value));
                }
                lines.add(String.join(" ", values));
            }
            return lines.stream().sorted().toList();
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    @Override
    public void close() {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }
}
