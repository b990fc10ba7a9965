package io.streamgate.aggregator.job;

import io.streamgate.aggregator.job.SpecChanges.Change;
import io.streamgate.aggregator.job.SpecChanges.Handling;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of change to a job, classified by what it takes to carry on. */
class SpecChangesTest {

    private static final String BUILT = JobSpecs.canonicalJson(mta());

    @Test
    void theSameSpecIsNoChangeAndTheTriggerOrWatermarkOrHorizonCarryOn() {
        assertThat(SpecChanges.between(BUILT, mta())).isEmpty();
        assertThat(SpecChanges.between(BUILT, mta("slide: PT1H}", "slide: PT1H, align: utc}")))
                .as("the default alignment written out").isEmpty();
        List<Change> changes = SpecChanges.between(BUILT, mta("trigger: PT5S", "trigger: PT30S",
                "watermark: PT4H", "watermark: PT6H\nhorizon: P30D"));
        assertThat(changes).extracting(Change::what).containsExactly("horizon P14D -> P30D", "trigger PT5S -> PT30S",
                "watermark PT4H -> PT6H");
        assertThat(SpecChanges.needs(changes)).isEqualTo(Handling.CARRY_ON);
    }

    @Test
    void aMeasureOrAnAppendedInputFieldAddedExtends() {
        List<Change> changes = SpecChanges.between(BUILT, mta(
                "ENTRIES, EXITS]", "ENTRIES, EXITS, AUDIT]",
                "types: {ENTRIES: long, EXITS: long}", "types: {ENTRIES: long, EXITS: long, AUDIT: long}",
                "  - {name: readings, function: count}", "  - {name: readings, function: count}\n"
                        + "  - {name: max_entries, function: max, field: ENTRIES}"));
        assertThat(changes).containsExactly(new Change("input field(s) AUDIT added", Handling.EXTEND),
                new Change("measure max_entries added", Handling.EXTEND));
        assertThat(SpecChanges.needs(changes)).isEqualTo(Handling.EXTEND);
    }

    @Test
    void whatAWindowIsOrHoldsRebuilds() {
        assertThat(SpecChanges.between(BUILT, mta("length: PT1H, slide: PT1H", "length: PT2H, slide: PT2H")))
                .containsExactly(new Change("window {\"length\":\"PT1H\",\"slide\":\"PT1H\"} -> "
                        + "{\"length\":\"PT2H\",\"slide\":\"PT2H\"}", Handling.REBUILD));
        assertThat(SpecChanges.between(BUILT, mta("group-by: [C/A, UNIT, SCP, STATION, LINENAME, DIVISION, DATE, DESC]",
                "group-by: [STATION]"))).extracting(Change::handling).containsExactly(Handling.REBUILD);
        List<Change> measures = SpecChanges.between(BUILT, mta("{name: exits, function: sum, field: EXITS}",
                "{name: exits, function: max, field: EXITS}", "  - {name: readings, function: count}\n", ""));
        assertThat(measures).extracting(Change::what).containsExactly(
                "measure exits {\"field\":\"EXITS\",\"function\":\"sum\",\"name\":\"exits\"} -> "
                        + "{\"field\":\"EXITS\",\"function\":\"max\",\"name\":\"exits\"}",
                "measure readings removed");
        assertThat(SpecChanges.needs(measures)).isEqualTo(Handling.REBUILD);
        assertThat(SpecChanges.between(BUILT, mta("slide: PT1H}", "slide: PT1H, align: local}")))
                .extracting(Change::handling).containsExactly(Handling.REBUILD);
    }

    @Test
    void howARecordIsReadTimedOrToldApartRereads() {
        assertThat(SpecChanges.between(BUILT, mta("dedup-key: [C/A, UNIT, SCP, DATE, TIME, DESC]",
                "dedup-key: [ce_id]"))).extracting(Change::handling).containsExactly(Handling.REREAD);
        assertThat(SpecChanges.between(BUILT, mta("zone: America/New_York", "zone: UTC")))
                .extracting(Change::handling).containsExactly(Handling.REREAD);
        assertThat(SpecChanges.between(BUILT, mta("topics: [mta.turnstile]", "topics: [mta.turnstile, more]")))
                .extracting(Change::what).containsExactly("input.topics [\"mta.turnstile\"] -> "
                        + "[\"mta.turnstile\",\"more\"]");
        // a column inserted before others moves every later cell; a string field that becomes a number is re-typed
        assertThat(SpecChanges.needs(SpecChanges.between(BUILT, mta("columns: [C/A,", "columns: [X, C/A,"))))
                .isEqualTo(Handling.REREAD);
        assertThat(SpecChanges.between(BUILT, mta("types: {ENTRIES: long, EXITS: long}",
                "types: {ENTRIES: long, EXITS: long, SCP: int}"))).extracting(Change::handling)
                .containsExactly(Handling.REREAD);
        assertThat(SpecChanges.describe(List.of(new Change("a", Handling.REREAD), new Change("b", Handling.EXTEND),
                new Change("c", Handling.REREAD)), Handling.REREAD)).isEqualTo("a, c");
    }

    private static JobSpec mta(String... replacements) {
        String yaml;
        try (InputStream in = SpecChangesTest.class.getClassLoader().getResourceAsStream("jobs/mta-turnstile.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < replacements.length; i += 2) {
            assertThat(yaml).contains(replacements[i]);
            yaml = yaml.replace(replacements[i], replacements[i + 1]);
        }
        return new JobLoader().parse("mta-turnstile.yaml (test)", yaml);
    }
}
