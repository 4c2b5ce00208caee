package org.depconsole.domain.org;

import org.depconsole.domain.TokenState;

/**
 * One MDM server of the organization with what the console knows about it.
 *
 * @param storedDevices     devices the last org sync found on it
 * @param consoleServerName the console DEP server mapped to it, null when this console has no token for it
 * @param tokenState        that server's token state, null when unmapped
 * @param depDevices        devices in that server's DEP inventory (not gone), 0 when unmapped
 */
public record OrgServerRow(OrgMdmServer server, int storedDevices, String consoleServerName, TokenState tokenState, int depDevices) {

    public boolean linked() {
        return server.consoleServerId() != null;
    }
}
