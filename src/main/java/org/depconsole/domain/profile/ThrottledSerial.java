package org.depconsole.domain.profile;

import java.time.Instant;

/** A serial Apple answered THROTTLED for a profile; it may be sent again from {@code retryAt}. */
public record ThrottledSerial(long serverId, String serial, String profileUuid, Instant retryAt) {
}
