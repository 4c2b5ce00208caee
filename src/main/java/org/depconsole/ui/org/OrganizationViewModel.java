package org.depconsole.ui.org;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.depconsole.domain.org.CoverageLookup;
import org.depconsole.domain.org.JobSummary;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.domain.org.OrgCrossCheck;
import org.depconsole.domain.org.OrgDeviceFilter;
import org.depconsole.domain.org.OrgDeviceRow;
import org.depconsole.domain.org.OrgInventoryDevice;
import org.depconsole.domain.org.OrgJob;
import org.depconsole.domain.org.OrgJobDevice;
import org.depconsole.domain.org.OrgServerRow;
import org.depconsole.domain.org.OrgSyncProgress;
import org.depconsole.domain.org.OrgSyncRun;
import org.depconsole.service.org.OrgAccountService;
import org.depconsole.service.org.OrgInventoryService;
import org.depconsole.service.org.OrgMoveService;
import org.depconsole.service.org.OrgSyncService;
import org.depconsole.ui.Background;
import org.depconsole.ui.UserMessages;

/**
 * The Organization view (docs/decisions/0015): the linked API accounts, the org sync with its progress, ETA and
 * rate-limit waits, every device of the organization with its server and filters, the MDM servers with counts and
 * mapping, the cross-checks, AppleCare coverage on demand and the move jobs. Store reads run on the window's pool
 * ({@code quick}); syncs, coverage look-ups and move jobs, which may wait minutes for Apple's rate limits, on the
 * organization's own pool ({@code slow}), so neither the window nor the other screens wait for them.
 */
public final class OrganizationViewModel {

    /** What the device table shows when it has no rows. */
    public enum Empty { LOADING, NO_ACCOUNT, NOT_SYNCED, NO_MATCH, NONE }

    /** A cross-check with its count, clickable as a filter. */
    public record Check(OrgCrossCheck.Kind kind, int count, String label) {
    }

    /** One move job in the jobs table. */
    public record JobItem(JobSummary summary, String kindText, String target, String stateText, String countsText, String created,
                          String createdExact, String step) {

        public long id() {
            return summary.job().id();
        }

        public boolean finished() {
            return summary.job().state().finished();
        }
    }

    private final OrgAccountService accounts;
    private final OrgSyncService sync;
    private final OrgInventoryService inventory;
    private final OrgMoveService moves;
    private final Background quick;
    private final Background slow;
    private final Formats f;

    private final ObservableList<OrgAccount> accountList = FXCollections.observableArrayList();
    private final ObjectProperty<OrgAccount> account = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyObjectWrapper<Empty> empty = new ReadOnlyObjectWrapper<>(Empty.LOADING);
    private final ReadOnlyBooleanWrapper syncing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper syncProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper syncText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastSyncText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageError = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper coverageBusy = new ReadOnlyBooleanWrapper(false);

    private final ObservableList<OrgDeviceItem> devices = FXCollections.observableArrayList();
    private final ObservableList<OrgServerRow> servers = FXCollections.observableArrayList();
    private final ObservableList<Check> checks = FXCollections.observableArrayList();
    private final ObservableList<String> families = FXCollections.observableArrayList();
    private final ObservableList<String> sources = FXCollections.observableArrayList();
    private final ObservableList<JobItem> jobs = FXCollections.observableArrayList();
    private final ObservableList<OrgJobDevice> jobDevices = FXCollections.observableArrayList();

    // filters
    private final ObjectProperty<OrgServerRow> serverFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<OrgInventoryDevice.Placement> placementFilter = new SimpleObjectProperty<>();
    private final StringProperty familyFilter = new SimpleStringProperty();
    private final StringProperty sourceFilter = new SimpleStringProperty();
    private final StringProperty orderFilter = new SimpleStringProperty("");
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<OrgCrossCheck.Kind> checkFilter = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<JobItem> selectedJob = new ReadOnlyObjectWrapper<>();

    private List<OrgDeviceRow> rows = List.of();
    private OrgCrossCheck crossCheck = new OrgCrossCheck(List.of());
    private long generation;
    private long filterGeneration;
    private boolean synced;
    private final Set<Long> drivenHere = new HashSet<>();

    public OrganizationViewModel(OrgAccountService accounts, OrgSyncService sync, OrgInventoryService inventory, OrgMoveService moves,
                                 Background quick, Background slow, Formats formats) {
        this.accounts = accounts;
        this.sync = sync;
        this.inventory = inventory;
        this.moves = moves;
        this.quick = quick;
        this.slow = slow;
        this.f = formats;
        account.addListener((o, was, now) -> {
            if (!Objects.equals(id(was), id(now))) {
                clearFilters();
                reload();
            }
        });
        Runnable refilter = this::applyFilters;
        List<javafx.beans.Observable> inputs = List.of(serverFilter, placementFilter, familyFilter, sourceFilter, orderFilter, search, checkFilter);
        for (javafx.beans.Observable p : inputs) {
            p.addListener(o -> refilter.run());
        }
    }

    // ------------------------------------------------------------------ accounts

    /** Reads the accounts, keeps the selected one (or the first) and loads its organization. */
    public void refreshAccounts() {
        refreshAccounts(null);
    }

    /** As {@link #refreshAccounts()}, selecting the account with this id (a newly linked one). */
    public void refreshAccounts(Long select) {
        quick.run(accounts::list, list -> {
            Long keep = select != null ? select : id(account.get());
            accountList.setAll(list);
            OrgAccount next = list.stream().filter(a -> keep != null && a.id() == keep).findFirst().orElse(list.isEmpty() ? null : list.get(0));
            if (next == null) {
                account.set(null);
                rows = List.of();
                devices.clear();
                servers.clear();
                checks.clear();
                jobs.clear();
                loading.set(false);
                empty.set(Empty.NO_ACCOUNT);
                countText.set("");
                lastSyncText.set("");
            } else if (account.get() != null && account.get().id() == next.id()) {
                account.set(next);
                reload();
            } else {
                account.set(next);
            }
        }, this::fail);
    }

    /**
     * Runs {@code then} with the selected account; when none is selected yet (the view has not read the accounts since
     * one was linked elsewhere) reads them first, and runs {@code none} when there is no account at all.
     */
    public void withAccount(Consumer<OrgAccount> then, Runnable none) {
        if (account.get() != null) {
            then.accept(account.get());
            return;
        }
        quick.run(accounts::list, list -> {
            if (list.isEmpty()) {
                none.run();
            } else {
                refreshAccounts(list.get(0).id());
                then.accept(list.get(0));
            }
        }, this::fail);
    }

    /** Removes the selected account with what the console stored of its organization (the organization is not touched). */
    public void removeAccount() {
        OrgAccount a = account.get();
        if (a == null) {
            return;
        }
        quick.run(() -> {
            accounts.remove(a.name());
            return a;
        }, gone -> {
            info(f.text("orgview.account.removed", gone.name()));
            account.set(null);
            refreshAccounts();
        }, this::fail);
    }

    private java.util.concurrent.Callable<OrgAccount> demoLink;

    /** How the simulated organization's API account is linked (the first-run guide's simulator); null: not offered. */
    public void setDemoLink(java.util.concurrent.Callable<OrgAccount> link) {
        this.demoLink = link;
    }

    public boolean demoAvailable() {
        return demoLink != null;
    }

    /** Links the simulated organization's API account (simulated data, marked as such) and selects it. */
    public void linkDemoAccount() {
        if (demoLink == null) {
            return;
        }
        loading.set(true);
        quick.run(demoLink, a -> {
            info(f.text("orgview.account.demoLinked", a.name()));
            refreshAccounts(a.id());
        }, e -> {
            loading.set(false);
            fail(e);
        });
    }

    // ------------------------------------------------------------------ loading

    private record Loaded(List<OrgDeviceRow> rows, List<OrgServerRow> servers, OrgCrossCheck checks, List<OrgSyncRun> history,
                          List<JobSummary> jobs) {
    }

    /** Reads the stored organization of the selected account (no call to Apple). */
    public void reload() {
        OrgAccount a = account.get();
        if (a == null) {
            return;
        }
        long gen = ++generation;
        loading.set(true);
        empty.set(Empty.LOADING);
        quick.run(() -> new Loaded(inventory.devices(a.id()), inventory.servers(a.id()), inventory.crossCheck(a.id()), sync.history(a.id(), 1),
                moves.jobs(a.id(), 50)), loaded -> {
                    if (gen != generation) {
                        return;
                    }
                    rows = loaded.rows();
                    crossCheck = loaded.checks();
                    synced = !loaded.history().isEmpty() || !rows.isEmpty();
                    servers.setAll(loaded.servers());
                    if (serverFilter.get() != null) {
                        String want = serverFilter.get().server().id();
                        serverFilter.set(loaded.servers().stream().filter(s -> s.server().id().equals(want)).findFirst().orElse(null));
                    }
                    families.setAll(distinct(rows, r -> r.device().productFamily()));
                    sources.setAll(distinct(rows, r -> r.device().purchaseSourceType()));
                    List<Check> cs = new ArrayList<>();
                    Map<OrgCrossCheck.Kind, Integer> counts = crossCheck.counts();
                    for (OrgCrossCheck.Kind k : OrgCrossCheck.Kind.values()) {
                        cs.add(new Check(k, counts.get(k), f.text(checkKey(k), f.count(counts.get(k)))));
                    }
                    checks.setAll(cs);
                    showJobs(loaded.jobs());
                    lastSyncText.set(loaded.history().isEmpty() ? f.text("orgview.sync.never") : lastRun(loaded.history().get(0)));
                    loading.set(false);
                    applyFilters();
                }, e -> {
                    if (gen == generation) {
                        loading.set(false);
                        empty.set(Empty.NONE);
                        fail(e);
                    }
                });
    }

    private String lastRun(OrgSyncRun r) {
        String when = f.dateTime(r.finishedAt() != null ? r.finishedAt() : r.startedAt());
        return switch (r.result()) {
            case SUCCESS -> f.text("orgview.sync.last", when, f.count(r.devices()), f.count(r.changed()));
            case RUNNING -> f.text("orgview.sync.lastRunning", when);
            default -> f.text("orgview.sync.lastFailed", when, r.error() == null ? r.result().name() : r.error());
        };
    }

    private static String checkKey(OrgCrossCheck.Kind k) {
        return switch (k) {
            case SERVER_TOKEN_EXPIRED -> "orgview.check.tokenExpired";
            case SERVER_NOT_IN_CONSOLE -> "orgview.check.noToken";
            case NOT_IN_DEP_INVENTORY -> "orgview.check.notInDep";
            case ON_NO_SERVER -> "orgview.check.onNoServer";
        };
    }

    static String deviceStateKey(OrgJobDevice.State st) {
        return switch (st) {
            case PENDING -> "orgview.jobs.device.pending";
            case SUBMITTED -> "orgview.jobs.device.submitted";
            case MOVED -> "orgview.jobs.device.moved";
            case ALREADY_THERE -> "orgview.jobs.device.alreadyThere";
            case SEEN -> "orgview.jobs.device.seen";
            case PROFILE_ASSIGNED -> "orgview.jobs.device.profileAssigned";
            case FAILED -> "orgview.jobs.device.failed";
        };
    }

    static String deviceStateName(OrgJobDevice.State st) {
        return switch (st) {
            case PENDING -> "orgview.jobs.deviceState.pending";
            case SUBMITTED -> "orgview.jobs.deviceState.submitted";
            case MOVED -> "orgview.jobs.deviceState.moved";
            case ALREADY_THERE -> "orgview.jobs.deviceState.alreadyThere";
            case SEEN -> "orgview.jobs.deviceState.seen";
            case PROFILE_ASSIGNED -> "orgview.jobs.deviceState.profileAssigned";
            case FAILED -> "orgview.jobs.deviceState.failed";
        };
    }

    private static String jobStateKey(OrgJob.State st) {
        return switch (st) {
            case SUBMITTING -> "orgview.jobs.state.submitting";
            case ACTIVITY -> "orgview.jobs.state.activity";
            case WAITING_DEP -> "orgview.jobs.state.waitingDep";
            case ASSIGNING_PROFILE -> "orgview.jobs.state.assigningProfile";
            case DONE -> "orgview.jobs.state.done";
            case PARTIAL -> "orgview.jobs.state.partial";
            case FAILED -> "orgview.jobs.state.failed";
        };
    }

    private static List<String> distinct(List<OrgDeviceRow> rows, java.util.function.Function<OrgDeviceRow, String> of) {
        Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (OrgDeviceRow r : rows) {
            String v = of.apply(r);
            if (v != null && !v.isBlank()) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ filters

    public OrgDeviceFilter filter() {
        OrgServerRow s = serverFilter.get();
        OrgInventoryDevice.Placement p = placementFilter.get();
        return new OrgDeviceFilter(s == null ? null : s.server().id(), p, familyFilter.get(), sourceFilter.get(), orderFilter.get(), search.get(),
                p == OrgInventoryDevice.Placement.RELEASED);
    }

    private void applyFilters() {
        if (loading.get() && rows.isEmpty()) {
            return;
        }
        OrgDeviceFilter filter = filter();
        OrgCrossCheck.Kind kind = checkFilter.get();
        Set<String> inCheck = kind == null ? null : new HashSet<>(crossCheck.of(kind).stream().map(OrgCrossCheck.Finding::serial).toList());
        List<OrgDeviceRow> all = rows;
        long gen = ++filterGeneration;
        quick.run(() -> all.stream().filter(filter::matches).filter(r -> inCheck == null || inCheck.contains(r.serial()))
                .map(r -> OrgDeviceItem.of(r, f)).toList(), shown -> {
                    if (gen != filterGeneration) {
                        return;
                    }
                    devices.setAll(shown);
                    long listed = all.stream().filter(r -> !r.device().released()).count();
                    countText.set(f.text("orgview.devices.count", f.count(shown.size()), f.count(listed)));
                    empty.set(!shown.isEmpty() ? Empty.NONE : all.isEmpty() ? (synced ? Empty.NO_MATCH : Empty.NOT_SYNCED) : Empty.NO_MATCH);
                }, this::fail);
    }

    public void clearFilters() {
        serverFilter.set(null);
        placementFilter.set(null);
        familyFilter.set(null);
        sourceFilter.set(null);
        orderFilter.set("");
        search.set("");
        checkFilter.set(null);
    }

    /** Shows only the devices of one cross-check (null: every device). */
    public void showCheck(OrgCrossCheck.Kind kind) {
        checkFilter.set(kind);
    }

    // ------------------------------------------------------------------ sync

    /** Syncs the selected account on the organization's pool; progress, ETA and rate-limit waits appear as they come. */
    public void syncNow(boolean full) {
        OrgAccount a = account.get();
        if (a == null || syncing.get()) {
            return;
        }
        syncing.set(true);
        syncProgress.set(-1);
        syncText.set(f.text("orgview.sync.starting"));
        message.set("");
        Consumer<OrgSyncProgress> progress = p -> quick.ui().execute(() -> showProgress(p));
        slow.run(() -> sync.sync(a.id(), full, "Window", progress), run -> {
            syncing.set(false);
            syncProgress.set(run.result() == OrgSyncRun.Result.SUCCESS ? 1 : 0);
            syncText.set("");
            if (run.result() == OrgSyncRun.Result.SUCCESS) {
                info(f.text("orgview.sync.done", f.count(run.devices()), f.count(run.changed()), f.count(run.servers())));
            } else if (run.error() != null) {
                error(run.error());
            }
            reload();
        }, e -> {
            syncing.set(false);
            syncProgress.set(0);
            syncText.set("");
            fail(e);
            reload();
        });
    }

    public void cancelSync() {
        OrgAccount a = account.get();
        if (a != null) {
            quick.run(() -> {
                sync.cancel(a.id());
                return a;
            }, x -> syncText.set(f.text("orgview.sync.stopping")), this::fail);
        }
    }

    void showProgress(OrgSyncProgress p) {
        syncProgress.set(p.fraction());
        String what = f.text("orgview.sync.progress", f.count(p.devices()), f.count(p.requestsDone()),
                p.requestsExpected() > 0 ? f.count(p.requestsExpected()) : "?");
        if (p.waiting() != null && !p.waiting().isZero()) {
            what = f.text("orgview.sync.waiting", f.duration(p.waiting())) + " · " + what;
        } else if (p.eta() != null) {
            what = what + " · " + f.text("orgview.sync.eta", f.duration(p.eta()));
        }
        syncText.set(what);
    }

    // ------------------------------------------------------------------ CSV, coverage

    /** Writes the devices the filters show now, as CSV. */
    public void exportCsv(Path file) {
        List<OrgDeviceRow> shown = devices.stream().map(OrgDeviceItem::row).toList();
        quick.run(() -> {
            OrgInventoryService.exportCsv(shown, file);
            return shown.size();
        }, n -> info(f.text("orgview.export.done", f.count(n), file.getFileName())), this::fail);
    }

    /**
     * AppleCare coverage of the selected devices: cached answers younger than {@link OrgInventoryService#COVERAGE_MAX_AGE}
     * are shown as they are, the rest is asked of Apple one paced request at a time.
     */
    public void coverage(Collection<String> serials, Consumer<List<CoverageLookup>> show) {
        OrgAccount a = account.get();
        if (a == null || serials.isEmpty()) {
            error(f.text("orgview.coverage.selectFirst"));
            return;
        }
        coverageBusy.set(true);
        info(f.text("orgview.coverage.asking", f.count(serials.size())));
        slow.run(() -> inventory.coverage(a.id(), List.copyOf(serials), OrgInventoryService.COVERAGE_MAX_AGE), found -> {
            coverageBusy.set(false);
            message.set("");
            show.accept(found);
        }, e -> {
            coverageBusy.set(false);
            fail(e);
        });
    }

    /** One readable paragraph per device: its coverage and when Apple was asked. */
    public String coverageText(List<CoverageLookup> found) {
        StringBuilder b = new StringBuilder();
        for (CoverageLookup c : found) {
            if (b.length() > 0) {
                b.append("\n\n");
            }
            b.append(c.serial()).append(": ");
            if (c.error() != null) {
                b.append(c.error());
                continue;
            }
            if (c.coverage().isEmpty()) {
                b.append(f.text("orgview.coverage.none"));
            }
            for (var cov : c.coverage()) {
                b.append('\n').append(f.text("orgview.coverage.line", nz(cov.description()), nz(cov.status()), f.date(cov.startDateTime()),
                        f.date(cov.endDateTime())));
            }
            b.append('\n').append(f.text(c.fromCache() ? "orgview.coverage.cached" : "orgview.coverage.asked", f.dateTime(c.fetchedAt())));
        }
        return b.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // ------------------------------------------------------------------ jobs

    private void showJobs(List<JobSummary> list) {
        Long keep = selectedJob.get() == null ? null : selectedJob.get().id();
        List<JobItem> items = list.stream().map(s -> jobItem(s, null)).toList();
        jobs.setAll(items);
        if (keep != null) {
            items.stream().filter(j -> j.id() == keep).findFirst().ifPresent(this::selectJob);
        }
    }

    JobItem jobItem(JobSummary s, String step) {
        OrgJob j = s.job();
        String kind = f.text(j.kind() == OrgJob.Kind.ASSIGN ? (j.hasProfile() ? "orgview.jobs.kind.assignProfile" : "orgview.jobs.kind.assign")
                : "orgview.jobs.kind.unassign", nz(j.targetServerName()), j.profileName() == null ? "" : j.profileName());
        String target = j.kind() == OrgJob.Kind.UNASSIGN ? "–" : nz(j.targetServerName());
        StringBuilder counts = new StringBuilder();
        for (OrgJobDevice.State st : OrgJobDevice.State.values()) {
            int n = s.counts().getOrDefault(st, 0);
            if (n > 0) {
                if (counts.length() > 0) {
                    counts.append(", ");
                }
                counts.append(f.text(deviceStateKey(st), f.count(n)));
            }
        }
        String state = f.text(jobStateKey(j.state()));
        String shownStep = step != null ? step : j.state().finished() ? nz(j.error()) : j.error() != null ? j.error() : "";
        return new JobItem(s, kind, target, state, counts.toString(), f.dateTime(j.createdAt()), f.exact(j.createdAt()), shownStep);
    }

    public void selectJob(JobItem job) {
        selectedJob.set(job);
        if (job == null) {
            jobDevices.clear();
            return;
        }
        quick.run(() -> moves.devices(job.id()), jobDevices::setAll, this::fail);
    }

    /** Runs a stored job on the organization's pool until it has finished; its progress updates the jobs table live. */
    public void runJob(OrgJob job) {
        if (!drivenHere.add(job.id())) {
            return;
        }
        slow.run(() -> moves.run(job.id(), false, p -> jobProgress(p)), done -> {
            drivenHere.remove(job.id());
            jobProgress(new OrgMoveService.JobProgress(done, null));
            reload();
        }, e -> {
            drivenHere.remove(job.id());
            fail(e);
            refreshJobs();
        });
    }

    /** At window close: this process's sync and jobs stop at their next step (they resume on the next start). */
    public void stopAll() {
        OrgAccount a = account.get();
        if (a != null && syncing.get()) {
            sync.cancel(a.id());
        }
        drivenHere.forEach(moves::cancel);
    }

    /** Resumes the jobs a previous run of the console (or a killed command) left unfinished. */
    public void resumeJobs() {
        quick.run(moves::unfinished, list -> list.stream().filter(j -> !moves.isRunning(j.id())).forEach(this::runJob), this::fail);
    }

    private void jobProgress(OrgMoveService.JobProgress p) {
        quick.ui().execute(() -> {
            JobItem item = jobItem(p.summary(), p.step());
            for (int i = 0; i < jobs.size(); i++) {
                if (jobs.get(i).id() == item.id()) {
                    jobs.set(i, item);
                    if (selectedJob.get() != null && selectedJob.get().id() == item.id()) {
                        selectJob(item);
                    }
                    return;
                }
            }
            OrgAccount a = account.get();
            if (a != null && a.id() == p.summary().job().accountId()) {
                jobs.add(0, item);
            }
        });
    }

    /** A job just started here: listed at once and selected, so its devices show while it runs. */
    public void showNewJob(OrgJob job) {
        quick.run(() -> moves.summary(job.id()), s -> {
            JobItem item = jobItem(s, null);
            jobs.removeIf(j -> j.id() == item.id());
            jobs.add(0, item);
            selectJob(item);
        }, this::fail);
    }

    /** Whether a listed job is unfinished and driven by another process (a command): then the list is read again now and then. */
    public boolean watchesOtherJobs() {
        return jobs.stream().anyMatch(j -> !j.finished() && !drivenHere.contains(j.id()));
    }

    public void refreshJobs() {
        OrgAccount a = account.get();
        if (a != null) {
            quick.run(() -> moves.jobs(a.id(), 50), this::showJobs, this::fail);
        }
    }

    public void saveJobResults(Path file) {
        JobItem j = selectedJob.get();
        if (j == null) {
            return;
        }
        quick.run(() -> {
            moves.writeResults(j.id(), file);
            return file;
        }, p -> info(f.text("orgview.jobs.saved", p.getFileName())), this::fail);
    }

    // ------------------------------------------------------------------ messages

    void info(String text) {
        messageError.set(false);
        message.set(text);
    }

    void error(String text) {
        messageError.set(true);
        message.set(text);
    }

    void fail(Throwable e) {
        error(UserMessages.of(e));
    }

    private static Long id(OrgAccount a) {
        return a == null ? null : a.id();
    }

    // ------------------------------------------------------------------ properties

    public ObservableList<OrgAccount> accounts() {
        return accountList;
    }

    public ObjectProperty<OrgAccount> accountProperty() {
        return account;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Empty> emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty syncingProperty() {
        return syncing.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty syncProgressProperty() {
        return syncProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty syncTextProperty() {
        return syncText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastSyncTextProperty() {
        return lastSyncText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageErrorProperty() {
        return messageError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty coverageBusyProperty() {
        return coverageBusy.getReadOnlyProperty();
    }

    public BooleanBinding noAccount() {
        return Bindings.isNull(account);
    }

    public ObservableList<OrgDeviceItem> devices() {
        return devices;
    }

    public ObservableList<OrgServerRow> servers() {
        return servers;
    }

    public ObservableList<Check> checks() {
        return checks;
    }

    public ObservableList<String> families() {
        return families;
    }

    public ObservableList<String> sources() {
        return sources;
    }

    public ObservableList<JobItem> jobs() {
        return jobs;
    }

    public ObservableList<OrgJobDevice> jobDevices() {
        return jobDevices;
    }

    public ReadOnlyObjectProperty<JobItem> selectedJobProperty() {
        return selectedJob.getReadOnlyProperty();
    }

    public ObjectProperty<OrgServerRow> serverFilterProperty() {
        return serverFilter;
    }

    public ObjectProperty<OrgInventoryDevice.Placement> placementFilterProperty() {
        return placementFilter;
    }

    public StringProperty familyFilterProperty() {
        return familyFilter;
    }

    public StringProperty sourceFilterProperty() {
        return sourceFilter;
    }

    public StringProperty orderFilterProperty() {
        return orderFilter;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<OrgCrossCheck.Kind> checkFilterProperty() {
        return checkFilter;
    }

    public Formats formats() {
        return f;
    }

    /** How long a "move, then give a profile" job waits for the target server's sync. */
    public Duration depWait() {
        return moves.timing().depWait();
    }
}
