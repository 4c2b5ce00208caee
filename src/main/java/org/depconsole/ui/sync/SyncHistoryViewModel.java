package org.depconsole.ui.sync;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.depconsole.domain.inventory.DeviceChange;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.domain.inventory.SyncStatus;
import org.depconsole.sync.SyncService;
import org.depconsole.ui.Background;
import org.depconsole.ui.UserMessages;

/** The sync history of the selected server and, for any run, what it changed. */
public final class SyncHistoryViewModel {

    /** Which changes of a run to show. */
    public enum ChangeFilter {
        ALL(c -> true),
        ADDED(c -> c.kind() == DeviceChange.Kind.ADDED || c.kind() == DeviceChange.Kind.RETURNED
                || c.kind() == DeviceChange.Kind.IMPORTED),
        REMOVED(c -> c.kind() == DeviceChange.Kind.DELETED || c.kind() == DeviceChange.Kind.GONE),
        STATUS(c -> "profile_status".equals(c.field())),
        PROFILE(c -> "profile_uuid".equals(c.field()));

        final Predicate<DeviceChange> test;

        ChangeFilter(Predicate<DeviceChange> test) {
            this.test = test;
        }
    }

    public static final int RUNS = 200;

    private final SyncService sync;
    private final Background background;
    private final ObservableList<SyncRun> runs = FXCollections.observableArrayList();
    private final ObservableList<DeviceChange> changes = FXCollections.observableArrayList();
    private final FilteredList<DeviceChange> shownChanges = new FilteredList<>(changes);
    private final ObjectProperty<SyncRun> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<ChangeFilter> changeFilter = new SimpleObjectProperty<>(ChangeFilter.ALL);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private Long serverId;

    public SyncHistoryViewModel(SyncService sync, Background background) {
        this.sync = sync;
        this.background = background;
        selected.addListener((o, old, run) -> loadChanges(run));
        changeFilter.addListener((o, old, f) -> shownChanges.setPredicate(f.test));
    }

    public void setServer(Long id) {
        serverId = id;
        runs.clear();
        changes.clear();
        refresh();
    }

    public void refresh() {
        Long id = serverId;
        if (id == null) {
            return;
        }
        background.run(() -> sync.history(id, RUNS), list -> {
            if (!id.equals(serverId)) {
                return;
            }
            Long keep = selected.get() == null ? null : selected.get().id();
            runs.setAll(list);
            selected.set(list.stream().filter(r -> keep != null && r.id() == keep).findFirst().orElse(list.isEmpty() ? null : list.get(0)));
        }, t -> message.set(UserMessages.of(t)));
    }

    /** Refreshes when a run of this server ends. */
    public void onSyncStatus(SyncStatus s, boolean finished) {
        if (finished && serverId != null && s.serverId() == serverId) {
            refresh();
        }
    }

    private void loadChanges(SyncRun run) {
        changes.clear();
        if (run == null) {
            return;
        }
        background.run(() -> sync.changes(run.id()), list -> {
            if (selected.get() != null && selected.get().id() == run.id()) {
                changes.setAll(list);
                message.set(org.depconsole.domain.Messages.format("history.changeCount", list.size()));
            }
        }, t -> message.set(UserMessages.of(t)));
    }

    public static String duration(SyncRun r) {
        if (r.finishedAt() == null) {
            return "…";
        }
        Duration d = Duration.between(r.startedAt(), r.finishedAt());
        return d.toMillis() < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0) : d.toSeconds() + " s";
    }

    public ObservableList<SyncRun> runs() {
        return runs;
    }

    public List<DeviceChange> allChanges() {
        return changes;
    }

    public FilteredList<DeviceChange> changes() {
        return shownChanges;
    }

    public ObjectProperty<SyncRun> selectedProperty() {
        return selected;
    }

    public ObjectProperty<ChangeFilter> changeFilterProperty() {
        return changeFilter;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
