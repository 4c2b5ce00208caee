package org.depconsole.domain.business;

import java.util.List;

/**
 * One page of {@code GET /v1/orgDevices} (§6.1).
 *
 * @param nextCursor the cursor for the next page, null on the last page (§8.4); opaque, never edit it
 * @param total      Apple's {@code meta.paging.total} when present (Apple's samples never show it), else null
 */
public record OrgDevicePage(List<OrgDevice> devices, String nextCursor, Integer total) {

    public OrgDevicePage {
        devices = List.copyOf(devices);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
