package org.depconsole.ui.profiles;

import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.depconsole.domain.profile.AssignmentOutcome;
import org.depconsole.domain.profile.AssignmentPreview;
import org.depconsole.domain.profile.AssignmentReport;
import org.depconsole.domain.profile.ProfilePreset;
import org.depconsole.service.AssignmentService;
import org.depconsole.service.ProfileService;
import org.depconsole.service.SerialList;
import org.depconsole.ui.Background;
import org.depconsole.ui.UserMessages;

/**
 * "Assign profile…" / "Remove profile…": a preview before anything is sent (how many change, already have it, are
 * pushed and change only after an erase, are not in this server's inventory or are gone), then the per-device results
 * with a CSV and, for throttled devices, a retry that is offered only once Apple allows it.
 */
public final class AssignViewModel {

    /** Where the dialog is. */
    public enum Stage {
        PREVIEW,
        RUNNING,
        DONE
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final AssignmentService assignments;
    private final ProfileService profiles;
    private final Background background;
    private final ResourceBundle bundle;
    private final Clock clock;
    private final long serverId;
    private final AssignmentReport.Operation operation;
    private final List<String> selectedSerials;

    private final ObservableList<String> presetNames = FXCollections.observableArrayList();
    private final StringProperty preset = new SimpleStringProperty();
    private final StringProperty pasted = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<AssignmentPreview> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper previewText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Stage> stage = new ReadOnlyObjectWrapper<>(Stage.PREVIEW);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper retryAllowed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper retryText = new ReadOnlyStringWrapper("");
    private final ObservableList<AssignmentReport.Result> results = FXCollections.observableArrayList();
    private final Map<String, String> uuidByPreset = new LinkedHashMap<>();
    private AssignmentReport report;
    private Instant retryAt;
    private String initialPreset;

    /** The preset chosen when the window opens (else the first one). */
    public void preselect(String presetName) {
        this.initialPreset = presetName;
    }

    /**
     * @param serials the devices selected in the inventory; empty for the "paste serials" mode
     */
    public AssignViewModel(AssignmentService assignments, ProfileService profiles, Background background, ResourceBundle bundle, Clock clock,
                           long serverId, AssignmentReport.Operation operation, List<String> serials) {
        this.assignments = assignments;
        this.profiles = profiles;
        this.background = background;
        this.bundle = bundle;
        this.clock = clock;
        this.serverId = serverId;
        this.operation = operation;
        this.selectedSerials = List.copyOf(serials);
        preset.addListener((o, was, now) -> refreshPreview());
        pasted.addListener((o, was, now) -> refreshPreview());
    }

    /** Loads the presets defined on Apple and the first preview. */
    public void start() {
        background.run(() -> {
            Map<String, String> m = new LinkedHashMap<>();
            for (ProfilePreset p : profiles.presets(serverId, false)) {
                profiles.latestDefined(serverId, p.name()).ifPresent(v -> m.put(p.name(), v.profileUuid()));
            }
            return m;
        }, m -> {
            uuidByPreset.putAll(m);
            presetNames.setAll(m.keySet());
            if (operation == AssignmentReport.Operation.ASSIGN && m.isEmpty()) {
                message.set(bundle.getString("assign.noPresets"));
            }
            if (!presetNames.isEmpty()) {
                preset.set(initialPreset != null && presetNames.contains(initialPreset) ? initialPreset : presetNames.get(0));
            } else {
                refreshPreview();
            }
        }, t -> message.set(UserMessages.of(t)));
    }

    public boolean pasteMode() {
        return selectedSerials.isEmpty();
    }

    public List<String> serials() {
        return pasteMode() ? SerialList.parse(pasted.get() == null ? "" : pasted.get()) : selectedSerials;
    }

    public void refreshPreview() {
        List<String> serials = serials();
        String uuid = preset.get() == null ? null : uuidByPreset.get(preset.get());
        if (serials.isEmpty() || operation == AssignmentReport.Operation.ASSIGN && uuid == null) {
            preview.set(null);
            previewText.set(serials.isEmpty() ? bundle.getString("assign.noSerials") : "");
            return;
        }
        background.run(() -> operation == AssignmentReport.Operation.ASSIGN ? assignments.preview(serverId, uuid, serials)
                : assignments.previewRemove(serverId, serials), p -> {
                    preview.set(p);
                    previewText.set(MessageFormat.format(bundle.getString(operation == AssignmentReport.Operation.ASSIGN
                            ? "assign.preview" : "assign.previewRemove"), p.total(), p.willChange().size(), p.alreadyDone().size(),
                            p.pushed().size(), p.notInInventory().size(), p.gone().size()));
                }, t -> message.set(UserMessages.of(t)));
    }

    /** Sends the changes (devices that would not change are not sent); the results replace the preview. */
    public void confirm() {
        AssignmentPreview p = preview.get();
        if (p == null || stage.get() != Stage.PREVIEW) {
            return;
        }
        List<String> send = new ArrayList<>(p.willChange());
        send.addAll(p.pushed());
        if (send.isEmpty()) {
            message.set(bundle.getString("assign.nothingToSend"));
            return;
        }
        String uuid = p.profileUuid();
        stage.set(Stage.RUNNING);
        message.set("");
        background.run(() -> operation == AssignmentReport.Operation.ASSIGN
                ? assignments.assign(serverId, uuid, send, "Assign profile (window)")
                : assignments.remove(serverId, send, "Remove profile (window)"), this::show, t -> {
                    stage.set(Stage.PREVIEW);
                    message.set(UserMessages.of(t));
                });
    }

    /** Sends the throttled devices again, once Apple's time has passed. */
    public void retryThrottled() {
        if (!retryAllowed.get()) {
            return;
        }
        stage.set(Stage.RUNNING);
        background.run(() -> assignments.retryThrottled(serverId, "Retry throttled (window)"), this::show, t -> {
            stage.set(Stage.DONE);
            message.set(UserMessages.of(t));
        });
    }

    /** Called every few seconds while the dialog is open: enables the retry when its time has come. */
    public void tick() {
        retryAllowed.set(retryAt != null && !clock.instant().isBefore(retryAt) && stage.get() == Stage.DONE);
    }

    public void saveCsv(Path file) {
        AssignmentReport r = report;
        if (r == null) {
            return;
        }
        background.run(() -> {
            AssignmentService.writeCsv(r, file);
            return file;
        }, f -> message.set(MessageFormat.format(bundle.getString("assign.csvSaved"), f.getFileName())), t -> message.set(UserMessages.of(t)));
    }

    private void show(AssignmentReport r) {
        report = r;
        results.setAll(r.results());
        Map<AssignmentOutcome, Integer> c = r.counts();
        summary.set(MessageFormat.format(bundle.getString("assign.summary"), c.get(AssignmentOutcome.SUCCESS),
                c.get(AssignmentOutcome.NOT_ACCESSIBLE), c.get(AssignmentOutcome.FAILED), c.get(AssignmentOutcome.THROTTLED), r.calls()));
        retryAt = r.results().stream().filter(x -> x.outcome() == AssignmentOutcome.THROTTLED && x.retryAt() != null)
                .map(AssignmentReport.Result::retryAt).max(Instant::compareTo).orElse(null);
        retryText.set(retryAt == null ? "" : MessageFormat.format(bundle.getString("assign.retryAt"),
                org.depconsole.ui.Formats.system().dateTime(retryAt)));
        if (r.error() != null) {
            message.set(r.error());
        }
        stage.set(Stage.DONE);
        tick();
    }

    public AssignmentReport.Operation operation() {
        return operation;
    }

    public ObservableList<String> presetNames() {
        return presetNames;
    }

    public StringProperty presetProperty() {
        return preset;
    }

    public StringProperty pastedProperty() {
        return pasted;
    }

    public ReadOnlyObjectProperty<AssignmentPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewTextProperty() {
        return previewText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Stage> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty retryAllowedProperty() {
        return retryAllowed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty retryTextProperty() {
        return retryText.getReadOnlyProperty();
    }

    public ObservableList<AssignmentReport.Result> results() {
        return results;
    }
}
