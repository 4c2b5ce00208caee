package org.depconsole.domain.apple;

import java.util.List;

/**
 * One entry of the account's {@code urls}: an endpoint this MDM server may call and its paging limits (dep-api.md §3.1).
 *
 * @param defaultLimit page size Apple uses when none is sent; null when not advertised
 * @param maximumLimit largest page or batch Apple accepts; null when not advertised
 */
public record DeviceUrlLimit(String uri, List<String> httpMethods, Integer defaultLimit, Integer maximumLimit) {

    public DeviceUrlLimit {
        httpMethods = WireValues.list(httpMethods);
    }
}
