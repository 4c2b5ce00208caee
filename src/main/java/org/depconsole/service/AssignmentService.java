package org.depconsole.service;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.depconsole.appleapi.AppleApiException;
import org.depconsole.appleapi.AppleDepClient;
import org.depconsole.appleapi.CallCause;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.apple.AssignResult;
import org.depconsole.domain.apple.DeviceOutcome;
import org.depconsole.domain.apple.PerDeviceStatuses;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.domain.profile.AssignmentOutcome;
import org.depconsole.domain.profile.AssignmentPreview;
import org.depconsole.domain.profile.AssignmentReport;
import org.depconsole.domain.profile.AssignmentReport.Operation;
import org.depconsole.domain.profile.AssignmentReport.Result;
import org.depconsole.domain.profile.ThrottledSerial;
import org.depconsole.persistence.InventoryRepository;
import org.depconsole.persistence.ProfileRepository;

/**
 * Assigning and removing profiles (dep-api.md §3.8, §3.9): a preview from the inventory, then batches of at most 1000
 * serials, each journalled with its cause. The local device state changes only for what Apple answered SUCCESS to;
 * THROTTLED serials are kept with Apple's retry time and may be sent again only from then on.
 */
public final class AssignmentService {

    /** When Apple throttles without saying how long (protocol before 10), wait this long. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofHours(1);

    private final AppleClients clients;
    private final InventoryRepository inventory;
    private final ProfileRepository store;
    private final Clock clock;

    public AssignmentService(AppleClients clients, InventoryRepository inventory, ProfileRepository store, Clock clock) {
        this.clients = clients;
        this.inventory = inventory;
        this.store = store;
        this.clock = clock;
    }

    // --- preview (offline) ---

    public AssignmentPreview preview(long serverId, String profileUuid, Collection<String> serials) {
        return preview(Operation.ASSIGN, serverId, profileUuid, serials);
    }

    public AssignmentPreview previewRemove(long serverId, Collection<String> serials) {
        return preview(Operation.REMOVE, serverId, null, serials);
    }

    private AssignmentPreview preview(Operation op, long serverId, String uuid, Collection<String> serials) {
        List<String> wanted = normalized(serials);
        Map<String, InventoryDevice> known = inventory.find(serverId, wanted);
        List<String> change = new ArrayList<>();
        List<String> done = new ArrayList<>();
        List<String> pushed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (String s : wanted) {
            InventoryDevice d = known.get(s);
            if (d == null) {
                unknown.add(s);
                continue;
            }
            if (d.gone()) {
                gone.add(s);
                continue;
            }
            String status = d.device().profileStatusRaw() == null ? "" : d.device().profileStatusRaw().toLowerCase(Locale.ROOT);
            boolean hasProfile = status.equals("assigned") || status.equals("pushed");
            if (op == Operation.ASSIGN && hasProfile && uuid.equalsIgnoreCase(String.valueOf(d.device().profileUuid()))) {
                done.add(s);
            } else if (op == Operation.REMOVE && !hasProfile) {
                done.add(s);
            } else if (status.equals("pushed")) {
                pushed.add(s);
            } else {
                change.add(s);
            }
        }
        return new AssignmentPreview(op, uuid, change, done, pushed, unknown, gone);
    }

    // --- Apple ---

    /** Assigns the profile to the serials in batches of ≤ 1000; {@code cause} labels the journal entries. */
    public AssignmentReport assign(long serverId, String profileUuid, Collection<String> serials, String cause) {
        String uuid = profileUuid.strip();
        return run(Operation.ASSIGN, serverId, uuid, normalized(serials), cause == null ? "Assign profile" : cause);
    }

    /** Removes (unassigns) the profile of the serials in batches of ≤ 1000. Devices that downloaded theirs keep it until erased. */
    public AssignmentReport remove(long serverId, Collection<String> serials, String cause) {
        return run(Operation.REMOVE, serverId, null, normalized(serials), cause == null ? "Remove profile" : cause);
    }

    /** The serials waiting for a retry after Apple throttled them, earliest first. */
    public List<ThrottledSerial> throttled(long serverId) {
        return store.throttled(serverId);
    }

    /**
     * Sends again the throttled serials whose retry time has come, each with the profile it was throttled for.
     *
     * @throws ConsoleException when none is waiting, or none may be sent yet (the sentence says from when)
     */
    public AssignmentReport retryThrottled(long serverId, String cause) {
        List<ThrottledSerial> waiting = store.throttled(serverId);
        if (waiting.isEmpty()) {
            throw new ConsoleException("assign.error.nothingThrottled");
        }
        Instant now = clock.instant();
        Map<String, List<String>> due = new LinkedHashMap<>();
        for (ThrottledSerial t : waiting) {
            if (!now.isBefore(t.retryAt())) {
                due.computeIfAbsent(t.profileUuid(), k -> new ArrayList<>()).add(t.serial());
            }
        }
        if (due.isEmpty()) {
            throw new ConsoleException("assign.error.retryTooEarly", DateTimeFormatter.ISO_INSTANT.format(waiting.get(0).retryAt()), waiting.size());
        }
        List<Result> results = new ArrayList<>();
        int calls = 0;
        String error = null;
        for (Map.Entry<String, List<String>> e : due.entrySet()) {
            AssignmentReport r = run(Operation.ASSIGN, serverId, e.getKey(), e.getValue(), cause == null ? "Retry throttled" : cause);
            results.addAll(r.results());
            calls += r.calls();
            error = error != null ? error : r.error();
        }
        return new AssignmentReport(Operation.ASSIGN, due.size() == 1 ? due.keySet().iterator().next() : null, results, calls, error);
    }

    private AssignmentReport run(Operation op, long serverId, String uuid, List<String> serials, String cause) {
        if (serials.isEmpty()) {
            throw new ConsoleException("profiles.error.noSerials");
        }
        AppleDepClient client = clients.client(serverId);
        List<Result> results = new ArrayList<>();
        int calls = 0;
        String error = null;
        for (int from = 0; from < serials.size(); from += AppleDepClient.MAX_SERIALS) {
            List<String> batch = serials.subList(from, Math.min(serials.size(), from + AppleDepClient.MAX_SERIALS));
            if (error != null) {
                batch.forEach(s -> results.add(new Result(s, uuid, AssignmentOutcome.NOT_SENT, null)));
                continue;
            }
            PerDeviceStatuses answer;
            Instant retryAt = null;
            try (var c = CallCause.set(cause)) {
                calls++;
                if (op == Operation.ASSIGN) {
                    AssignResult a = client.assignProfile(uuid, batch);
                    retryAt = clock.instant().plus(a.retryAfter().orElse(DEFAULT_RETRY_AFTER));
                    answer = a;
                } else {
                    answer = client.removeProfile(batch);
                }
            } catch (AppleApiException e) {
                if (results.isEmpty()) {
                    throw e;
                }
                error = e.getMessage();
                batch.forEach(s -> results.add(new Result(s, uuid, AssignmentOutcome.NOT_SENT, null)));
                continue;
            }
            record(op, serverId, uuid, batch, answer, retryAt, results);
        }
        return new AssignmentReport(op, uuid, results, calls, error);
    }

    /** Apple's answer for one batch → results, local device state (SUCCESS only) and the throttle list. */
    private void record(Operation op, long serverId, String uuid, List<String> batch, PerDeviceStatuses answer, Instant retryAt,
                        List<Result> results) {
        Instant now = clock.instant();
        List<String> ok = new ArrayList<>();
        List<ThrottledSerial> throttled = new ArrayList<>();
        List<String> settled = new ArrayList<>();
        for (String s : batch) {
            AssignmentOutcome o = AssignmentOutcome.of(DeviceOutcome.fromWire(answer.devices().get(s)));
            if (answer.devices().get(s) == null) {
                o = AssignmentOutcome.UNKNOWN;
            }
            Instant at = o == AssignmentOutcome.THROTTLED ? retryAt : null;
            results.add(new Result(s, uuid, o, at));
            if (o == AssignmentOutcome.SUCCESS) {
                ok.add(s);
            }
            if (o == AssignmentOutcome.THROTTLED && at != null) {
                throttled.add(new ThrottledSerial(serverId, s, uuid, at));
            } else if (o != AssignmentOutcome.UNKNOWN) {
                settled.add(s);
            }
        }
        inventory.recordProfileAnswer(serverId, ok, op == Operation.ASSIGN ? uuid : null, now);
        store.clearThrottled(serverId, settled);
        store.putThrottled(throttled);
    }

    // --- results file ---

    /** One row per serial (RFC 4180, UTF-8): serial_number, operation, profile_uuid, result, retry_after. The file appears whole or not at all. */
    public static void writeCsv(AssignmentReport report, Path file) {
        AtomicFiles.writeUtf8(file, w -> writeCsv(report, w), "assign.error.results");
    }

    public static void writeCsv(AssignmentReport report, Writer out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader("serial_number", "operation", "profile_uuid", "result", "retry_after").get());
        for (Result r : report.results()) {
            csv.printRecord(r.serial(), report.operation().name().toLowerCase(Locale.ROOT), r.profileUuid() == null ? "" : r.profileUuid(),
                    r.outcome().name(), r.retryAt() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(r.retryAt()));
        }
        csv.flush();
    }

    private static List<String> normalized(Collection<String> serials) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : serials) {
            String t = s == null ? "" : s.strip().toUpperCase(Locale.ROOT);
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }
}
