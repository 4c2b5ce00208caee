package org.depconsole.domain.profile;

import java.time.Instant;

/** A named enrollment profile of one server; its content lives in {@link ProfileVersion}s. Hidden presets stay but are not offered. */
public record ProfilePreset(long id, long serverId, String name, boolean hidden, Instant createdAt) {
}
