package org.depconsole.service.org;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.depconsole.appleapi.AppleApiException;
import org.depconsole.appleapi.CancelledException;
import org.depconsole.appleapi.business.AppleBusinessClient;
import org.depconsole.appleapi.business.BusinessApiException;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Messages;
import org.depconsole.domain.business.AppleBusinessApi;
import org.depconsole.domain.business.MdmServer;
import org.depconsole.domain.business.OrgDevice;
import org.depconsole.domain.business.OrgDevicePage;
import org.depconsole.domain.business.SerialPage;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.domain.org.OrgInventoryDevice;
import org.depconsole.domain.org.OrgMdmServer;
import org.depconsole.domain.org.OrgSyncPosition;
import org.depconsole.domain.org.OrgSyncPosition.Phase;
import org.depconsole.domain.org.OrgSyncProgress;
import org.depconsole.domain.org.OrgSyncRun;
import org.depconsole.persistence.OrgRepository;
import org.depconsole.persistence.StoreException;
import org.depconsole.sync.WorkLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The org sync of an API account (docs/decisions/0013): the organization's MDM servers, every device ({@code orgDevices},
 * pages of 1000), then each server's serials. Each page is stored with the position after it in one transaction, so a
 * process killed at any moment loses at most the pages it had not committed, and the next sync continues from the
 * stored position. One sync per account across every process (a work lease). Apple offers no "changed since" filter,
 * so every run pages through all devices; an incremental run writes only records whose {@code updatedDateTime} or
 * state changed, and skips the serial lists of servers whose count and update time are unchanged when no device
 * changed at all.
 */
public final class OrgSyncService {

    private static final Logger LOG = LoggerFactory.getLogger(OrgSyncService.class);
    static final int PAGE = AppleBusinessApi.MAX_PAGE_LIMIT;

    private final OrgAccountService accounts;
    private final OrgClients clients;
    private final OrgRepository store;
    private final OrgMapping mapping;
    private final WorkLease leases;
    private final Clock clock;
    private final Map<Long, Thread> running = new ConcurrentHashMap<>();
    private final List<Consumer<OrgSyncRun>> afterSync = new java.util.concurrent.CopyOnWriteArrayList<>();

    public OrgSyncService(OrgAccountService accounts, OrgClients clients, OrgRepository store, OrgMapping mapping, WorkLease leases, Clock clock) {
        this.accounts = accounts;
        this.clients = clients;
        this.store = store;
        this.mapping = mapping;
        this.leases = leases;
        this.clock = clock;
    }

    static String leaseKey(long accountId) {
        return "org-sync:" + accountId;
    }

    /** Told after every finished run (any result). */
    public AutoCloseable addAfterSyncListener(Consumer<OrgSyncRun> listener) {
        afterSync.add(listener);
        return () -> afterSync.remove(listener);
    }

    /** Whether a process (this or another) is syncing the account now. */
    public boolean isRunning(long accountId) {
        return running.containsKey(accountId) || leases.busy(leaseKey(accountId));
    }

    /** Stops this process's sync of the account between two requests (a wait for Apple ends at once). */
    public void cancel(long accountId) {
        Thread t = running.get(accountId);
        if (t != null) {
            clients.forget(accountId); // closing the client ends its wait or call with a CancelledException
        }
    }

    public List<OrgSyncRun> history(long accountId, int limit) {
        return store.runs(accountId, limit);
    }

    public OrgSyncPosition position(long accountId) {
        return store.position(accountId);
    }

    /**
     * Syncs the account now, in the calling thread, resuming an interrupted run from its stored position.
     *
     * @param full     list every server's serials even when nothing seems changed
     * @param progress told after every page and before every wait; may be null
     * @return the finished run (SUCCESS, FAILED with its sentence, or CANCELLED)
     * @throws WorkLease.BusyException when another process syncs the account now
     */
    public OrgSyncRun sync(long accountId, boolean full, String cause, Consumer<OrgSyncProgress> progress) {
        OrgAccount account = accounts.get(accountId);
        Consumer<OrgSyncProgress> tell = progress == null ? p -> { } : progress;
        try (WorkLease.Held lease = leases.acquire(leaseKey(accountId))) {
            running.put(accountId, Thread.currentThread());
            try {
                return run(account, full, cause, new OrgRepository.Fence(lease.key(), lease.holder()), tell);
            } finally {
                running.remove(accountId);
            }
        }
    }

    private OrgSyncRun run(OrgAccount account, boolean full, String cause, OrgRepository.Fence fence, Consumer<OrgSyncProgress> tell) {
        long id = account.id();
        Instant now = clock.instant();
        store.interruptRunning(id, Messages.format("org.sync.interrupted"), now);
        OrgSyncPosition pos = store.position(id);
        boolean resume = pos.inProgress();
        OrgSyncRun.Kind kind = full || pos.lastSuccessAt() == null ? OrgSyncRun.Kind.FULL : OrgSyncRun.Kind.INCREMENTAL;
        long runId = store.startRun(id, kind, cause, now);
        long mark = resume ? pos.runId() : runId;
        Progress p = new Progress(id, tell, clock);
        AtomicLong waited = new AtomicLong();
        try (AutoCloseable waits = clients.onWait(id, (wait, reason) -> {
            waited.addAndGet(wait.toMillis());
            p.waiting(wait);
        })) {
            AppleBusinessClient client = accounts.client(account);
            Phase phase = resume ? pos.phase() : Phase.SERVERS;
            Instant since = pos.sinceUpdated();
            Map<String, OrgMdmServer> before = new HashMap<>();
            store.servers(id).forEach(s -> before.put(s.id(), s));
            if (!resume) {
                store.savePosition(id, new OrgSyncPosition(mark, Phase.SERVERS, null, null, now, pos.lastSuccessAt(), since), fence, now);
            } else {
                LOG.info("Org sync of account {} resumes run {} at {}", id, mark, phase);
            }
            if (phase == Phase.SERVERS) {
                p.phase(Phase.SERVERS);
                List<MdmServer> listed = client.allMdmServers();
                p.requestDone(0);
                store.applyServers(id, runId, listed.stream().map(OrgSyncService::toStored).toList(),
                        new OrgSyncPosition(mark, Phase.DEVICES, null, null, now, pos.lastSuccessAt(), since), fence, clock.instant());
                mapping.refresh(id);
                phase = Phase.DEVICES;
                pos = new OrgSyncPosition(mark, Phase.DEVICES, null, null, now, pos.lastSuccessAt(), since);
            }
            p.expect(store.servers(id));
            int changed = 0;
            if (phase == Phase.DEVICES) {
                p.phase(Phase.DEVICES);
                String cursor = pos.cursor();
                boolean restarted = false;
                while (true) {
                    OrgDevicePage page;
                    try {
                        page = client.orgDevices(cursor, PAGE, List.of());
                    } catch (BusinessApiException e) {
                        if (e.kind() == BusinessApiException.Kind.CURSOR_INVALID && cursor != null && !restarted) {
                            LOG.info("Org sync of account {}: Apple no longer accepts the stored cursor; the device list starts again", id);
                            restarted = true;
                            cursor = null;
                            continue;
                        }
                        throw e;
                    }
                    Instant at = clock.instant();
                    List<OrgInventoryDevice> devices = page.devices().stream().map(d -> toStored(d, at)).toList();
                    for (OrgDevice d : page.devices()) {
                        if (d.updatedDateTime() != null && (since == null || d.updatedDateTime().isAfter(since))) {
                            since = d.updatedDateTime();
                        }
                    }
                    cursor = page.nextCursor();
                    OrgSyncPosition next = new OrgSyncPosition(mark, Phase.DEVICES, cursor, null, at, pos.lastSuccessAt(), since);
                    if (cursor == null) {
                        // the last page: the released marks and the next phase go with it
                        changed += store.applyDevicePage(id, mark, runId, devices, next, fence, at);
                        store.finishDevices(id, mark, runId, new OrgSyncPosition(mark, Phase.SERVER_DEVICES, null, null, at, pos.lastSuccessAt(),
                                since), fence, at);
                    } else {
                        changed += store.applyDevicePage(id, mark, runId, devices, next, fence, at);
                    }
                    p.devices(devices.size());
                    p.requestDone(page.total() == null ? 0 : page.total());
                    if (cursor == null) {
                        break;
                    }
                }
                phase = Phase.SERVER_DEVICES;
                pos = new OrgSyncPosition(mark, Phase.SERVER_DEVICES, null, null, clock.instant(), pos.lastSuccessAt(), since);
            }
            p.phase(Phase.SERVER_DEVICES);
            boolean quiet = kind == OrgSyncRun.Kind.INCREMENTAL && !resume && changed == 0 && store.run(runId).map(r -> r.changed() == 0).orElse(false);
            List<OrgMdmServer> servers = new ArrayList<>(store.servers(id).stream().filter(s -> !s.gone()).toList());
            servers.sort(Comparator.comparing(OrgMdmServer::id));
            for (int i = 0; i < servers.size(); i++) {
                OrgMdmServer s = servers.get(i);
                if (pos.serverId() != null && s.id().compareTo(pos.serverId()) < 0) {
                    continue; // listed before the interruption
                }
                OrgSyncPosition after = i + 1 < servers.size()
                        ? new OrgSyncPosition(mark, Phase.SERVER_DEVICES, null, servers.get(i + 1).id(), clock.instant(), pos.lastSuccessAt(), since)
                        : new OrgSyncPosition(mark, Phase.SERVER_DEVICES, null, "\uffff", clock.instant(), pos.lastSuccessAt(), since);
                OrgMdmServer old = before.get(s.id());
                if (quiet && old != null && java.util.Objects.equals(old.deviceCount(), s.deviceCount())
                        && java.util.Objects.equals(old.updatedDateTime(), s.updatedDateTime())) {
                    store.savePosition(id, after, fence, clock.instant());
                    continue; // nothing in the organization changed: this server's serials are the stored ones
                }
                if (s.deviceCount() != null && s.deviceCount() == 0) {
                    store.finishServerDevices(id, s.id(), mark, after, fence, clock.instant());
                    continue;
                }
                String cursor = s.id().equals(pos.serverId()) ? pos.cursor() : null;
                boolean restarted = false;
                while (true) {
                    SerialPage page;
                    try {
                        page = client.serverDeviceSerials(s.id(), cursor, PAGE);
                    } catch (BusinessApiException e) {
                        if (e.kind() == BusinessApiException.Kind.CURSOR_INVALID && cursor != null && !restarted) {
                            restarted = true;
                            cursor = null;
                            continue;
                        }
                        if (e.kind() == BusinessApiException.Kind.NOT_FOUND) {
                            break; // deleted since the server list was read: the next sync marks it gone
                        }
                        throw e;
                    }
                    cursor = page.nextCursor();
                    Instant at = clock.instant();
                    store.applyServerDevicePage(id, s.id(), mark, runId, page.serials(),
                            new OrgSyncPosition(mark, Phase.SERVER_DEVICES, cursor, s.id(), at, pos.lastSuccessAt(), since), fence, at);
                    p.requestDone(0);
                    if (cursor == null) {
                        break;
                    }
                }
                store.finishServerDevices(id, s.id(), mark, after, fence, clock.instant());
            }
            store.completeRun(id, runId, since, fence, clock.instant());
            LOG.info("Org sync of account {} finished: run {}", id, runId);
        } catch (CancelledException e) {
            store.finishRun(runId, OrgSyncRun.Result.CANCELLED, Messages.format("org.sync.cancelled"), clock.instant());
        } catch (StoreException e) {
            store.finishRun(runId, OrgSyncRun.Result.FAILED, e.getMessage(), clock.instant());
            throw e;
        } catch (ConsoleException e) {
            LOG.info("Org sync of account {} failed: {}", id, e instanceof AppleApiException a ? a.code() : e.messageKey());
            store.finishRun(runId, OrgSyncRun.Result.FAILED, e.getMessage(), clock.instant());
        } catch (Exception e) {
            store.finishRun(runId, OrgSyncRun.Result.FAILED, Messages.format("org.sync.failed"), clock.instant());
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            store.addRequests(runId, p.requests(), waited.get());
        }
        store.flush();
        OrgSyncRun done = store.run(runId).orElseThrow();
        afterSync.forEach(l -> {
            try {
                l.accept(done);
            } catch (RuntimeException e) {
                LOG.warn("an after-org-sync step failed", e);
            }
        });
        return done;
    }

    static OrgMdmServer toStored(MdmServer s) {
        return new OrgMdmServer(s.id(), s.serverName() == null ? s.id() : s.serverName(), s.serverType(), s.status(), s.deviceCount(),
                s.enableMdmDisownFlag(), s.defaultProductFamilies(), s.createdDateTime(), s.updatedDateTime(), s.lastConnectedDateTime(),
                s.lastConnectedIp(), null, null, false);
    }

    static OrgInventoryDevice toStored(OrgDevice d, Instant at) {
        String serial = d.serialNumber() == null ? "" : d.serialNumber().strip().toUpperCase(java.util.Locale.ROOT);
        return new OrgInventoryDevice(serial, d.deviceModel(), d.productFamily(), d.productType(), d.deviceCapacity(), d.partNumber(),
                d.orderNumber(), d.orderDateTime(), d.color(), d.status(), d.imei(), d.meid(), d.eid(), d.purchaseSourceId(), d.purchaseSourceType(),
                d.wifiMacAddress(), d.bluetoothMacAddress(), d.ethernetMacAddress(), d.addedToOrgDateTime(), d.releasedFromOrgDateTime(),
                d.updatedDateTime(), null, null, d.mdmMigrationCapable(), d.mdmMigrationStatus(), d.mdmMigrationDeadlineDateTime(),
                d.assignedServerId(), false, null, at);
    }

    /** Counts requests and estimates the time left from the pace so far. */
    private static final class Progress {
        private final long accountId;
        private final Consumer<OrgSyncProgress> tell;
        private final Clock clock;
        private final Instant started;
        private Phase phase = Phase.SERVERS;
        private int requests;
        private int expected;
        private int devices;

        Progress(long accountId, Consumer<OrgSyncProgress> tell, Clock clock) {
            this.accountId = accountId;
            this.tell = tell;
            this.clock = clock;
            this.started = clock.instant();
        }

        void phase(Phase next) {
            phase = next;
        }

        /** The requests a run needs: the server list, the device pages, and each server's serial pages. */
        void expect(List<OrgMdmServer> servers) {
            int total = 0;
            int pages = 1;
            for (OrgMdmServer s : servers) {
                if (!s.gone() && s.deviceCount() != null) {
                    total += s.deviceCount();
                    pages += Math.max(1, (s.deviceCount() + PAGE - 1) / PAGE);
                }
            }
            expected = Math.max(expected, pages + Math.max(1, (total + PAGE - 1) / PAGE));
        }

        void devices(int n) {
            devices += n;
        }

        void requestDone(int totalDevicesOrZero) {
            requests++;
            if (totalDevicesOrZero > 0) {
                expected = Math.max(expected, requests + (Math.max(0, totalDevicesOrZero - devices) + PAGE - 1) / PAGE);
            }
            expected = Math.max(expected, requests);
            tell.accept(new OrgSyncProgress(accountId, phase, requests, expected, devices, eta(), null));
        }

        void waiting(Duration wait) {
            tell.accept(new OrgSyncProgress(accountId, phase, requests, expected, devices, eta(), wait));
        }

        int requests() {
            return requests;
        }

        private Duration eta() {
            if (requests == 0 || expected <= requests) {
                return requests == 0 ? null : Duration.ZERO;
            }
            Duration elapsed = Duration.between(started, clock.instant());
            return elapsed.multipliedBy(expected - requests).dividedBy(requests);
        }
    }
}
