package io.streamgate.aggregator.refine;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Per counter: the last reading whose differences were emitted (the baseline) and the readings not yet emitted
 * because the watermark has not passed them (an earlier reading may still arrive).
 */
public final class CounterState implements Serializable { // public: Spark's encoders insist

    Long lastTimeMs;
    BigDecimal[] lastValues;
    final List<Object[]> pending = new ArrayList<>();
}
