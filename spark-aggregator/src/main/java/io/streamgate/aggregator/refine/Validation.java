package io.streamgate.aggregator.refine;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.job.LookupSpec;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.List;

import static io.streamgate.aggregator.sql.Columns.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/** The first reason a parsed record cannot be used, or null. Checked in order: shape, presence, types, time, lookups. */
final class Validation {

    private final JobSpec job;

    Validation(JobSpec job) {
        this.job = job;
    }

    Column reason(Column eventTimeText) {
        Column value = col(Columns.RAW_VALUE);
        List<Column> checks = new ArrayList<>();
        checks.add(when(value.isNull().or(functions.trim(value).equalTo("")), lit("empty value")));
        Column notJsonObject = functions.expr("json_object_keys(" + Columns.RAW_VALUE + ")").isNull();
        if (job.input().isCsv()) {
            checks.add(when(RecordParser.corruptCsv(job.input().columns().size()), lit("malformed CSV row: expected "
                    + job.input().columns().size() + " columns " + job.input().columns())));
            checks.add(when(RecordParser.jsonRecord().and(notJsonObject), lit("value is not a JSON object")));
        } else {
            checks.add(when(notJsonObject, lit("value is not a JSON object")));
        }
        for (String field : job.requiredFields()) {
            Column raw = rawOf(field);
            checks.add(when(raw.isNull().or(functions.trim(raw).equalTo("")), lit("missing field " + field)));
        }
        job.input().types().forEach((field, type) -> checks.add(
                when(col(field).isNull().and(rawOf(field).isNotNull()),
                        concat(lit("field " + field + " is not a " + type + ": '"), rawOf(field), lit("'")))));
        checks.add(when(col(Columns.EVENT_TIME).isNull(), concat(lit("event time '"), eventTimeText,
                lit("' matches none of " + job.eventTime().formats()))));
        for (LookupSpec lookup : job.lookups()) {
            String output = lookup.columns().values().iterator().next();
            checks.add(when(col(output).isNull(), concat(lit(lookup.on() + " '"), col(lookup.on()).cast("string"),
                    lit("' not found in " + lookup.resource()))));
        }
        return functions.coalesce(checks.toArray(Column[]::new));
    }

    private Column rawOf(String field) {
        return job.input().fieldNames().contains(field) ? col(RecordParser.rawName(field)) : col(field);
    }
}
