package org.depconsole.domain.business;

import java.time.Instant;
import java.util.List;

/**
 * A device management service of the organization ({@code mdmServers}, §6.7). {@code id} is opaque (32 upper-case hex
 * in Apple's samples; probably the DEP {@code server_uuid}, unverified, §9). Values may be null when omitted.
 */
public record MdmServer(String id, String serverName, String serverType, String status, Integer deviceCount,
                        Boolean enableMdmDisownFlag, List<String> defaultProductFamilies, Instant createdDateTime,
                        Instant updatedDateTime, Instant lastConnectedDateTime, String lastConnectedIp) {

    /** {@code serverType} of an external MDM server, the only kind that can have a DEP token (§9). */
    public static final String TYPE_MDM = "MDM";

    public MdmServer {
        defaultProductFamilies = OrgDevice.list(defaultProductFamilies);
    }

    public boolean isExternalMdm() {
        return TYPE_MDM.equals(serverType);
    }
}
