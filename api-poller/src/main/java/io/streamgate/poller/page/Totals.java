package io.streamgate.poller.page;

import com.fasterxml.jackson.databind.JsonNode;

/** A provider's count of a query's records (offset paging) or pages (page numbers), when the body has one. */
final class Totals {

    private Totals() {
    }

    /** Whether {@code reached} covers the total at {@code pointer} (false when there is none). */
    static boolean reached(PageView page, String pointer, long reached) {
        if (pointer == null || pointer.isEmpty() || page.body() == null) {
            return false;
        }
        JsonNode total = page.body().at(pointer);
        return total.canConvertToLong() && reached >= total.asLong();
    }
}
