package io.streamgate.lakepeek;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What was asked: {@code <lake> [--sql QUERY] [job] [table] [rows]}. A job name is one path segment of the lake and
 * a table one of the aggregator's, so a name can never reach outside the lake.
 */
record PeekRequest(String lake, String job, String table, int rows, Optional<String> sql) {

    static final List<String> TABLES = List.of("events", "windows", "quarantine", "ledger");
    static final String USAGE = "usage: lake.sh [--sql QUERY] [job] [" + String.join("|", TABLES) + "] [rows]\n"
            + "  e.g. lake.sh mta-turnstile windows 20\n"
            + "       lake.sh --sql \"select STATION, sum(entries) from windows group by 1\" mta-turnstile\n"
            + "  (with --sql, the job's tables are views named events, windows and quarantine)";

    static PeekRequest parse(String... args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.isEmpty()) {
            throw new UsageException("the lake directory is missing");
        }
        String lake = rest.remove(0);
        Optional<String> sql = Optional.empty();
        int at = rest.indexOf("--sql");
        if (at >= 0) {
            if (at + 1 >= rest.size() || rest.get(at + 1).isBlank()) {
                throw new UsageException("--sql needs a query");
            }
            sql = Optional.of(rest.get(at + 1));
            rest.subList(at, at + 2).clear();
        }
        if (rest.size() > 3) {
            throw new UsageException("too many arguments: " + rest);
        }
        String job = rest.size() > 0 ? rest.get(0) : "mta-turnstile";
        String table = rest.size() > 1 ? rest.get(1) : "windows";
        if (!job.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new UsageException("not a job name: '" + job + "'");
        }
        if (!TABLES.contains(table)) {
            throw new UsageException("no table '" + table + "'; a job's tables are " + String.join(", ", TABLES));
        }
        return new PeekRequest(lake, job, table, rest.size() > 2 ? rows(rest.get(2)) : 20, sql);
    }

    private static int rows(String value) {
        try {
            int rows = Integer.parseInt(value);
            if (rows > 0) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new UsageException("rows: a positive number, not '" + value + "'");
    }

    /** A malformed command line: the message and the usage are printed, exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
