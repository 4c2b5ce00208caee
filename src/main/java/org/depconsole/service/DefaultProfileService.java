package org.depconsole.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.inventory.SyncResult;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.domain.profile.AssignmentOutcome;
import org.depconsole.domain.profile.AssignmentReport;
import org.depconsole.domain.profile.DefaultAssignment;
import org.depconsole.domain.profile.ThrottledSerial;
import org.depconsole.persistence.ProfileRepository;
import org.depconsole.persistence.SettingsRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default profile of a server: after each sync, the devices that sync reported as arrived (or returned) or with a
 * changed profile status, and that now have no profile (status empty or removed, dep-api.md §6.3 pitfalls 4 and 5),
 * get it. Each such assignment is journalled with the cause "Default profile" and logged per device. A default named
 * by preset follows the preset's newest defined version; one named by UUID stays on that UUID.
 */
public final class DefaultProfileService {

    public static final String CAUSE = "Default profile";
    private static final Logger LOG = LoggerFactory.getLogger(DefaultProfileService.class);

    /** The default of a server; {@code presetName} null when it was given as a UUID. */
    public record DefaultProfile(long serverId, boolean enabled, String presetName, String profileUuid) {
    }

    private final SettingsRepository settings;
    private final ProfileService profiles;
    private final AssignmentService assignments;
    private final ProfileRepository store;
    private final Clock clock;

    public DefaultProfileService(SettingsRepository settings, ProfileService profiles, AssignmentService assignments, ProfileRepository store,
                                 Clock clock) {
        this.settings = settings;
        this.profiles = profiles;
        this.assignments = assignments;
        this.store = store;
        this.clock = clock;
    }

    /** Turns the default on with a preset (its newest defined version) or a UUID. */
    public DefaultProfile set(long serverId, String presetOrUuid) {
        String uuid = profiles.resolveUuid(serverId, presetOrUuid);
        String preset = profiles.findPreset(serverId, presetOrUuid).map(p -> p.name()).orElse("");
        settings.put(key(serverId, "uuid"), uuid);
        settings.put(key(serverId, "preset"), preset);
        settings.put(key(serverId, "on"), "true");
        return get(serverId).orElseThrow();
    }

    /** Stops assigning after syncs; the choice is kept so that it can be turned on again. */
    public void turnOff(long serverId) {
        settings.put(key(serverId, "on"), "false");
    }

    public Optional<DefaultProfile> get(long serverId) {
        Optional<String> uuid = settings.get(key(serverId, "uuid")).filter(s -> !s.isBlank());
        if (uuid.isEmpty()) {
            return Optional.empty();
        }
        String preset = settings.get(key(serverId, "preset")).filter(s -> !s.isBlank()).orElse(null);
        boolean on = settings.get(key(serverId, "on")).map(Boolean::parseBoolean).orElse(false);
        return Optional.of(new DefaultProfile(serverId, on, preset, uuid.get()));
    }

    /** Newest first: what the default profile did. */
    public List<DefaultAssignment> history(long serverId, int limit) {
        return store.defaultLog(serverId, limit);
    }

    /** Serials of a server that other work (a move job with its own profile) will give a profile: the default skips them. */
    @FunctionalInterface
    public interface Reserved {
        java.util.Set<String> reserved(long serverId);
    }

    private volatile Reserved reserved = serverId -> java.util.Set.of();

    public void setReserved(Reserved next) {
        reserved = next;
    }

    /** The after-sync step (wired in {@link CoreServices}); returns what it logged. Never throws for Apple's refusals. */
    public List<DefaultAssignment> afterSync(SyncRun run) {
        if (run.result() != SyncResult.SUCCESS && run.result() != SyncResult.STOPPED) {
            return List.of();
        }
        Optional<DefaultProfile> d = get(run.serverId()).filter(DefaultProfile::enabled);
        if (d.isEmpty()) {
            return List.of();
        }
        Map<String, String> candidates = store.defaultProfileCandidates(run.serverId(), run.id());
        Set<String> waiting = store.throttled(run.serverId()).stream().map(ThrottledSerial::serial).collect(Collectors.toSet());
        candidates.keySet().removeAll(waiting);
        // devices a move job will give its own profile: the job's profile wins over the default
        candidates.keySet().removeAll(reserved.reserved(run.serverId()));
        if (candidates.isEmpty()) {
            return List.of();
        }
        String uuid = currentUuid(d.get());
        List<DefaultAssignment> rows = new ArrayList<>();
        try {
            AssignmentReport report = assignments.assign(run.serverId(), uuid, candidates.keySet(), CAUSE);
            for (AssignmentReport.Result r : report.results()) {
                rows.add(new DefaultAssignment(run.serverId(), run.id(), r.serial(), uuid, candidates.get(r.serial()), r.outcome().name(), clock.instant()));
            }
        } catch (ConsoleException e) {
            LOG.warn("The default profile could not be assigned after sync {} of server {}: {}", run.id(), run.serverId(), e.getMessage());
            candidates.forEach((serial, reason) -> rows.add(new DefaultAssignment(run.serverId(), run.id(), serial, uuid, reason,
                    AssignmentOutcome.NOT_SENT.name(), clock.instant())));
        }
        store.logDefault(rows);
        return rows;
    }

    private String currentUuid(DefaultProfile d) {
        if (d.presetName() != null) {
            try {
                return profiles.resolveUuid(d.serverId(), d.presetName());
            } catch (ConsoleException e) {
                // the preset was renamed away: keep the UUID chosen
            }
        }
        return d.profileUuid();
    }

    private static String key(long serverId, String what) {
        return "setting.profiles.default." + what + "." + serverId;
    }
}
