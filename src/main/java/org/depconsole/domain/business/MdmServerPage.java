package org.depconsole.domain.business;

import java.util.List;

/** One page of {@code GET /v1/mdmServers}; {@code nextCursor} null on the last page. */
public record MdmServerPage(List<MdmServer> servers, String nextCursor) {

    public MdmServerPage {
        servers = List.copyOf(servers);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
