package io.streamgate.lakepeek;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import org.apache.hadoop.conf.Configuration;

import java.io.File;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./lake.sh}: the newest rows of a lake table, or the answer of a SQL query over a job's tables, in about a
 * second. Delta Kernel reads the current snapshot, DuckDB (in memory) reads its live Parquet files. Exit code 0 on
 * an answer, 1 when the lake cannot answer it (no such job or table, a table lake-peek refuses, bad SQL), 2 on a
 * malformed command line.
 */
public final class Peek {

    private Peek() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        try {
            PeekRequest request = PeekRequest.parse(args);
            out.print(answer(request));
            return 0;
        } catch (PeekRequest.UsageException e) {
            err.println(e.getMessage());
            err.println(PeekRequest.USAGE);
            return 2;
        } catch (PeekException e) {
            err.println(e.getMessage());
            return 1;
        } catch (SQLException e) {
            err.println("SQL failed: " + e.getMessage());
            return 1;
        }
    }

    static String answer(PeekRequest request) throws SQLException {
        File jobDir = new File(request.lake(), request.job());
        if (!jobDir.isDirectory()) {
            throw new PeekException("no job '" + request.job() + "' in the lake " + request.lake() + jobsThere(request));
        }
        Engine engine = DefaultEngine.create(new Configuration());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = duck.createStatement()) {
            sql.execute("SET TimeZone = 'UTC'");
            if (request.sql().isPresent()) {
                for (String table : PeekRequest.TABLES) {
                    if (new File(jobDir, table).isDirectory()) {
                        sql.execute(DuckViews.create(table, snapshot(engine, jobDir, table)));
                    }
                }
                return rows(sql, request.sql().get(), request.rows());
            }
            LiveSnapshot snapshot = snapshot(engine, jobDir, request.table());
            sql.execute(DuckViews.create(request.table(), snapshot));
            long count;
            try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + DuckViews.quote(request.table()))) {
                rs.next();
                count = rs.getLong(1);
            }
            Optional<String> newest = newestFirst(snapshot);
            String header = snapshot.path() + ": version " + snapshot.version() + ", " + snapshot.files().size()
                    + " live files, " + count + " rows" + newest.map(c -> ", newest " + c + " first").orElse("")
                    + System.lineSeparator();
            return header + rows(sql, "SELECT * FROM " + DuckViews.quote(request.table())
                    + newest.map(c -> " ORDER BY " + DuckViews.quote(c) + " DESC").orElse(""), request.rows());
        }
    }

    private static LiveSnapshot snapshot(Engine engine, File jobDir, String table) {
        String path = new File(jobDir, table).getAbsolutePath();
        try {
            return LiveSnapshot.read(engine, path);
        } catch (TableNotFoundException e) {
            throw new PeekException("no Delta table at " + path + " (has the aggregator run this job yet?)");
        }
    }

    /** Windows newest window first, events newest event first; quarantine as stored. */
    private static Optional<String> newestFirst(LiveSnapshot snapshot) {
        List<String> names = snapshot.columns().stream().map(LiveSnapshot.Column::name).toList();
        return List.of("window_start", "event_time").stream().filter(names::contains).findFirst();
    }

    /** The first {@code limit} rows of a query's answer as a text table, saying how many more there were. */
    private static String rows(Statement sql, String query, int limit) throws SQLException {
        List<String> header = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        long more = 0;
        try (ResultSet rs = sql.executeQuery(query)) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                header.add(meta.getColumnLabel(i));
            }
            while (rs.next()) {
                if (rows.size() == limit) {
                    more++;
                    continue;
                }
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= header.size(); i++) {
                    row.add(text(rs.getObject(i)));
                }
                rows.add(row);
            }
        }
        return TextTable.render(header, rows) + (more > 0 ? "(" + more + " more rows)" + System.lineSeparator() : "");
    }

    /** Instants as ISO-8601 in UTC with seconds ({@code 2020-03-21T05:00:00Z}), everything else as DuckDB says. */
    private static String text(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        return value == null ? null : value.toString();
    }

    private static String jobsThere(PeekRequest request) {
        String[] jobs = new File(request.lake()).list((dir, name) -> new File(dir, name).isDirectory());
        if (jobs == null) {
            return " (there is no lake at " + request.lake() + ": run ./run.sh first)";
        }
        Arrays.sort(jobs);
        return jobs.length == 0 ? " (it holds no jobs yet)" : "; jobs there: " + String.join(", ", jobs);
    }
}
