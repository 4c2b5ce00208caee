package org.depconsole.appleapi.business;

import java.util.List;
import org.depconsole.appleapi.AppleApiException;

/**
 * 409 on {@code POST /v1/orgDeviceActivities} (§6.11): Apple does not know the server or one of the serials, so it
 * created no activity at all. The serials (or server) Apple named are kept when its error document pointed at them;
 * Apple's exact error detail format is unverified, so they may be empty.
 */
public final class ActivityConflictException extends AppleApiException {

    private final List<String> unknownSerials;
    private final boolean unknownServer;

    public ActivityConflictException(String code, boolean unknownServer, List<String> unknownSerials) {
        super(null, code, 409, unknownServer ? "apple.error.business.unknownServer"
                : unknownSerials.isEmpty() ? "apple.error.business.conflict" : "apple.error.business.unknownSerials",
                String.join(", ", unknownSerials.stream().limit(10).toList()) + (unknownSerials.size() > 10 ? ", …" : ""));
        this.unknownSerials = List.copyOf(unknownSerials);
        this.unknownServer = unknownServer;
    }

    /** Serials Apple named as unknown (may be empty when its answer did not name them). */
    public List<String> unknownSerials() {
        return unknownSerials;
    }

    /** True when Apple named the server as unknown. */
    public boolean unknownServer() {
        return unknownServer;
    }
}
