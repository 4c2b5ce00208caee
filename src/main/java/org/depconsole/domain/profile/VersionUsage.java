package org.depconsole.domain.profile;

/** A version with how many inventory devices (not gone) carry its UUID, as assigned and as pushed. */
public record VersionUsage(ProfilePreset preset, ProfileVersion version, int assigned, int pushed) {
}
