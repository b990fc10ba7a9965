package io.streamgate.poller.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.streamgate.core.contract.EventIds;
import io.streamgate.poller.source.EventTimeConfig;
import io.streamgate.poller.source.FormatConfig;
import io.streamgate.poller.source.SourceConfig;
import io.streamgate.poller.source.TestSources;
import org.junit.jupiter.api.Test;

class RecordMapperTest {

    private static final byte[] CSV = ("C/A,UNIT,SCP,STATION,LINENAME,DIVISION,DATE,TIME,DESC,ENTRIES,EXITS\r\n"
            + "A002,R051,02-00-00,59 ST,NQR456W,BMT,07/04/2024,12:00:00,REGULAR,0007449721,0002531117\r\n")
            .getBytes(StandardCharsets.UTF_8);
    private static final Instant RECEIVED = Instant.parse("2024-07-10T00:00:00Z");

    private static SourceConfig source(List<String> id, FormatConfig format, EventTimeConfig time) {
        return TestSources.source(java.net.URI.create("http://p/x"), id, format, time);
    }

    @Test
    void csvRowBecomesAContractRecordWithItsExactBytesIdKeyAndNewYorkTimeInUtc() {
        SourceConfig config = source(List.of("C/A", "UNIT", "SCP", "DATE", "TIME"),
                new FormatConfig(FormatConfig.Kind.CSV, "", true, null),
                new EventTimeConfig(List.of("DATE", "TIME"), "MM/dd/yyyy HH:mm:ss", "America/New_York"));
        PolledRecord row = RecordSplitter.split(config.format(), CSV).get(0);
        CloudEvent event = new RecordMapper("mta", config).toContract(row, RECEIVED).event();
        assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("A002,R051,02-00-00,59 ST,NQR456W,BMT,07/04/2024,12:00:00,REGULAR,0007449721,0002531117");
        assertThat(event.getId()).isEqualTo("A002|R051|02-00-00|07/04/2024|12:00:00");
        assertThat(event.getTime().toInstant()).isEqualTo(Instant.parse("2024-07-04T16:00:00Z")); // EDT
        assertThat(event.getDataContentType()).isEqualTo("text/csv");
        assertThat(event.getSource().toString()).isEqualTo("/sources/mta");
        assertThat(new RecordMapper("mta", config).toContract(row, RECEIVED).key()).isEqualTo("R051");
    }

    @Test
    void recordWithoutIdFieldsGetsTheContentHashAndTheTimeReceived() {
        SourceConfig config = source(List.of(), new FormatConfig(FormatConfig.Kind.JSON, "/data", true, null), null);
        byte[] body = "{\"data\":[{\"station\":\"59 ST\"}]}".getBytes(StandardCharsets.UTF_8);
        PolledRecord record = RecordSplitter.split(config.format(), body).get(0);
        CloudEvent event = new RecordMapper("gbfs", config).toContract(record, RECEIVED).event();
        assertThat(event.getId()).isEqualTo(EventIds.contentHash("/sources/gbfs",
                "{\"station\":\"59 ST\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(event.getTime().toInstant()).isEqualTo(RECEIVED);
    }
}
