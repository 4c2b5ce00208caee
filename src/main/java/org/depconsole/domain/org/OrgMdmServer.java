package org.depconsole.domain.org;

import java.time.Instant;
import java.util.List;

/**
 * A device management service of the organization ({@code mdmServers}, §6.7) and the console DEP server it is mapped to.
 *
 * @param consoleServerId the console's DEP server for this entry, null when none matches (no token in this console)
 * @param mappedBy        how the mapping was found, null when unmapped
 * @param gone            the organization no longer lists this server
 */
public record OrgMdmServer(String id, String name, String type, String status, Integer deviceCount, Boolean enableMdmDisown,
                           List<String> defaultProductFamilies, Instant createdDateTime, Instant updatedDateTime, Instant lastConnectedDateTime,
                           String lastConnectedIp, Long consoleServerId, Mapping mappedBy, boolean gone) {

    public OrgMdmServer {
        defaultProductFamilies = defaultProductFamilies == null ? List.of() : List.copyOf(defaultProductFamilies);
    }

    /** How an entry was matched to a console server (reference §9): the same id, else the same unique name. */
    public enum Mapping { ID, NAME }

    /** Only external MDM servers can have DEP tokens (reference §9). */
    public boolean canHaveToken() {
        return type == null || "MDM".equalsIgnoreCase(type);
    }

    public OrgMdmServer mappedTo(Long consoleServer, Mapping how) {
        return new OrgMdmServer(id, name, type, status, deviceCount, enableMdmDisown, defaultProductFamilies, createdDateTime, updatedDateTime,
                lastConnectedDateTime, lastConnectedIp, consoleServer, consoleServer == null ? null : how, gone);
    }
}
