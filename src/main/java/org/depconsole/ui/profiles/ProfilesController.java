package org.depconsole.ui.profiles;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.MapChangeListener;
import javafx.collections.SetChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.depconsole.domain.profile.Platform;
import org.depconsole.domain.profile.SkipKey;
import org.depconsole.service.CertificateFiles;
import org.depconsole.ui.DialogService;
import org.depconsole.ui.Nodes;

/** Code-behind of ProfilesView.fxml: the preset list and the profile editor with inline lint. */
public final class ProfilesController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final ProfilesViewModel vm;
    private final DialogService dialogs;
    private final ResourceBundle bundle;

    @FXML private ListView<ProfilesViewModel.PresetRow> presetList;
    @FXML private CheckBox showHiddenCheck;
    @FXML private Button hideButton;
    @FXML private Button deleteButton;
    @FXML private Button olderButton;
    @FXML private ListView<String> versionList;
    @FXML private ComboBox<String> defaultBox;
    @FXML private Label editorTitle;
    @FXML private TextField nameField;
    @FXML private TextField urlField;
    @FXML private TextField configUrlField;
    @FXML private TextField phoneField;
    @FXML private TextField emailField;
    @FXML private TextField departmentField;
    @FXML private TextField orgMagicField;
    @FXML private ComboBox<String> languageBox;
    @FXML private ComboBox<String> regionBox;
    @FXML private CheckBox supervisedCheck;
    @FXML private CheckBox pairingCheck;
    @FXML private CheckBox mandatoryCheck;
    @FXML private CheckBox removableCheck;
    @FXML private CheckBox awaitCheck;
    @FXML private CheckBox autoAdvanceCheck;
    @FXML private CheckBox multiUserCheck;
    @FXML private CheckBox returnCheck;
    @FXML private CheckBox noBackupCheck;
    @FXML private HBox platformBox;
    @FXML private ListView<CertificateFiles.Certificate> anchorList;
    @FXML private ListView<CertificateFiles.Certificate> hostList;
    @FXML private TextField skipSearch;
    @FXML private VBox skipBox;
    @FXML private Label lintSummary;
    @FXML private Button saveButton;
    @FXML private Button defineButton;
    @FXML private Label profilesMessage;

    public ProfilesController(ProfilesViewModel vm, DialogService dialogs, ResourceBundle bundle) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.bundle = bundle;
    }

    @FXML
    private void initialize() {
        presetList.setItems(vm.presets());
        presetList.setCellFactory(l -> new PresetCell());
        presetList.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now != vm.selectedProperty().get()) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now == null) {
                presetList.getSelectionModel().clearSelection();
            } else if (presetList.getSelectionModel().getSelectedItem() != now) {
                presetList.getSelectionModel().select(now);
            }
            editorTitle.setText(now == null ? bundle.getString("profiles.editor.new")
                    : MessageFormat.format(bundle.getString("profiles.editor.edit"), now.name(), now.version(), now.version() + 1));
            hideButton.setText(bundle.getString(now != null && now.hidden() ? "profiles.show" : "profiles.hide"));
        });
        editorTitle.setText(bundle.getString("profiles.editor.new"));
        showHiddenCheck.selectedProperty().bindBidirectional(vm.showHiddenProperty());
        hideButton.disableProperty().bind(vm.selectedProperty().isNull());
        deleteButton.disableProperty().bind(vm.selectedProperty().isNull());
        olderButton.disableProperty().bind(vm.selectedProperty().isNull());
        versionList.setItems(vm.versions());

        defaultBox.getItems().add("");
        vm.defaultChoices().addListener((javafx.collections.ListChangeListener<String>) c -> {
            String keep = vm.defaultPresetProperty().get();
            defaultBox.getItems().setAll(vm.defaultChoices());
            defaultBox.getItems().add(0, "");
            defaultBox.setValue(keep);
        });
        defaultBox.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null || s.isEmpty() ? bundle.getString("profiles.default.none") : s;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        vm.defaultPresetProperty().addListener((o, was, now) -> defaultBox.setValue(now));
        defaultBox.setOnAction(e -> vm.setDefault(defaultBox.getValue()));

        bind(nameField, vm.nameProperty());
        bind(urlField, vm.urlProperty());
        bind(configUrlField, vm.configurationWebUrlProperty());
        bind(phoneField, vm.supportPhoneProperty());
        bind(emailField, vm.supportEmailProperty());
        bind(departmentField, vm.departmentProperty());
        bind(orgMagicField, vm.orgMagicProperty());
        languageBox.getItems().setAll(Arrays.stream(Locale.getISOLanguages()).sorted().toList());
        regionBox.getItems().setAll(Arrays.stream(Locale.getISOCountries()).sorted().toList());
        languageBox.valueProperty().bindBidirectional(vm.languageProperty());
        regionBox.valueProperty().bindBidirectional(vm.regionProperty());
        bind(supervisedCheck, vm.supervisedProperty());
        bind(pairingCheck, vm.allowPairingProperty());
        bind(mandatoryCheck, vm.mandatoryProperty());
        bind(removableCheck, vm.removableProperty());
        bind(awaitCheck, vm.awaitConfiguredProperty());
        bind(autoAdvanceCheck, vm.autoAdvanceProperty());
        bind(multiUserCheck, vm.multiUserProperty());
        bind(returnCheck, vm.returnToServiceProperty());
        bind(noBackupCheck, vm.noBackupProfileProperty());

        for (Platform p : Platform.values()) {
            CheckBox box = new CheckBox(p.appleName());
            box.setId("platform-" + p.name().toLowerCase(Locale.ROOT));
            box.setSelected(vm.platforms().contains(p));
            box.selectedProperty().addListener((o, was, on) -> {
                if (on) {
                    vm.platforms().add(p);
                } else {
                    vm.platforms().remove(p);
                }
            });
            platformBox.getChildren().add(box);
        }

        anchorList.setItems(vm.anchorCerts());
        hostList.setItems(vm.hostCerts());
        anchorList.setCellFactory(l -> new CertCell());
        hostList.setCellFactory(l -> new CertCell());

        buildSkipPanes();
        skipSearch.textProperty().addListener((o, was, now) -> filterSkipPanes(now));

        vm.fieldMessages().addListener((MapChangeListener<String, String>) c -> showLint());
        vm.issues().addListener((javafx.collections.ListChangeListener<org.depconsole.domain.profile.LintIssue>) c -> showLint());
        showLint();
        defineButton.disableProperty().bind(vm.errorCountProperty().greaterThan(0).or(vm.busyProperty()));
        saveButton.disableProperty().bind(vm.busyProperty());
        profilesMessage.textProperty().bind(vm.messageProperty());
        vm.messageErrorProperty().addListener((o, was, error) -> {
            profilesMessage.getStyleClass().removeAll("message-error", "message-ok");
            profilesMessage.getStyleClass().add(error ? "message-error" : "message-ok");
        });
    }

    private static void bind(TextField field, StringProperty property) {
        field.textProperty().bindBidirectional(property);
    }

    private static void bind(CheckBox box, BooleanProperty property) {
        box.selectedProperty().bindBidirectional(property);
    }

    /** Each lint message under its field; the summary counts errors and warnings. */
    private void showLint() {
        Node root = lintSummary.getParent().getParent();
        for (Node n : root.lookupAll(".lint-message")) {
            if (n instanceof Label l && l.getId() != null && l.getId().startsWith("err_")) {
                String text = vm.fieldMessages().get(l.getId().substring(4));
                l.setText(text == null ? "" : text);
                Nodes.show(l, text != null);
                l.getStyleClass().removeAll("lint-error", "lint-warning");
                if (text != null) {
                    l.getStyleClass().add(text.startsWith("⚠") ? "lint-warning" : "lint-error");
                }
            }
        }
        long errors = vm.errorCountProperty().get();
        long warnings = vm.issues().size() - errors;
        lintSummary.setText(errors == 0 && warnings == 0 ? bundle.getString("profiles.lint.clean")
                : errors == 0 ? MessageFormat.format(bundle.getString("profiles.lint.warnings"), warnings)
                : MessageFormat.format(bundle.getString("profiles.lint.summary"), errors, warnings));
        lintSummary.getStyleClass().removeAll("message-error", "message-ok");
        lintSummary.getStyleClass().add(errors > 0 ? "message-error" : "message-ok");
    }

    private void buildSkipPanes() {
        List<SkipKey> keys = vm.skipKeys();
        for (Platform p : Platform.values()) {
            FlowPane boxes = new FlowPane(12, 6);
            for (SkipKey k : keys) {
                if (k.on(p).isEmpty()) {
                    continue;
                }
                SkipKey.Support s = k.on(p).get();
                String label = k.title() + (s.introduced() == null ? "" : "  " + p.appleName() + " " + s.introduced())
                        + (k.deprecated() ? "  · " + bundle.getString("profiles.skip.deprecated") : "");
                CheckBox box = new CheckBox(label);
                box.setUserData(k);
                box.setPrefWidth(300);
                box.setTooltip(new Tooltip(k.key()));
                if (k.deprecated()) {
                    box.getStyleClass().add("skip-deprecated");
                }
                box.setSelected(vm.skipped().contains(k.key()));
                box.selectedProperty().addListener((o, was, on) -> {
                    if (on) {
                        vm.skipped().add(k.key());
                    } else {
                        vm.skipped().remove(k.key());
                    }
                });
                vm.skipped().addListener((SetChangeListener<String>) c -> box.setSelected(vm.skipped().contains(k.key())));
                boxes.getChildren().add(box);
            }
            Button all = new Button(bundle.getString("profiles.skip.all"));
            all.setOnAction(e -> vm.selectAll(p, true));
            Button none = new Button(bundle.getString("profiles.skip.none"));
            none.setOnAction(e -> vm.selectAll(p, false));
            VBox content = new VBox(8, new HBox(8, all, none), boxes);
            TitledPane pane = new TitledPane(MessageFormat.format(bundle.getString("profiles.skip.platform"), p.appleName(),
                    boxes.getChildren().size()), content);
            pane.setExpanded(p == Platform.IOS);
            pane.setUserData(boxes);
            skipBox.getChildren().add(pane);
        }
    }

    private void filterSkipPanes(String text) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (Node n : skipBox.getChildren()) {
            TitledPane pane = (TitledPane) n;
            int shown = 0;
            for (Node b : ((FlowPane) pane.getUserData()).getChildren()) {
                SkipKey k = (SkipKey) b.getUserData();
                boolean match = q.isEmpty() || k.key().toLowerCase(Locale.ROOT).contains(q) || k.title().toLowerCase(Locale.ROOT).contains(q);
                Nodes.show(b, match);
                shown += match ? 1 : 0;
            }
            if (!q.isEmpty() && shown > 0) {
                pane.setExpanded(true);
            }
        }
    }

    @FXML
    void onNew() {
        vm.newProfile();
        nameField.requestFocus();
    }

    private AssignLauncher assignLauncher;

    public void setAssignLauncher(AssignLauncher launcher) {
        this.assignLauncher = launcher;
    }

    @FXML
    void onDelete() {
        var row = vm.selectedProperty().get();
        if (row != null && dialogs.confirm(bundle.getString("profiles.delete.title"),
                MessageFormat.format(bundle.getString("profiles.delete.header"), row.name()), bundle.getString("profiles.delete.text"),
                bundle.getString("profiles.delete.confirm"))) {
            vm.deleteSelected();
        }
    }

    /** "Devices on an older version": offers to assign the newest defined version to them. */
    @FXML
    void onOlderDevices() {
        var row = vm.selectedProperty().get();
        if (row == null || assignLauncher == null) {
            return;
        }
        vm.olderDevices(serials -> assignLauncher.open(vm.serverId(), org.depconsole.domain.profile.AssignmentReport.Operation.ASSIGN,
                serials, row.name()));
    }

    @FXML
    void onToggleHidden() {
        var row = vm.selectedProperty().get();
        if (row != null) {
            vm.setHidden(!row.hidden());
        }
    }

    @FXML
    void onSave() {
        vm.saveVersion();
    }

    @FXML
    void onDefine() {
        vm.define();
    }

    @FXML
    void onImport() {
        dialogs.chooseFile(bundle.getString("profiles.import.title"), "JSON", "*.json").ifPresent(vm::importJson);
    }

    @FXML
    void onExport() {
        String name = vm.nameProperty().get().isBlank() ? "profile" : vm.nameProperty().get().strip().replaceAll("[^A-Za-z0-9._-]+", "-");
        dialogs.chooseSaveFile(bundle.getString("profiles.export.title"), name + ".json", "JSON", "*.json").ifPresent(vm::exportJson);
    }

    @FXML
    void onAddAnchor() {
        dialogs.chooseFile(bundle.getString("profiles.cert.title"), bundle.getString("profiles.cert.files"), "*.cer", "*.pem", "*.der", "*.crt")
                .ifPresent(vm::addAnchorCert);
    }

    @FXML
    void onRemoveAnchor() {
        var c = anchorList.getSelectionModel().getSelectedItem();
        if (c != null) {
            vm.anchorCerts().remove(c);
        }
    }

    @FXML
    void onAddHost() {
        dialogs.chooseFile(bundle.getString("profiles.cert.title"), bundle.getString("profiles.cert.files"), "*.cer", "*.pem", "*.der", "*.crt")
                .ifPresent(vm::addHostCert);
    }

    @FXML
    void onRemoveHost() {
        var c = hostList.getSelectionModel().getSelectedItem();
        if (c != null) {
            vm.hostCerts().remove(c);
        }
    }

    private final class PresetCell extends ListCell<ProfilesViewModel.PresetRow> {
        @Override
        protected void updateItem(ProfilesViewModel.PresetRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label title = new Label(row.name() + "  · v" + row.version() + (row.hidden() ? "  · " + bundle.getString("profiles.hidden") : ""));
            title.getStyleClass().add("preset-name");
            Label detail = new Label(row.uuid().isEmpty() ? bundle.getString("profiles.notDefined")
                    : MessageFormat.format(bundle.getString("profiles.usage"), row.assigned(), row.pushed(), row.olderDevices()));
            detail.getStyleClass().addAll("text-muted", "small");
            setText(null);
            setGraphic(new VBox(2, title, detail));
        }
    }

    private final class CertCell extends ListCell<CertificateFiles.Certificate> {
        @Override
        protected void updateItem(CertificateFiles.Certificate c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null ? null : c.subject() + (c.notAfter() == null ? ""
                    : "  · " + MessageFormat.format(bundle.getString("profiles.cert.expires"), DAY.format(c.notAfter().atZone(ZoneId.systemDefault())))));
        }
    }
}
