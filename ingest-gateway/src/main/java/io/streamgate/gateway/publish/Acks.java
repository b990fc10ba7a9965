package io.streamgate.gateway.publish;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The broker's answers to one request's sends, by record index: which records Kafka acknowledged, which failed,
 * and which are still unanswered. It keeps a bit per record and one future for the whole request instead of a
 * future per record, so a request of 100,000 records waits on one thing.
 */
final class Acks {

    private final BitSet stored = new BitSet();
    private final BitSet failed = new BitSet();
    private final CompletableFuture<Void> all = new CompletableFuture<>();
    private int sent;
    private int answered;
    private boolean sealed;
    private Throwable firstFailure;

    /** Follows the send of the next record. */
    synchronized void track(CompletableFuture<?> send) {
        int index = sent++;
        send.whenComplete((result, failure) -> answer(index, failure));
    }

    /** No more records will be sent; {@link #all()} completes once each sent one is answered. */
    synchronized void seal() {
        sealed = true;
        completeIfAnswered();
    }

    CompletableFuture<Void> all() {
        return all;
    }

    synchronized int sent() {
        return sent;
    }

    synchronized Throwable firstFailure() {
        return firstFailure;
    }

    /**
     * What the client is told was stored when the request fails: {@code stored}, the records Kafka acknowledged,
     * and {@code unconfirmed}, those still unanswered, which may yet be stored. Indices as ranges ({@code 0-41,57}).
     * Records neither listed failed, or were never sent ({@code records} of the request in all).
     */
    synchronized Map<String, Object> report(int records) {
        BitSet unconfirmed = new BitSet();
        unconfirmed.set(0, sent);
        unconfirmed.andNot(stored);
        unconfirmed.andNot(failed);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("records", records);
        report.put("stored", ranges(stored));
        report.put("unconfirmed", ranges(unconfirmed));
        return report;
    }

    private synchronized void answer(int index, Throwable failure) {
        answered++;
        if (failure == null) {
            stored.set(index);
        } else {
            failed.set(index);
            if (firstFailure == null) {
                firstFailure = failure;
            }
        }
        completeIfAnswered();
    }

    private void completeIfAnswered() {
        if (sealed && answered == sent) {
            all.complete(null);
        }
    }

    static String ranges(BitSet indices) {
        StringBuilder text = new StringBuilder();
        for (int start = indices.nextSetBit(0); start >= 0; start = indices.nextSetBit(start)) {
            int end = indices.nextClearBit(start) - 1;
            text.append(text.isEmpty() ? "" : ",").append(start);
            if (end > start) {
                text.append('-').append(end);
            }
            start = end + 1;
        }
        return text.toString();
    }
}
