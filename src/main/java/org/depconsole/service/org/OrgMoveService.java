package org.depconsole.service.org;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.depconsole.appleapi.AppleApiException;
import org.depconsole.appleapi.CallCause;
import org.depconsole.appleapi.CancelledException;
import org.depconsole.appleapi.NetworkException;
import org.depconsole.appleapi.business.ActivityConflictException;
import org.depconsole.appleapi.business.AppleBusinessClient;
import org.depconsole.appleapi.business.BusinessApiException;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Messages;
import org.depconsole.domain.business.ActivityResultRow;
import org.depconsole.domain.business.ActivityType;
import org.depconsole.domain.business.AppleBusinessApi;
import org.depconsole.domain.business.OrgDeviceActivity;
import org.depconsole.domain.business.SerialPage;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.domain.org.JobSummary;
import org.depconsole.domain.org.MovePreview;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.domain.org.OrgInventoryDevice;
import org.depconsole.domain.org.OrgJob;
import org.depconsole.domain.org.OrgJobActivity;
import org.depconsole.domain.org.OrgJobDevice;
import org.depconsole.domain.org.OrgMdmServer;
import org.depconsole.domain.profile.AssignmentOutcome;
import org.depconsole.domain.profile.AssignmentPreview;
import org.depconsole.domain.profile.AssignmentReport;
import org.depconsole.persistence.InventoryRepository;
import org.depconsole.persistence.OrgJobRepository;
import org.depconsole.persistence.OrgRepository;
import org.depconsole.persistence.SettingsRepository;
import org.depconsole.service.AssignmentService;
import org.depconsole.service.AtomicFiles;
import org.depconsole.service.ProfileService;
import org.depconsole.service.ServerService;
import org.depconsole.sync.SyncBusyException;
import org.depconsole.sync.SyncService;
import org.depconsole.sync.WorkLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moving devices between MDM servers (docs/decisions/0013): a preview from the stored organization, then a stored job
 * that sends as few {@code orgDeviceActivities} as possible (1000 devices each), polls them until they end, records
 * each device's result (from the activity's CSV when Apple offers one), and, for "move, then give profile P", waits
 * until the target server's DEP sync lists the devices (syncing it with backoff, up to a configurable time) and then
 * assigns P through {@link AssignmentService}. Every step is stored; a job resumes where it stood after a restart, and
 * one process at a time drives a job (a work lease).
 */
public final class OrgMoveService {

    private static final Logger LOG = LoggerFactory.getLogger(OrgMoveService.class);
    public static final String DEP_WAIT_KEY = "setting.org.depWaitMinutes";
    public static final Duration DEFAULT_DEP_WAIT = Duration.ofMinutes(30);

    /**
     * How a job paces itself.
     *
     * @param poll          between two looks at a running activity
     * @param depWait       how long a job waits for the target's DEP sync to list the moved devices
     * @param firstBackoff  the first pause between two DEP syncs of the target; doubled each time
     * @param maxBackoff    the longest pause between two DEP syncs
     */
    public record Timing(Duration poll, Duration depWait, Duration firstBackoff, Duration maxBackoff) {
        public static Timing standard(Duration depWait) {
            return new Timing(Duration.ofSeconds(5), depWait, Duration.ofSeconds(20), Duration.ofMinutes(5));
        }
    }

    /**
     * What to move.
     *
     * @param targetServer id or name of the MDM server (ignored for UNASSIGN)
     * @param profile      preset name or profile UUID of the target's console server to give after the move, or null
     */
    public record MoveRequest(long accountId, OrgJob.Kind kind, String targetServer, Collection<String> serials, String profile) {
    }

    /** Told whenever a job changes: its state, its counts and a short sentence of what it does now. */
    public record JobProgress(JobSummary summary, String step) {
    }

    private final OrgAccountService accounts;
    private final OrgRepository org;
    private final OrgJobRepository jobs;
    private final OrgInventoryService orgInventory;
    private final ServerService servers;
    private final InventoryRepository inventory;
    private final ProfileService profiles;
    private final AssignmentService assignments;
    private final SyncService depSync;
    private final SettingsRepository settings;
    private final WorkLease leases;
    private final Path resultsFolder;
    private final Clock clock;
    private volatile Timing timing;
    private final Set<Long> createdHere = ConcurrentHashMap.newKeySet();
    private final Set<Long> cancelled = ConcurrentHashMap.newKeySet();

    public OrgMoveService(OrgAccountService accounts, OrgRepository org, OrgJobRepository jobs, OrgInventoryService orgInventory,
                          ServerService servers, InventoryRepository inventory, ProfileService profiles, AssignmentService assignments,
                          SyncService depSync, SettingsRepository settings, WorkLease leases, Path resultsFolder, Clock clock) {
        this.accounts = accounts;
        this.org = org;
        this.jobs = jobs;
        this.orgInventory = orgInventory;
        this.servers = servers;
        this.inventory = inventory;
        this.profiles = profiles;
        this.assignments = assignments;
        this.depSync = depSync;
        this.settings = settings;
        this.leases = leases;
        this.resultsFolder = resultsFolder;
        this.clock = clock;
        this.timing = Timing.standard(depWait());
    }

    public void setTiming(Timing next) {
        timing = next;
    }

    public Timing timing() {
        return timing;
    }

    /** How long a "move, then give profile" job waits for the target's DEP sync (setting, default 30 minutes). */
    public Duration depWait() {
        return settings.get(DEP_WAIT_KEY).map(v -> Duration.ofMinutes(Long.parseLong(v))).orElse(DEFAULT_DEP_WAIT);
    }

    /** 1 minute to 24 hours. */
    public void setDepWait(Duration wait) {
        if (wait.compareTo(Duration.ofMinutes(1)) < 0 || wait.compareTo(Duration.ofHours(24)) > 0) {
            throw new ConsoleException("org.error.depWait");
        }
        settings.put(DEP_WAIT_KEY, Long.toString(wait.toMinutes()));
        timing = new Timing(timing.poll(), wait, timing.firstBackoff(), timing.maxBackoff());
    }

    static String leaseKey(long jobId) {
        return "org-job:" + jobId;
    }

    // --- preview ---

    /** What the move would do, from the stored organization; sends nothing. */
    public MovePreview preview(MoveRequest r) {
        OrgAccount account = accounts.get(r.accountId());
        List<String> wanted = normalized(r.serials());
        if (wanted.isEmpty()) {
            throw new ConsoleException("cli.error.noSerials");
        }
        OrgMdmServer target = r.kind() == OrgJob.Kind.ASSIGN ? orgInventory.server(account.id(), r.targetServer()) : null;
        Map<String, OrgMdmServer> byId = new HashMap<>();
        org.servers(account.id()).forEach(s -> byId.put(s.id(), s));
        Map<String, OrgInventoryDevice> stored = org.devices(account.id(), wanted);
        List<String> move = new ArrayList<>();
        Map<String, List<String>> from = new TreeMap<>();
        List<String> there = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> released = new ArrayList<>();
        for (String s : wanted) {
            OrgInventoryDevice d = stored.get(s);
            if (d == null) {
                unknown.add(s);
            } else if (d.released()) {
                released.add(s);
            } else if (target != null ? target.id().equals(d.assignedServerId()) : d.assignedServerId() == null) {
                there.add(s);
            } else {
                move.add(s);
                OrgMdmServer now = d.assignedServerId() == null ? null : byId.get(d.assignedServerId());
                String label = d.assignedServerId() == null ? "unassigned" : now == null ? d.assignedServerId() : now.name();
                from.computeIfAbsent(label, k -> new ArrayList<>()).add(s);
            }
        }
        Long console = target == null ? null : target.consoleServerId();
        String consoleName = console == null ? null : servers.get(console).name();
        String uuid = null;
        String profileName = null;
        if (r.profile() != null && !r.profile().isBlank()) {
            if (r.kind() != OrgJob.Kind.ASSIGN) {
                throw new ConsoleException("org.error.profileOnUnassign");
            }
            if (console == null) {
                throw new ConsoleException("org.error.profileNeedsToken", target.name());
            }
            uuid = profiles.resolveUuid(console, r.profile());
            profileName = profiles.findPreset(console, r.profile().strip()).map(p -> p.name()).orElse(uuid);
        }
        int activities = (move.size() + AppleBusinessApi.MAX_ACTIVITY_DEVICES - 1) / AppleBusinessApi.MAX_ACTIVITY_DEVICES;
        return new MovePreview(r.kind(), target == null ? null : target.id(), target == null ? null : target.name(), move, from, there, unknown,
                released, activities, console, consoleName, uuid, profileName);
    }

    // --- jobs ---

    /**
     * Stores the move as a job (nothing sent yet). Devices not in the organization or released are kept as FAILED with
     * the reason, devices already in place as ALREADY_THERE.
     *
     * @throws ConsoleException when nothing would move and no profile is to be given
     */
    public OrgJob start(MoveRequest r) {
        MovePreview p = preview(r);
        if (p.willMove().isEmpty() && (p.profileUuid() == null || p.alreadyThere().isEmpty())) {
            throw new ConsoleException("org.error.nothingToMove", p.alreadyThere().size(), p.unknown().size() + p.released().size());
        }
        Instant now = clock.instant();
        Map<String, OrgInventoryDevice> stored = org.devices(r.accountId(), p.willMove());
        List<OrgJobDevice> devices = new ArrayList<>();
        p.willMove().forEach(s -> devices.add(new OrgJobDevice(0, s, stored.get(s).assignedServerId(), OrgJobDevice.State.PENDING, null, null, now)));
        p.alreadyThere().forEach(s -> devices.add(new OrgJobDevice(0, s, p.targetServerId(), OrgJobDevice.State.ALREADY_THERE, null, null, now)));
        String notInOrg = Messages.format("org.job.reason.unknown");
        p.unknown().forEach(s -> devices.add(new OrgJobDevice(0, s, null, OrgJobDevice.State.FAILED, null, notInOrg, now)));
        String released = Messages.format("org.job.reason.released");
        p.released().forEach(s -> devices.add(new OrgJobDevice(0, s, null, OrgJobDevice.State.FAILED, null, released, now)));
        OrgJob job = jobs.create(new OrgJob(0, r.accountId(), r.kind(), p.targetServerId(), p.targetServerName(), p.consoleServerId(),
                p.profileUuid(), p.profileName(), OrgJob.State.SUBMITTING, now, now, null, null, null), devices);
        createdHere.add(job.id());
        LOG.info("Move job {} stored: {} {} devices to {} ({} already there, {} not sent), profile {}", job.id(), r.kind(), p.willMove().size(),
                p.targetServerId(), p.alreadyThere().size(), p.unknown().size() + p.released().size(), p.profileUuid() != null);
        return job;
    }

    public JobSummary summary(long jobId) {
        OrgJob job = jobs.find(jobId).orElseThrow(() -> new ConsoleException("org.error.jobNotFound", jobId));
        return new JobSummary(job, jobs.counts(jobId), jobs.activities(jobId));
    }

    /** An account's jobs, newest first. */
    public List<JobSummary> jobs(long accountId, int limit) {
        return jobs.list(accountId, limit).stream().map(j -> new JobSummary(j, jobs.counts(j.id()), jobs.activities(j.id()))).toList();
    }

    public List<OrgJobDevice> devices(long jobId) {
        return jobs.devices(jobId);
    }

    /** Jobs of every account that have not finished (the window resumes them at start). */
    public List<OrgJob> unfinished() {
        return jobs.unfinished();
    }

    /** Whether a process (this or another) drives the job now. */
    public boolean isRunning(long jobId) {
        return leases.busy(leaseKey(jobId));
    }

    /** Asks this process's run of the job to stop at its next step; the job stays where it is and resumes later. */
    public void cancel(long jobId) {
        cancelled.add(jobId);
    }

    /**
     * Drives the job from where it stands until it is finished, or, with {@code untilSubmitted}, until its activities
     * are accepted (the rest continues on the next run). A failure that may pass (network, rate limit, store busy)
     * leaves the job where it was, with the sentence as its error, and is thrown.
     *
     * @throws WorkLease.BusyException when another process drives the job now
     */
    public JobSummary run(long jobId, boolean untilSubmitted, Consumer<JobProgress> progress) {
        Consumer<JobProgress> tell = progress == null ? p -> { } : progress;
        try (WorkLease.Held lease = leases.acquire(leaseKey(jobId)); var cause = CallCause.set("Move job #" + jobId)) {
            cancelled.remove(jobId);
            while (true) {
                OrgJob job = jobs.find(jobId).orElseThrow(() -> new ConsoleException("org.error.jobNotFound", jobId));
                if (job.state().finished() || untilSubmitted && job.state() != OrgJob.State.SUBMITTING) {
                    return summary(jobId);
                }
                if (cancelled.remove(jobId)) {
                    return summary(jobId);
                }
                try {
                    switch (job.state()) {
                        case SUBMITTING -> submit(job, tell);
                        case ACTIVITY -> poll(job, tell);
                        case WAITING_DEP -> waitForDep(job, tell);
                        case ASSIGNING_PROFILE -> assignProfile(job, tell);
                        default -> throw new IllegalStateException(job.state().name());
                    }
                } catch (CancelledException e) {
                    return summary(jobId);
                } catch (ConsoleException e) {
                    jobs.updateState(jobId, job.state(), job.waitUntil(), e.getMessage(), clock.instant());
                    throw e;
                }
            }
        } finally {
            createdHere.remove(jobId);
        }
    }

    /** Runs every unfinished job that no other process drives, one after the other; failures are logged and left for later. */
    public List<JobSummary> resumeUnfinished(Consumer<JobProgress> progress) {
        List<JobSummary> out = new ArrayList<>();
        for (OrgJob j : jobs.unfinished()) {
            if (leases.busy(leaseKey(j.id()))) {
                continue;
            }
            try {
                out.add(run(j.id(), false, progress));
            } catch (WorkLease.BusyException e) {
                // another process took it meanwhile
            } catch (ConsoleException e) {
                LOG.warn("Move job {} stopped for now: {}", j.id(), e.getMessage());
                out.add(summary(j.id()));
            }
        }
        return out;
    }

    // --- the steps ---

    private void submit(OrgJob job, Consumer<JobProgress> tell) {
        OrgAccount account = accounts.get(job.accountId());
        AppleBusinessClient client = accounts.client(account);
        List<OrgJobDevice> all = jobs.devices(job.id());
        List<String> pending = new ArrayList<>(all.stream().filter(d -> d.state() == OrgJobDevice.State.PENDING).map(OrgJobDevice::serial).toList());
        Instant now = clock.instant();
        if (!pending.isEmpty() && !createdHere.contains(job.id()) && job.kind() == OrgJob.Kind.ASSIGN) {
            // resumed: an activity may have been sent before the answer was stored; devices already there are not sent again
            Set<String> there = new HashSet<>(serverSerials(client, job.targetServerId()));
            List<String> moved = pending.stream().filter(there::contains).toList();
            if (!moved.isEmpty()) {
                jobs.setDevices(job.id(), moved, OrgJobDevice.State.MOVED, null, Map.of(), now);
                org.recordMove(job.accountId(), moved, job.targetServerId(), now);
                pending.removeAll(moved);
            }
        }
        createdHere.remove(job.id());
        ActivityType type = job.kind() == OrgJob.Kind.ASSIGN ? ActivityType.ASSIGN_DEVICES : ActivityType.UNASSIGN_DEVICES;
        Map<String, String> fromOf = new HashMap<>();
        all.forEach(d -> fromOf.put(d.serial(), d.fromServerId()));
        int chunk = AppleBusinessApi.MAX_ACTIVITY_DEVICES;
        for (int i = 0; i < pending.size(); i += chunk) {
            List<String> batch = new ArrayList<>(pending.subList(i, Math.min(pending.size(), i + chunk)));
            while (!batch.isEmpty()) {
                String serverId = job.kind() == OrgJob.Kind.ASSIGN ? job.targetServerId() : commonServer(batch, fromOf);
                tell.accept(new JobProgress(summary(job.id()), Messages.format("org.job.step.submitting", batch.size())));
                try {
                    OrgDeviceActivity a = client.createActivity(type, serverId, batch);
                    jobs.addActivity(new OrgJobActivity(job.id(), a.id(), a.status(), a.subStatus(),
                            a.createdDateTime() == null ? clock.instant() : a.createdDateTime(), a.completedDateTime()), batch, clock.instant());
                    LOG.info("Move job {}: activity {} accepted for {} devices", job.id(), a.id(), batch.size());
                    batch = List.of();
                } catch (ActivityConflictException e) {
                    if (e.unknownServer()) {
                        jobs.setDevices(job.id(), pending, OrgJobDevice.State.FAILED, null, reasons(pending, e.getMessage()), clock.instant());
                        finish(job.id(), tell);
                        return;
                    }
                    List<String> named = e.unknownSerials().stream().map(s -> s.toUpperCase(Locale.ROOT)).filter(batch::contains).toList();
                    String reason = Messages.format("org.job.reason.unknownToApple");
                    if (named.isEmpty()) {
                        jobs.setDevices(job.id(), batch, OrgJobDevice.State.FAILED, null, reasons(batch, e.getMessage()), clock.instant());
                        batch = List.of();
                    } else {
                        jobs.setDevices(job.id(), named, OrgJobDevice.State.FAILED, null, reasons(named, reason), clock.instant());
                        batch.removeAll(named);
                    }
                } catch (NetworkException e) {
                    if (e.requestSent()) {
                        createdHere.remove(job.id()); // the next run checks what arrived before sending again
                    }
                    throw e;
                }
            }
        }
        OrgJob now2 = jobs.find(job.id()).orElseThrow();
        boolean open = jobs.devices(job.id()).stream().anyMatch(d -> d.state() == OrgJobDevice.State.SUBMITTED);
        if (open) {
            jobs.updateState(job.id(), OrgJob.State.ACTIVITY, null, null, clock.instant());
        } else {
            afterMove(now2, tell);
        }
    }

    /** Looks at the job's activities until all have ended, then records each device's result. */
    private void poll(OrgJob job, Consumer<JobProgress> tell) {
        OrgAccount account = accounts.get(job.accountId());
        AppleBusinessClient client = accounts.client(account);
        Map<String, OrgDeviceActivity> finished = new LinkedHashMap<>();
        while (true) {
            boolean open = false;
            for (OrgJobActivity a : jobs.activities(job.id())) {
                if (!a.inProgress() && finished.containsKey(a.activityId())) {
                    continue;
                }
                OrgDeviceActivity now = client.activity(a.activityId());
                jobs.updateActivity(job.id(), a.activityId(), now.status(), now.subStatus(), now.completedDateTime());
                if (now.isFinished()) {
                    finished.put(a.activityId(), now);
                } else {
                    open = true;
                }
            }
            if (!open) {
                break;
            }
            tell.accept(new JobProgress(summary(job.id()), Messages.format("org.job.step.activity")));
            pause(job.id(), timing.poll());
        }
        for (OrgDeviceActivity a : finished.values()) {
            recordResults(job, client, a);
        }
        afterMove(jobs.find(job.id()).orElseThrow(), tell);
    }

    private void recordResults(OrgJob job, AppleBusinessClient client, OrgDeviceActivity a) {
        List<String> submitted = jobs.devices(job.id()).stream()
                .filter(d -> d.state() == OrgJobDevice.State.SUBMITTED && a.id().equals(d.activityId())).map(OrgJobDevice::serial).toList();
        if (submitted.isEmpty()) {
            return;
        }
        Map<String, ActivityResultRow> rows = new HashMap<>();
        if (OrgDeviceActivity.COMPLETED.equals(a.status())) {
            try {
                Optional<AppleBusinessClient.ActivityLog> log = client.activityLog(a.id());
                if (log.isPresent()) {
                    log.get().rows().forEach(r -> {
                        if (r.serialNumber() != null) {
                            rows.put(r.serialNumber().strip().toUpperCase(Locale.ROOT), r);
                        }
                    });
                    saveActivityLog(job.id(), a.id(), log.get().csv());
                }
            } catch (AppleApiException e) {
                LOG.info("Move job {}: the result file of activity {} could not be read ({}); results come from the servers' lists", job.id(), a.id(),
                        e.code());
            }
        }
        List<String> moved = new ArrayList<>();
        List<String> there = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        List<String> unclear = new ArrayList<>();
        for (String s : submitted) {
            ActivityResultRow r = rows.get(s);
            if (r != null) {
                if (r.succeeded()) {
                    moved.add(s);
                } else if (mentionsAlreadyThere(job.kind(), r)) {
                    there.add(s);
                } else {
                    failed.put(s, reasonOf(r));
                }
            } else if (a.isFullySuccessful()) {
                moved.add(s);
            } else {
                unclear.add(s);
            }
        }
        if (!unclear.isEmpty()) {
            // Apple said something failed but gave no row for these: the server lists tell where they are now
            Set<String> on = job.kind() == OrgJob.Kind.ASSIGN ? new HashSet<>(serverSerials(client, job.targetServerId())) : Set.of();
            String reason = Messages.format("org.job.reason.activity", a.status(), String.valueOf(a.subStatus()));
            for (String s : unclear) {
                if (job.kind() == OrgJob.Kind.ASSIGN ? on.contains(s) : unassignedNow(client, s)) {
                    moved.add(s);
                } else {
                    failed.put(s, reason);
                }
            }
        }
        Instant now = clock.instant();
        jobs.setDevices(job.id(), moved, OrgJobDevice.State.MOVED, null, Map.of(), now);
        jobs.setDevices(job.id(), there, OrgJobDevice.State.ALREADY_THERE, null, Map.of(), now);
        jobs.setDevices(job.id(), failed.keySet(), OrgJobDevice.State.FAILED, null, failed, now);
        List<String> placed = new ArrayList<>(moved);
        placed.addAll(there);
        org.recordMove(job.accountId(), placed, job.kind() == OrgJob.Kind.ASSIGN ? job.targetServerId() : null, now);
        LOG.info("Move job {}: activity {} ended {} / {}: {} moved, {} already there, {} failed", job.id(), a.id(), a.status(), a.subStatus(),
                moved.size(), there.size(), failed.size());
    }

    private boolean unassignedNow(AppleBusinessClient client, String serial) {
        try {
            return client.assignedServerId(serial).isEmpty();
        } catch (BusinessApiException e) {
            return false;
        }
    }

    /** Apple's CSV columns are undocumented: a failure that says the device is already where it should be is no failure. */
    private static boolean mentionsAlreadyThere(OrgJob.Kind kind, ActivityResultRow r) {
        String text = (String.valueOf(r.result()) + " " + String.valueOf(r.message())).toLowerCase(Locale.ROOT);
        return kind == OrgJob.Kind.ASSIGN ? text.contains("already") : text.contains("not assigned");
    }

    private static String reasonOf(ActivityResultRow r) {
        String m = r.message() == null || r.message().isBlank() ? r.result() : r.message();
        return m == null || m.isBlank() ? Messages.format("org.job.reason.failedNoDetail") : m;
    }

    /** After the activities: wait for the DEP side when a profile is to be given, else finish. */
    private void afterMove(OrgJob job, Consumer<JobProgress> tell) {
        boolean anyPlaced = jobs.devices(job.id()).stream().anyMatch(d -> d.state().moved());
        if (job.hasProfile() && job.consoleServerId() != null && anyPlaced) {
            jobs.updateState(job.id(), OrgJob.State.WAITING_DEP, clock.instant().plus(timing.depWait()), null, clock.instant());
            tell.accept(new JobProgress(summary(job.id()), Messages.format("org.job.step.waitingDep", timing.depWait().toMinutes())));
        } else {
            finish(job.id(), tell);
        }
    }

    /** Syncs the target's DEP server with backoff until it lists every moved device, or the wait is over. */
    private void waitForDep(OrgJob job, Consumer<JobProgress> tell) {
        long serverId = job.consoleServerId();
        Duration backoff = timing.firstBackoff();
        while (true) {
            List<String> waiting = jobs.devices(job.id()).stream()
                    .filter(d -> d.state() == OrgJobDevice.State.MOVED || d.state() == OrgJobDevice.State.ALREADY_THERE).map(OrgJobDevice::serial)
                    .toList();
            List<String> seen = listed(serverId, waiting);
            jobs.setDevices(job.id(), seen, OrgJobDevice.State.SEEN, null, Map.of(), clock.instant());
            if (seen.size() == waiting.size()) {
                break;
            }
            Instant until = job.waitUntil() == null ? clock.instant().plus(timing.depWait()) : job.waitUntil();
            if (!clock.instant().isBefore(until)) {
                List<String> missing = waiting.stream().filter(s -> !seen.contains(s)).toList();
                String reason = Messages.format("org.job.reason.notSeen", servers.get(serverId).name(), timing.depWait().toMinutes());
                jobs.setDevices(job.id(), missing, OrgJobDevice.State.FAILED, null, reasons(missing, reason), clock.instant());
                break;
            }
            tell.accept(new JobProgress(summary(job.id()), Messages.format("org.job.step.syncing", servers.get(serverId).name(),
                    waiting.size() - seen.size())));
            try {
                depSync.runNow(serverId, null, "Move job #" + job.id());
            } catch (SyncBusyException e) {
                // another process syncs the server now: its result is in the store when it ends
            }
            if (listed(serverId, waiting).size() == waiting.size()) {
                continue;
            }
            pause(job.id(), backoff);
            backoff = backoff.multipliedBy(2).compareTo(timing.maxBackoff()) > 0 ? timing.maxBackoff() : backoff.multipliedBy(2);
        }
        boolean anySeen = jobs.devices(job.id()).stream().anyMatch(d -> d.state() == OrgJobDevice.State.SEEN);
        if (anySeen) {
            jobs.updateState(job.id(), OrgJob.State.ASSIGNING_PROFILE, null, null, clock.instant());
        } else {
            finish(job.id(), tell);
        }
    }

    /** The serials among {@code serials} that the server's DEP inventory lists now (not gone). */
    private List<String> listed(long serverId, List<String> serials) {
        if (serials.isEmpty()) {
            return List.of();
        }
        Map<String, InventoryDevice> found = inventory.find(serverId, serials);
        return serials.stream().filter(s -> found.containsKey(s) && !found.get(s).gone()).toList();
    }

    /** Gives the job's profile to the devices the target's DEP sync lists, with the assignment machinery. */
    private void assignProfile(OrgJob job, Consumer<JobProgress> tell) {
        long serverId = job.consoleServerId();
        List<String> seen = jobs.devices(job.id()).stream().filter(d -> d.state() == OrgJobDevice.State.SEEN).map(OrgJobDevice::serial).toList();
        tell.accept(new JobProgress(summary(job.id()), Messages.format("org.job.step.profile", seen.size())));
        Instant now = clock.instant();
        if (!seen.isEmpty()) {
            AssignmentPreview p = assignments.preview(serverId, job.profileUuid(), seen);
            jobs.setDevices(job.id(), p.alreadyDone(), OrgJobDevice.State.PROFILE_ASSIGNED, null, Map.of(), now);
            List<String> send = new ArrayList<>(p.willChange());
            send.addAll(p.pushed());
            send.addAll(p.notInInventory());
            send.addAll(p.gone());
            if (!send.isEmpty()) {
                AssignmentReport report = assignments.assign(serverId, job.profileUuid(), send, "Move job #" + job.id());
                List<String> ok = report.serials(AssignmentOutcome.SUCCESS);
                Map<String, String> failed = new LinkedHashMap<>();
                for (AssignmentReport.Result r : report.results()) {
                    if (r.outcome() != AssignmentOutcome.SUCCESS) {
                        failed.put(r.serial(), r.retryAt() == null ? Messages.format("org.job.reason.profile", r.outcome().name())
                                : Messages.format("org.job.reason.profileThrottled", DateTimeFormatter.ISO_INSTANT.format(r.retryAt())));
                    }
                }
                jobs.setDevices(job.id(), ok, OrgJobDevice.State.PROFILE_ASSIGNED, null, Map.of(), clock.instant());
                jobs.setDevices(job.id(), failed.keySet(), OrgJobDevice.State.FAILED, null, failed, clock.instant());
            }
        }
        finish(job.id(), tell);
    }

    private void finish(long jobId, Consumer<JobProgress> tell) {
        OrgJob job = jobs.find(jobId).orElseThrow();
        List<OrgJobDevice> devices = jobs.devices(jobId);
        OrgJobDevice.State goal = job.hasProfile() ? OrgJobDevice.State.PROFILE_ASSIGNED : null;
        long reached = devices.stream().filter(d -> goal != null ? d.state() == goal : d.state().moved()).count();
        long failed = devices.stream().filter(d -> d.state() == OrgJobDevice.State.FAILED).count();
        OrgJob.State state = failed == 0 ? OrgJob.State.DONE : reached == 0 ? OrgJob.State.FAILED : OrgJob.State.PARTIAL;
        String error = failed == 0 ? null : Messages.format("org.job.failedDevices", failed, devices.size());
        jobs.updateState(jobId, state, null, error, clock.instant());
        writeResultsQuietly(jobId);
        org.flush();
        LOG.info("Move job {} finished {}: {} of {} devices reached the goal", jobId, state, reached, devices.size());
        tell.accept(new JobProgress(summary(jobId), Messages.format("org.job.step.finished")));
    }

    // --- results ---

    /** Where a job's per-device results are kept in the data folder (written when the job finishes). */
    public Path resultsFile(long jobId) {
        return resultsFolder.resolve("job-" + jobId + "-results.csv");
    }

    /** One row per device: serial_number, from_server, state, reason, activity_id, updated (RFC 4180, UTF-8), whole or not at all. */
    public void writeResults(long jobId, Path file) {
        List<OrgJobDevice> devices = jobs.devices(jobId);
        AtomicFiles.writeUtf8(file, w -> writeResults(devices, w), "org.error.results");
    }

    public static void writeResults(List<OrgJobDevice> devices, Writer out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader("serial_number", "from_server", "state", "reason", "activity_id", "updated").get());
        for (OrgJobDevice d : devices) {
            csv.printRecord(d.serial(), d.fromServerId() == null ? "" : d.fromServerId(), d.state().name(), d.reason() == null ? "" : d.reason(),
                    d.activityId() == null ? "" : d.activityId(), d.updatedAt() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(d.updatedAt()));
        }
        csv.flush();
    }

    private void writeResultsQuietly(long jobId) {
        try {
            java.nio.file.Files.createDirectories(resultsFolder);
            writeResults(jobId, resultsFile(jobId));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Move job {}: the results file could not be written", jobId, e);
        }
    }

    private void saveActivityLog(long jobId, String activityId, String csv) {
        try {
            java.nio.file.Files.createDirectories(resultsFolder);
            AtomicFiles.writeUtf8(resultsFolder.resolve("job-" + jobId + "-activity-" + activityId.replaceAll("[^A-Za-z0-9-]", "") + ".csv"),
                    w -> w.write(csv), "org.error.results");
        } catch (IOException | RuntimeException e) {
            LOG.warn("Move job {}: Apple's activity file could not be kept", jobId, e);
        }
    }

    // --- helpers ---

    /** Every serial a server lists now (paged). */
    private static List<String> serverSerials(AppleBusinessClient client, String serverId) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        do {
            SerialPage page = client.serverDeviceSerials(serverId, cursor, AppleBusinessApi.MAX_PAGE_LIMIT);
            page.serials().forEach(s -> out.add(s.toUpperCase(Locale.ROOT)));
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }

    /** For an unassign: the devices' common current server (sent like known clients do), or null when they come from several. */
    private static String commonServer(List<String> batch, Map<String, String> fromOf) {
        Set<String> from = new LinkedHashSet<>();
        batch.forEach(s -> from.add(fromOf.get(s)));
        return from.size() == 1 ? from.iterator().next() : null;
    }

    private static Map<String, String> reasons(Collection<String> serials, String reason) {
        Map<String, String> m = new HashMap<>();
        serials.forEach(s -> m.put(s, reason));
        return m;
    }

    private void pause(long jobId, Duration d) {
        long until = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < until) {
            if (cancelled.contains(jobId)) {
                throw new CancelledException();
            }
            try {
                Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
    }

    static List<String> normalized(Collection<String> serials) {
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
