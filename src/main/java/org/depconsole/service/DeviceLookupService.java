package org.depconsole.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.depconsole.appleapi.CallCause;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.apple.Device;
import org.depconsole.domain.apple.ReplacementDetails;

/**
 * What Apple says about some devices right now (device details, replacement details), next to the offline
 * inventory: for checking one device before or after an action. Nothing is stored.
 */
public final class DeviceLookupService {

    /** Apple's limit per details request. */
    public static final int MAX_SERIALS = 1000;

    private final AppleClients clients;

    public DeviceLookupService(AppleClients clients) {
        this.clients = clients;
    }

    /** {@code POST /devices}: serial → Apple's record with its response status (SUCCESS, NOT_ACCESSIBLE…). */
    public Map<String, Device> details(long serverId, List<String> serials, String cause) {
        if (serials.isEmpty() || serials.size() > MAX_SERIALS) {
            throw new ConsoleException("lookup.error.count", MAX_SERIALS);
        }
        try (var scope = CallCause.set(cause)) {
            return clients.client(serverId).deviceDetails(serials);
        }
    }

    /** {@code GET /device/replacementDetails}: empty when the device replaced nothing. */
    public Optional<ReplacementDetails> replacement(long serverId, String serial, String cause) {
        try (var scope = CallCause.set(cause)) {
            return clients.client(serverId).replacementDetails(serial);
        }
    }
}
