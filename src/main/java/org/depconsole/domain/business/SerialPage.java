package org.depconsole.domain.business;

import java.util.List;

/** One page of {@code GET /v1/mdmServers/{id}/relationships/devices} (§6.9): serial numbers only; {@code nextCursor} null on the last page. */
public record SerialPage(List<String> serials, String nextCursor) {

    public SerialPage {
        serials = List.copyOf(serials);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
