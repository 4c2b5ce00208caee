package org.depconsole.ui.profiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.ObservableSet;
import org.depconsole.domain.apple.Profile;
import org.depconsole.domain.profile.LintIssue;
import org.depconsole.domain.profile.Platform;
import org.depconsole.domain.profile.ProfileVersion;
import org.depconsole.domain.profile.SkipKey;
import org.depconsole.domain.profile.VersionUsage;
import org.depconsole.service.CertificateFiles;
import org.depconsole.service.DefaultProfileService;
import org.depconsole.service.ProfileLintException;
import org.depconsole.service.ProfileService;
import org.depconsole.ui.Background;
import org.depconsole.ui.UserMessages;

/**
 * The Profiles tab of a server: presets with their versions and usage, and the editor of a profile with every field
 * of dep-api.md §5.1, lint shown under each field as it is typed, Setup Assistant panes by platform, certificates,
 * Apple-native JSON import/export, "Save as new version", "Define on Apple" and the server's default profile.
 */
public final class ProfilesViewModel {

    /** One preset in the list: its newest version and what the inventory says about its profiles. */
    public record PresetRow(String name, boolean hidden, int version, String uuid, int assigned, int pushed, int olderDevices) {
    }

    private final ProfileService profiles;
    private final DefaultProfileService defaults;
    private final Background background;
    private final ResourceBundle bundle;

    private final ObservableList<PresetRow> presets = FXCollections.observableArrayList();
    private final ObjectProperty<PresetRow> selected = new SimpleObjectProperty<>();
    private final BooleanProperty showHidden = new SimpleBooleanProperty(false);
    private final ObservableList<String> versions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageError = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<String> defaultChoices = FXCollections.observableArrayList();
    private final StringProperty defaultPreset = new SimpleStringProperty("");

    private final ProfileForm form;
    private Long serverId;

    public ProfilesViewModel(ProfileService profiles, DefaultProfileService defaults, Background background, ResourceBundle bundle) {
        this.profiles = profiles;
        this.defaults = defaults;
        this.background = background;
        this.bundle = bundle;
        this.form = new ProfileForm(profiles::lint,
                base64 -> new CertificateFiles.Certificate(bundle.getString("profiles.cert.unreadable"), null, base64));
        selected.addListener((o, was, row) -> {
            if (row != null) {
                open(row.name());
            }
        });
        showHidden.addListener((o, was, now) -> reload());
    }

    // --- list ---

    public void setServer(Long id) {
        serverId = id;
        presets.clear();
        selected.set(null);
        clearForm();
        reload();
    }

    public void reload() {
        reload(null);
    }

    /** Reads the presets again and selects {@code presetOrNull}, else keeps the selection. */
    private void reload(String presetOrNull) {
        Long id = serverId;
        if (id == null) {
            return;
        }
        boolean hidden = showHidden.get();
        background.run(() -> rows(id, hidden), loaded -> {
            if (!Objects.equals(id, serverId)) {
                return;
            }
            String keep = presetOrNull != null ? presetOrNull : selected.get() == null ? null : selected.get().name();
            presets.setAll(loaded.rows());
            defaultChoices.setAll(loaded.definedNames());
            defaultPreset.set(loaded.defaultName());
            presets.stream().filter(r -> r.name().equals(keep)).findFirst().ifPresent(selected::set);
        }, this::fail);
    }

    private record Loaded(List<PresetRow> rows, List<String> definedNames, String defaultName) {
    }

    private Loaded rows(long id, boolean includeHidden) {
        Map<String, List<VersionUsage>> byPreset = new LinkedHashMap<>();
        for (VersionUsage u : profiles.usage(id, includeHidden)) {
            byPreset.computeIfAbsent(u.preset().name(), k -> new ArrayList<>()).add(u);
        }
        List<PresetRow> rows = new ArrayList<>();
        List<String> defined = new ArrayList<>();
        for (var e : byPreset.entrySet()) {
            List<VersionUsage> us = e.getValue();
            VersionUsage newest = us.stream().max((a, b) -> Integer.compare(a.version().version(), b.version().version())).orElseThrow();
            String uuid = us.stream().filter(u -> u.version().defined()).max((a, b) -> Integer.compare(a.version().version(),
                    b.version().version())).map(u -> u.version().profileUuid()).orElse("");
            int assigned = us.stream().mapToInt(VersionUsage::assigned).sum();
            int pushed = us.stream().mapToInt(VersionUsage::pushed).sum();
            int older = profiles.devicesOnOlderVersion(id, e.getKey()).size();
            rows.add(new PresetRow(e.getKey(), newest.preset().hidden(), newest.version().version(), uuid, assigned, pushed, older));
            if (!uuid.isEmpty()) {
                defined.add(e.getKey());
            }
        }
        String current = defaults.get(id).filter(DefaultProfileService.DefaultProfile::enabled)
                .map(d -> d.presetName() != null ? d.presetName() : d.profileUuid()).orElse("");
        return new Loaded(rows, defined, current);
    }

    private void open(String preset) {
        Long id = serverId;
        background.run(() -> profiles.usage(id, true).stream().filter(u -> u.preset().name().equals(preset)).toList(), list -> {
            versions.setAll(list.stream().sorted((a, b) -> Integer.compare(b.version().version(), a.version().version()))
                    .map(this::versionLabel).toList());
            list.stream().map(VersionUsage::version).max((a, b) -> Integer.compare(a.version(), b.version()))
                    .ifPresent(v -> load(ProfileService.profileOf(v)));
        }, this::fail);
    }

    /** Newest first: "v2 · on Apple as … · 3 assigned · 1 pushed". */
    private String versionLabel(VersionUsage u) {
        ProfileVersion v = u.version();
        return v.defined() ? MessageFormat.format(bundle.getString("profiles.version.defined"), v.version(), v.profileUuid(), u.assigned(),
                u.pushed()) : MessageFormat.format(bundle.getString("profiles.version.local"), v.version());
    }

    // --- editing ---

    /** A new, empty form (a new preset is created by saving it). */
    public void newProfile() {
        selected.set(null);
        versions.clear();
        clearForm();
        say(bundle.getString("profiles.new.hint"), false);
    }

    private void clearForm() {
        form.clear();
    }

    /** Puts a stored or imported profile into the form; its findings show at once (nobody is typing). */
    public void load(Profile p) {
        form.load(p);
        form.revealAll();
    }

    /** The form as Apple's profile. */
    public Profile toProfile() {
        return form.toProfile();
    }

    public void addAnchorCert(Path file) {
        addCert(file, form.anchorCerts());
    }

    public void addHostCert(Path file) {
        addCert(file, form.hostCerts());
    }

    private void addCert(Path file, ObservableList<CertificateFiles.Certificate> into) {
        background.run(() -> CertificateFiles.read(file), into::add, this::fail);
    }

    /** Selects or clears every pane of a platform (only panes that are not deprecated are selected). */
    public void selectAll(Platform platform, boolean on) {
        for (SkipKey k : skipKeys()) {
            if (k.on(platform).isPresent()) {
                if (on && !k.deprecated()) {
                    form.skipped().add(k.key());
                } else if (!on) {
                    form.skipped().remove(k.key());
                }
            }
        }
    }

    public List<SkipKey> skipKeys() {
        return profiles.skipKeys().keys();
    }

    // --- storing and defining ---

    /** "Save as new version": a new preset when none is selected, else the selected preset's next version. */
    public void saveVersion() {
        Long id = serverId;
        if (id == null) {
            return;
        }
        Profile p = toProfile();
        PresetRow row = selected.get();
        String preset = row != null ? row.name() : p.profileName();
        run(() -> row == null ? profiles.createPreset(id, preset, p) : profiles.saveVersion(id, preset, p), v -> {
            say(MessageFormat.format(bundle.getString("profiles.saved"), preset, v.version()), false);
            reload(preset);
        });
    }

    /** Lints, stores the form as the preset's newest version and defines it on Apple; the UUID is recorded. */
    public void define() {
        Long id = serverId;
        if (id == null) {
            return;
        }
        form.lint();
        // pressing Define shows every finding, also of fields not visited yet
        form.revealAll();
        if (form.errorCountProperty().get() > 0) {
            say(MessageFormat.format(bundle.getString("profiles.define.blocked"), form.errorCountProperty().get()), true);
            return;
        }
        Profile p = toProfile();
        String preset = selected.get() != null ? selected.get().name() : p.profileName();
        run(() -> profiles.define(id, preset, p), v -> {
            say(MessageFormat.format(bundle.getString("profiles.defined"), preset, v.version(), v.profileUuid()), false);
            reload(preset);
        });
    }

    /** Deletes the selected preset here (not on Apple); the server's default profile cannot be deleted. */
    public void deleteSelected() {
        Long id = serverId;
        PresetRow row = selected.get();
        if (id == null || row == null) {
            return;
        }
        if (row.name().equals(defaultPreset.get())) {
            say(MessageFormat.format(bundle.getString("profiles.delete.isDefault"), row.name()), true);
            return;
        }
        run(() -> {
            profiles.deletePreset(id, row.name());
            return row.name();
        }, n -> {
            say(MessageFormat.format(bundle.getString("profiles.deleted"), n), false);
            selected.set(null);
            clearForm();
            versions.clear();
            reload();
        });
    }

    /** The serials of devices whose profile is an older version of the selected preset, then {@code done} on the FX thread. */
    public void olderDevices(java.util.function.Consumer<List<String>> done) {
        Long id = serverId;
        PresetRow row = selected.get();
        if (id == null || row == null) {
            return;
        }
        background.run(() -> List.copyOf(profiles.devicesOnOlderVersion(id, row.name()).keySet()), list -> {
            if (list.isEmpty()) {
                say(bundle.getString("profiles.older.none"), false);
            } else {
                done.accept(list);
            }
        }, this::fail);
    }

    public Long serverId() {
        return serverId;
    }

    public void setHidden(boolean hidden) {
        Long id = serverId;
        PresetRow row = selected.get();
        if (id == null || row == null) {
            return;
        }
        run(() -> {
            profiles.setHidden(id, row.name(), hidden);
            return row.name();
        }, n -> reload());
    }

    public void importJson(Path file) {
        run(() -> ProfileService.importJson(Files.readString(file, StandardCharsets.UTF_8)), p -> {
            selected.set(null);
            versions.clear();
            load(p);
            say(MessageFormat.format(bundle.getString("profiles.imported"), file.getFileName()), false);
        });
    }

    public void exportJson(Path file) {
        Profile p = toProfile();
        run(() -> {
            Files.writeString(file, ProfileService.exportJson(p), StandardCharsets.UTF_8);
            return file;
        }, f -> say(MessageFormat.format(bundle.getString("profiles.exported"), f.getFileName()), false));
    }

    /** The server's default profile for arriving, empty and removed devices; blank switches it off. */
    public void setDefault(String presetOrBlank) {
        Long id = serverId;
        if (id == null || Objects.equals(nz(presetOrBlank), defaultPreset.get())) {
            return;
        }
        run(() -> {
            if (presetOrBlank == null || presetOrBlank.isBlank()) {
                defaults.turnOff(id);
            } else {
                defaults.set(id, presetOrBlank);
            }
            return nz(presetOrBlank);
        }, n -> {
            defaultPreset.set(n);
            say(n.isEmpty() ? bundle.getString("profiles.default.off") : MessageFormat.format(bundle.getString("profiles.default.on"), n),
                    false);
        });
    }

    private <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> done) {
        busy.set(true);
        background.run(work, r -> {
            busy.set(false);
            done.accept(r);
        }, t -> {
            busy.set(false);
            fail(t);
        });
    }

    private void fail(Throwable t) {
        if (t instanceof ProfileLintException e) {
            say(MessageFormat.format(bundle.getString("profiles.define.blocked"), e.issues().stream().filter(LintIssue::isError).count()), true);
            return;
        }
        say(UserMessages.of(t), true);
    }

    private void say(String text, boolean error) {
        message.set(text);
        messageError.set(error);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // --- properties ---

    public ObservableList<PresetRow> presets() {
        return presets;
    }

    public ObjectProperty<PresetRow> selectedProperty() {
        return selected;
    }

    public BooleanProperty showHiddenProperty() {
        return showHidden;
    }

    public ObservableList<String> versions() {
        return versions;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageErrorProperty() {
        return messageError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObservableList<String> defaultChoices() {
        return defaultChoices;
    }

    public StringProperty defaultPresetProperty() {
        return defaultPreset;
    }

    /** The editor's form (fields, findings and what of them to show). */
    public ProfileForm form() {
        return form;
    }
}
