package org.depconsole.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.depconsole.appleapi.AppleDepClient;
import org.depconsole.appleapi.CallCause;
import org.depconsole.appleapi.ProfileJson;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.apple.DefineProfileResult;
import org.depconsole.domain.apple.Profile;
import org.depconsole.domain.profile.LintIssue;
import org.depconsole.domain.profile.Platform;
import org.depconsole.domain.profile.ProfileLint;
import org.depconsole.domain.profile.ProfilePreset;
import org.depconsole.domain.profile.ProfileVersion;
import org.depconsole.domain.profile.SkipKeyCatalog;
import org.depconsole.domain.profile.VersionUsage;
import org.depconsole.persistence.DuplicateNameException;
import org.depconsole.persistence.ProfileRepository;

/**
 * Enrollment profile presets of a server (docs/decisions/0008): each edit is a new version holding the Apple-native JSON
 * body; defining a version at Apple records the UUID Apple gave it. Apple's profiles are immutable, so a changed
 * profile is always a new version with a new UUID. Every call to Apple is journalled with a cause.
 */
public final class ProfileService {

    /** Apple's UUIDs are hex (32 characters, the simulator 16), sometimes with dashes. */
    private static final Pattern UUID_LIKE = Pattern.compile("^[0-9A-Fa-f-]{16,40}$");

    private final ProfileRepository store;
    private final AppleClients clients;
    private final ServerService servers;
    private final Clock clock;
    private final SkipKeyCatalog catalog;
    private final ProfileLint lint;

    public ProfileService(ProfileRepository store, AppleClients clients, ServerService servers, Clock clock, SkipKeyCatalog catalog) {
        this.store = store;
        this.clients = clients;
        this.servers = servers;
        this.clock = clock;
        this.catalog = catalog;
        this.lint = new ProfileLint(catalog);
    }

    public SkipKeyCatalog skipKeys() {
        return catalog;
    }

    // --- lint, import, export ---

    public List<LintIssue> lint(Profile p, Set<Platform> platformsOrEmpty) {
        return lint.check(p, platformsOrEmpty == null ? EnumSet.noneOf(Platform.class) : platformsOrEmpty);
    }

    /** Apple-native JSON (what {@code POST /profile} takes) → profile; a sentence when it is not one. */
    public static Profile importJson(String json) {
        return ProfileJson.read(json);
    }

    public static String exportJson(Profile p) {
        return ProfileJson.write(p);
    }

    /** The profile a version holds. */
    public static Profile profileOf(ProfileVersion v) {
        return ProfileJson.read(v.body());
    }

    // --- presets and versions ---

    /** A server's presets by name; hidden ones only when asked. */
    public List<ProfilePreset> presets(long serverId, boolean includeHidden) {
        servers.get(serverId);
        return store.presets(serverId).stream().filter(p -> includeHidden || !p.hidden()).toList();
    }

    public Optional<ProfilePreset> findPreset(long serverId, String name) {
        return name == null ? Optional.empty() : store.findPreset(serverId, name.strip());
    }

    public ProfilePreset preset(long serverId, String name) {
        return findPreset(serverId, name).orElseThrow(() -> new ConsoleException("profiles.error.presetUnknown", name));
    }

    /** Creates a preset with the profile as version 1. */
    public ProfileVersion createPreset(long serverId, String name, Profile profile) {
        servers.get(serverId);
        String n = validName(name);
        ProfilePreset p;
        try {
            p = store.createPreset(serverId, n, clock.instant());
        } catch (DuplicateNameException e) {
            throw new ConsoleException(e, "profiles.error.presetTaken", n);
        }
        return store.addVersion(p.id(), body(profile), clock.instant());
    }

    /** "Edit": the profile becomes the preset's next version (the earlier ones stay, with their UUIDs). */
    public ProfileVersion saveVersion(long serverId, String presetName, Profile profile) {
        ProfilePreset p = preset(serverId, presetName);
        return store.addVersion(p.id(), body(profile), clock.instant());
    }

    /**
     * Deletes a preset and its versions from the console only: Apple has no way to delete a profile, and devices keep
     * the profile they have (shown by UUID from then on).
     */
    public void deletePreset(long serverId, String presetName) {
        store.deletePreset(preset(serverId, presetName).id());
    }

    public void setHidden(long serverId, String presetName, boolean hidden) {
        store.setHidden(preset(serverId, presetName).id(), hidden);
    }

    /** Oldest first. */
    public List<ProfileVersion> versions(long serverId, String presetName) {
        return store.versions(preset(serverId, presetName).id());
    }

    public Optional<ProfileVersion> latest(long serverId, String presetName) {
        List<ProfileVersion> all = versions(serverId, presetName);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The newest version that Apple knows (has a UUID). */
    public Optional<ProfileVersion> latestDefined(long serverId, String presetName) {
        return versions(serverId, presetName).stream().filter(ProfileVersion::defined).max(Comparator.comparingInt(ProfileVersion::version));
    }

    /** Every version of the server's presets with how many devices have its UUID assigned / pushed (gone devices not counted). */
    public List<VersionUsage> usage(long serverId, boolean includeHidden) {
        Map<String, Map<String, Integer>> counts = store.deviceCountsByUuid(serverId);
        List<VersionUsage> out = new ArrayList<>();
        for (ProfilePreset p : presets(serverId, includeHidden)) {
            for (ProfileVersion v : store.versions(p.id())) {
                Map<String, Integer> c = v.defined() ? counts.getOrDefault(v.profileUuid().toUpperCase(Locale.ROOT), Map.of()) : Map.of();
                out.add(new VersionUsage(p, v, c.getOrDefault("assigned", 0), c.getOrDefault("pushed", 0)));
            }
        }
        return out;
    }

    /** Serial → version number of the devices that carry an older defined version of the preset than its newest defined one. */
    public Map<String, Integer> devicesOnOlderVersion(long serverId, String presetName) {
        List<ProfileVersion> defined = versions(serverId, presetName).stream().filter(ProfileVersion::defined).toList();
        if (defined.size() < 2) {
            return Map.of();
        }
        Map<String, Integer> versionByUuid = new LinkedHashMap<>();
        defined.subList(0, defined.size() - 1).forEach(v -> versionByUuid.put(v.profileUuid().toUpperCase(Locale.ROOT), v.version()));
        Map<String, Integer> out = new LinkedHashMap<>();
        store.devicesWithProfile(serverId, versionByUuid.keySet()).forEach((serial, uuid) -> out.put(serial, versionByUuid.get(uuid)));
        return out;
    }

    /** "Preset (vN)" by upper-case UUID: what the inventory shows instead of a bare UUID. */
    public Map<String, String> namesByUuid(long serverId) {
        return store.namesByUuid(serverId);
    }

    /** The local version Apple gave this UUID, if the profile was defined from this console. */
    public Optional<ProfileVersion> versionByUuid(long serverId, String uuid) {
        return store.versionByUuid(serverId, uuid.strip());
    }

    public Optional<ProfilePreset> presetOf(ProfileVersion v) {
        return store.preset(v.presetId());
    }

    /**
     * A preset name (its newest defined version) or a profile UUID → the UUID to send to Apple.
     *
     * @throws ConsoleException when the preset has no defined version, or the text is neither a preset nor a UUID
     */
    public String resolveUuid(long serverId, String presetOrUuid) {
        String text = presetOrUuid == null ? "" : presetOrUuid.strip();
        Optional<ProfilePreset> preset = findPreset(serverId, text);
        if (preset.isPresent()) {
            return latestDefined(serverId, preset.get().name()).map(ProfileVersion::profileUuid)
                    .orElseThrow(() -> new ConsoleException("profiles.error.notDefined", preset.get().name()));
        }
        if (UUID_LIKE.matcher(text).matches()) {
            return text.toUpperCase(Locale.ROOT);
        }
        throw new ConsoleException("profiles.error.profileUnknown", text);
    }

    // --- Apple ---

    /**
     * Lints the profile (errors refuse with {@link ProfileLintException}, nothing sent), stores it as the preset's
     * next version (creating the preset when it does not exist; an undefined newest version with the same body is
     * reused), defines it at Apple and records the UUID on that version. Apple's refusals arrive as
     * {@link org.depconsole.appleapi.BadRequestException} with a sentence per code (dep-api.md §5.2).
     */
    public ProfileVersion define(long serverId, String presetName, Profile profile) {
        servers.get(serverId);
        Profile clean = withoutDevices(profile);
        List<LintIssue> issues = lint.check(clean);
        if (ProfileLint.hasErrors(issues)) {
            throw new ProfileLintException(issues);
        }
        String name = validName(presetName == null || presetName.isBlank() ? clean.profileName() : presetName);
        String body = body(clean);
        ProfileVersion version;
        Optional<ProfilePreset> preset = findPreset(serverId, name);
        if (preset.isEmpty()) {
            version = createPreset(serverId, name, clean);
        } else {
            List<ProfileVersion> all = store.versions(preset.get().id());
            ProfileVersion last = all.isEmpty() ? null : all.get(all.size() - 1);
            version = last != null && !last.defined() && last.body().equals(body) ? last : store.addVersion(preset.get().id(), body, clock.instant());
        }
        AppleDepClient client = clients.client(serverId);
        DefineProfileResult result;
        try (var cause = CallCause.set("Define profile \"" + name + "\"")) {
            result = client.defineProfile(clean);
        }
        return store.markDefined(version, result.profileUuid(), clock.instant());
    }

    /** {@code GET /profile}: what Apple holds under a UUID (empty when Apple does not know it). */
    public Optional<Profile> fetch(long serverId, String uuid) {
        AppleDepClient client = clients.client(serverId);
        try (var cause = CallCause.set("Show profile")) {
            return client.getProfile(uuid.strip());
        }
    }

    private static Profile withoutDevices(Profile p) {
        return p.devices() == null ? p : new Profile(p.profileName(), p.url(), p.configurationWebUrl(), p.allowPairing(), p.isSupervised(),
                p.isMandatory(), p.isMdmRemovable(), p.isMultiUser(), p.awaitDeviceConfigured(), p.autoAdvanceSetup(), p.isReturnToService(),
                p.doNotUseProfileFromBackup(), p.supportPhoneNumber(), p.supportEmailAddress(), p.department(), p.orgMagic(), p.language(),
                p.region(), p.anchorCerts(), p.supervisingHostCerts(), p.skipSetupItems(), null, null, p.extra());
    }

    private static String body(Profile p) {
        return ProfileJson.write(withoutDevices(p));
    }

    private static String validName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > ProfileLint.NAME_MAX) {
            throw new ConsoleException("profiles.error.presetName", ProfileLint.NAME_MAX);
        }
        return n;
    }
}
