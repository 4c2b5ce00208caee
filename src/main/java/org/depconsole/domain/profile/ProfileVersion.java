package org.depconsole.domain.profile;

import java.time.Instant;

/**
 * One version of a preset: the Apple-native JSON body (what {@code POST /profile} takes) and, once defined at Apple,
 * the profile UUID and when. Versions never change except for being defined.
 */
public record ProfileVersion(long id, long presetId, int version, String body, Instant createdAt, String profileUuid, Instant definedAt) {

    public boolean defined() {
        return profileUuid != null;
    }
}
