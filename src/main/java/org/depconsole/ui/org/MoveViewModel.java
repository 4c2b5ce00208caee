package org.depconsole.ui.org;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.org.MovePreview;
import org.depconsole.domain.org.OrgJob;
import org.depconsole.domain.org.OrgServerRow;
import org.depconsole.domain.profile.ProfilePreset;
import org.depconsole.service.ProfileService;
import org.depconsole.service.SerialList;
import org.depconsole.service.org.OrgInventoryService;
import org.depconsole.service.org.OrgMoveService;
import org.depconsole.ui.Background;
import org.depconsole.ui.UserMessages;

/**
 * "Assign to MDM server…" / "Unassign…": the devices come from a selection, pasted serials or a CSV file; a preview
 * from the stored organization (how many move, from which servers, how many are there already, unknown serials, the
 * requests it takes) comes first; optionally a profile of the target server is given after the move. Starting stores
 * the job and hands it to the Organization view, which runs it. RELEASE is not offered.
 */
public final class MoveViewModel {

    private final OrgMoveService moves;
    private final OrgInventoryService inventory;
    private final ProfileService profiles;
    private final Background background;
    private final Formats f;
    private final long accountId;
    private final OrgJob.Kind kind;
    private final List<String> selected;
    private final String noProfile;

    private final ObservableList<OrgServerRow> targets = FXCollections.observableArrayList();
    private final ObjectProperty<OrgServerRow> target = new SimpleObjectProperty<>();
    private final ObservableList<String> profileNames = FXCollections.observableArrayList();
    private final StringProperty profile = new SimpleStringProperty();
    private final StringProperty pasted = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<MovePreview> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper previewText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sourceText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(false);
    private long generation;

    public MoveViewModel(OrgMoveService moves, OrgInventoryService inventory, ProfileService profiles, Background background, Formats formats,
                         long accountId, OrgJob.Kind kind, List<String> selected) {
        this.moves = moves;
        this.inventory = inventory;
        this.profiles = profiles;
        this.background = background;
        this.f = formats;
        this.accountId = accountId;
        this.kind = kind;
        this.selected = List.copyOf(selected);
        this.noProfile = f.text("orgview.move.noProfile");
        sourceText.set(this.selected.isEmpty() ? f.text("orgview.move.source.paste")
                : f.text("orgview.move.source.selection", this.selected.size(), f.count(this.selected.size())));
        target.addListener((o, was, now) -> {
            loadProfiles(now);
            refreshPreview();
        });
        profile.addListener((o, was, now) -> refreshPreview());
        pasted.addListener((o, was, now) -> refreshPreview());
    }

    /** Reads the target servers (assign) and makes the first preview. */
    public void load() {
        if (kind == OrgJob.Kind.UNASSIGN) {
            refreshPreview();
            return;
        }
        background.run(() -> inventory.servers(accountId), list -> {
            targets.setAll(list);
            if (target.get() == null) {
                refreshPreview();
            }
        }, this::fail);
    }

    private void loadProfiles(OrgServerRow t) {
        profileNames.setAll(noProfile);
        profile.set(noProfile);
        if (t == null || t.server().consoleServerId() == null) {
            return;
        }
        long console = t.server().consoleServerId();
        background.run(() -> profiles.presets(console, false).stream().map(ProfilePreset::name).toList(), names -> {
            if (t == target.get()) {
                List<String> all = new ArrayList<>();
                all.add(noProfile);
                all.addAll(names);
                profileNames.setAll(all);
                profile.set(noProfile);
            }
        }, this::fail);
    }

    /** The serials the move is about: the selection, else what was pasted or read from a CSV file. */
    public List<String> serials() {
        return selected.isEmpty() ? SerialList.parse(pasted.get() == null ? "" : pasted.get()) : selected;
    }

    private String chosenProfile() {
        String p = profile.get();
        return p == null || p.equals(noProfile) ? null : p;
    }

    /** Recomputes the preview from the stored organization; nothing is sent. */
    public void refreshPreview() {
        long gen = ++generation;
        preview.set(null);
        canStart.set(false);
        List<String> serials = serials();
        if (serials.isEmpty()) {
            previewText.set(f.text("orgview.move.preview.noSerials"));
            return;
        }
        if (kind == OrgJob.Kind.ASSIGN && target.get() == null) {
            previewText.set(f.text("orgview.move.preview.chooseTarget"));
            return;
        }
        OrgMoveService.MoveRequest request = request(serials);
        previewText.set(f.text("orgview.move.preview.working"));
        message.set("");
        background.run(() -> moves.preview(request), p -> {
            if (gen != generation) {
                return;
            }
            preview.set(p);
            previewText.set(describe(p));
            canStart.set(!p.willMove().isEmpty() || p.profileUuid() != null && !p.alreadyThere().isEmpty());
        }, e -> {
            if (gen == generation) {
                previewText.set("");
                fail(e);
            }
        });
    }

    private OrgMoveService.MoveRequest request(List<String> serials) {
        OrgServerRow t = target.get();
        return new OrgMoveService.MoveRequest(accountId, kind, t == null ? null : t.server().id(), serials, chosenProfile());
    }

    /** The preview in sentences: moves per source server, already there, unknown and released serials, requests, profile. */
    public String describe(MovePreview p) {
        List<String> lines = new ArrayList<>();
        if (p.willMove().isEmpty()) {
            lines.add(f.text("orgview.move.preview.none"));
        } else {
            List<String> from = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(p.fromServers()).entrySet()) {
                String server = "unassigned".equals(e.getKey()) ? f.text("orgview.devices.unassigned") : e.getKey();
                from.add(f.text("orgview.move.preview.fromOne", e.getValue().size(), f.count(e.getValue().size()), server));
            }
            lines.add(kind == OrgJob.Kind.ASSIGN
                    ? f.text("orgview.move.preview.moves", p.willMove().size(), f.count(p.willMove().size()), p.targetServerName(), String.join(", ", from))
                    : f.text("orgview.move.preview.unassigns", p.willMove().size(), f.count(p.willMove().size()), String.join(", ", from)));
        }
        if (!p.alreadyThere().isEmpty()) {
            lines.add(kind == OrgJob.Kind.ASSIGN
                    ? f.text("orgview.move.preview.there", p.alreadyThere().size(), f.count(p.alreadyThere().size()), p.targetServerName())
                    : f.text("orgview.move.preview.alreadyUnassigned", p.alreadyThere().size(), f.count(p.alreadyThere().size())));
        }
        if (!p.unknown().isEmpty()) {
            lines.add(f.text("orgview.move.preview.unknown", p.unknown().size(), f.count(p.unknown().size()), sample(p.unknown())));
        }
        if (!p.released().isEmpty()) {
            lines.add(f.text("orgview.move.preview.released", p.released().size(), f.count(p.released().size()), sample(p.released())));
        }
        if (p.activities() > 0) {
            lines.add(f.text("orgview.move.preview.requests", p.activities(), f.count(p.activities())));
        }
        if (p.profileUuid() != null) {
            lines.add(f.text("orgview.move.preview.profile", p.profileName(), p.consoleServerName(), moves.timing().depWait().toMinutes()));
        } else if (kind == OrgJob.Kind.ASSIGN && p.consoleServerId() == null) {
            lines.add(f.text("orgview.move.preview.noToken", p.targetServerName()));
        }
        return String.join("\n", lines);
    }

    private static String sample(List<String> serials) {
        return serials.size() <= 5 ? String.join(", ", serials) : String.join(", ", serials.subList(0, 5)) + ", …";
    }

    /** Reads serials from a CSV or text file (a column named serial_number or Serial Number, else the first). */
    public void loadFile(Path file) {
        background.run(() -> {
            try {
                return Files.readString(file);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                throw new ConsoleException(e, "orgview.move.error.file", file.getFileName());
            }
        }, pasted::set, this::fail);
    }

    /** Stores the job (nothing is sent yet) and hands it over; the Organization view runs it and shows its progress. */
    public void start(Consumer<OrgJob> started) {
        MovePreview p = preview.get();
        if (p == null || working.get()) {
            return;
        }
        OrgMoveService.MoveRequest request = request(serials());
        working.set(true);
        background.run(() -> moves.start(request), job -> {
            working.set(false);
            started.accept(job);
        }, e -> {
            working.set(false);
            fail(e);
        });
    }

    private void fail(Throwable e) {
        message.set(UserMessages.of(e));
    }

    public OrgJob.Kind kind() {
        return kind;
    }

    public boolean fromSelection() {
        return !selected.isEmpty();
    }

    public ObservableList<OrgServerRow> targets() {
        return targets;
    }

    public ObjectProperty<OrgServerRow> targetProperty() {
        return target;
    }

    public ObservableList<String> profileNames() {
        return profileNames;
    }

    public StringProperty profileProperty() {
        return profile;
    }

    public StringProperty pastedProperty() {
        return pasted;
    }

    public ReadOnlyObjectProperty<MovePreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewTextProperty() {
        return previewText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sourceTextProperty() {
        return sourceText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }
}
