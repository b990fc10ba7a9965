package io.streamgate.poller.simulator;

import java.util.ArrayList;
import java.util.List;

/** One turnstile of the MTA's control areas: booth (C/A), remote unit, sub-channel position (SCP), station. */
record Turnstile(String ca, String unit, String scp, String station, String lineName, String division) {

    /** Real booths and stations from the MTA's turnstile files; each gets several SCPs. */
    private static final String[][] BOOTHS = {
        {"A002", "R051", "59 ST", "NQR456W", "BMT"},
        {"A006", "R079", "5 AV/59 ST", "NQRW", "BMT"},
        {"A021", "R032", "TIMES SQ-42 ST", "1237ACENQRSW", "BMT"},
        {"A033", "R170", "14 ST-UNION SQ", "LNQR456W", "BMT"},
        {"R240", "R047", "GRD CNTRL-42 ST", "4567S", "IRT"},
        {"N506", "R022", "34 ST-HERALD SQ", "BDFMNQRW", "IND"},
        {"R138", "R293", "34 ST-PENN STA", "123ACE", "IRT"},
        {"N063A", "R011", "42 ST-PORT AUTH", "ACENQRS1237W", "IND"},
        {"R110", "R027", "WALL ST", "23", "IRT"},
        {"N094", "R029", "WORLD TRADE CTR", "ACE23", "IND"},
        {"R533", "R055", "FLUSHING-MAIN", "7", "IRT"},
        {"N329", "R201", "WOODHAVEN BLVD", "MR", "IND"},
        {"R188", "R037", "207 ST", "1", "IRT"},
        {"PTH03", "R552", "JOURNAL SQUARE", "1", "PTH"},
        {"N339A", "R114", "PARSONS BLVD", "F", "IND"},
    };

    static List<Turnstile> first(int count) {
        List<Turnstile> turnstiles = new ArrayList<>(count);
        for (int i = 0; turnstiles.size() < count; i++) {
            String[] booth = BOOTHS[i % BOOTHS.length];
            int scp = i / BOOTHS.length;
            turnstiles.add(new Turnstile(booth[0], booth[1], String.format("%02d-%02d-%02d", scp / 10_000, scp / 100 % 100, scp % 100),
                    booth[2], booth[3], booth[4]));
        }
        return turnstiles;
    }
}
