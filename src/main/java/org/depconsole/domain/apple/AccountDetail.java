package org.depconsole.domain.apple;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /account}: the MDM server and its organization (dep-api.md §3.1). Unknown fields stay in {@code extra}. */
public record AccountDetail(String serverName, String serverUuid, String adminId, String facilitatorId,
                            String orgName, String orgEmail, String orgPhone, String orgAddress,
                            String orgId, String orgIdHash, String orgType, String orgVersion,
                            List<DeviceUrlLimit> urls, Map<String, Object> extra) {

    public AccountDetail {
        urls = WireValues.list(urls);
        extra = WireValues.map(extra);
    }

    /** The advertised limits of an endpoint such as {@code /server/devices}. */
    public Optional<DeviceUrlLimit> limitFor(String uri) {
        return urls.stream().filter(u -> uri.equals(u.uri())).findFirst();
    }
}
