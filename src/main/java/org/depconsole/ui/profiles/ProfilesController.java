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
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.depconsole.domain.profile.LintIssue;
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
    @FXML private javafx.scene.control.ScrollPane issueScroll;
    @FXML private VBox issueBox;
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
        // a version's line (its UUID on Apple, its devices) wraps inside the narrow list instead of scrolling sideways
        versionList.setCellFactory(l -> {
            ListCell<String> cell = new ListCell<>() {
                @Override
                protected void updateItem(String text, boolean empty) {
                    super.updateItem(text, empty);
                    setText(empty ? null : text);
                    setTooltip(empty ? null : new Tooltip(text));
                }
            };
            cell.getStyleClass().add("small");
            cell.setWrapText(true);
            cell.prefWidthProperty().bind(l.widthProperty().subtract(18));
            return cell;
        });

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

        bind(nameField, vm.form().nameProperty());
        bind(urlField, vm.form().urlProperty());
        bind(configUrlField, vm.form().configurationWebUrlProperty());
        bind(phoneField, vm.form().supportPhoneProperty());
        bind(emailField, vm.form().supportEmailProperty());
        bind(departmentField, vm.form().departmentProperty());
        bind(orgMagicField, vm.form().orgMagicProperty());
        languageBox.getItems().setAll(Arrays.stream(Locale.getISOLanguages()).sorted().toList());
        regionBox.getItems().setAll(Arrays.stream(Locale.getISOCountries()).sorted().toList());
        languageBox.valueProperty().bindBidirectional(vm.form().languageProperty());
        regionBox.valueProperty().bindBidirectional(vm.form().regionProperty());
        bind(supervisedCheck, vm.form().supervisedProperty());
        bind(pairingCheck, vm.form().allowPairingProperty());
        bind(mandatoryCheck, vm.form().mandatoryProperty());
        bind(removableCheck, vm.form().removableProperty());
        bind(awaitCheck, vm.form().awaitConfiguredProperty());
        bind(autoAdvanceCheck, vm.form().autoAdvanceProperty());
        bind(multiUserCheck, vm.form().multiUserProperty());
        bind(returnCheck, vm.form().returnToServiceProperty());
        bind(noBackupCheck, vm.form().noBackupProfileProperty());

        for (Platform p : Platform.values()) {
            CheckBox box = new CheckBox(p.appleName());
            box.setId("platform-" + p.name().toLowerCase(Locale.ROOT));
            box.setSelected(vm.form().platforms().contains(p));
            box.selectedProperty().addListener((o, was, on) -> {
                if (on) {
                    vm.form().platforms().add(p);
                } else {
                    vm.form().platforms().remove(p);
                }
            });
            platformBox.getChildren().add(box);
        }

        anchorList.setItems(vm.form().anchorCerts());
        hostList.setItems(vm.form().hostCerts());
        anchorList.setCellFactory(l -> new CertCell());
        hostList.setCellFactory(l -> new CertCell());

        buildSkipPanes();
        skipSearch.textProperty().addListener((o, was, now) -> filterSkipPanes(now));

        // a field's findings show once it is left; they are listed below the form and mark the field, never moving it
        fields = java.util.Map.ofEntries(
                java.util.Map.entry("profile_name", nameField), java.util.Map.entry("url", urlField),
                java.util.Map.entry("configuration_web_url", configUrlField), java.util.Map.entry("support_phone_number", phoneField),
                java.util.Map.entry("support_email_address", emailField), java.util.Map.entry("department", departmentField),
                java.util.Map.entry("org_magic", orgMagicField), java.util.Map.entry("language", languageBox),
                java.util.Map.entry("region", regionBox), java.util.Map.entry("is_supervised", supervisedCheck),
                java.util.Map.entry("allow_pairing", pairingCheck), java.util.Map.entry("is_mandatory", mandatoryCheck),
                java.util.Map.entry("is_mdm_removable", removableCheck), java.util.Map.entry("await_device_configured", awaitCheck),
                java.util.Map.entry("auto_advance_setup", autoAdvanceCheck), java.util.Map.entry("is_multi_user", multiUserCheck),
                java.util.Map.entry("is_return_to_service", returnCheck),
                java.util.Map.entry("do_not_use_profile_from_backup", noBackupCheck), java.util.Map.entry("anchor_certs", anchorList),
                java.util.Map.entry("supervising_host_certs", hostList), java.util.Map.entry("skip_setup_items", skipSearch));
        fields.forEach((field, control) -> control.focusedProperty().addListener((o, was, now) -> {
            if (was && !now) {
                vm.form().leave(field);
            }
        }));
        // the findings take the room they need, up to a few lines, then scroll
        issueScroll.minHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> issueBox.getChildren().isEmpty() ? 0 : Math.min(132, issueBox.getHeight() + 2), issueBox.heightProperty(),
                issueBox.getChildren()));
        vm.form().shownIssues().addListener((javafx.collections.ListChangeListener<LintIssue>) c -> showLint());
        vm.form().issues().addListener((javafx.collections.ListChangeListener<LintIssue>) c -> showLint());
        showLint();
        // Define shows every finding and refuses while one is an error (the view model says why)
        defineButton.disableProperty().bind(vm.busyProperty());
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

    private java.util.Map<String, javafx.scene.control.Control> fields = java.util.Map.of();

    /** The shown findings below the form (one line each, with the field's name), the fields marked, the summary counted. */
    private void showLint() {
        List<LintIssue> shown = vm.form().shownIssues();
        List<Node> lines = new java.util.ArrayList<>();
        for (LintIssue i : shown) {
            Region icon = new Region();
            icon.getStyleClass().addAll("lint-icon", i.isError() ? "lint-icon-error" : "lint-icon-warning");
            String field = fieldName(i.field());
            Label line = new Label(field == null ? i.message() : MessageFormat.format(bundle.getString("profiles.lint.line"), field,
                    i.message()), icon);
            line.setWrapText(true);
            line.setMinHeight(Region.USE_PREF_SIZE);
            line.getStyleClass().addAll("lint-message", i.isError() ? "lint-error" : "lint-warning");
            javafx.scene.control.Control target = fields.get(i.field());
            if (target != null) {
                line.setOnMouseClicked(e -> target.requestFocus());
            }
            lines.add(line);
        }
        issueBox.getChildren().setAll(lines);
        Nodes.show(issueScroll, !lines.isEmpty());
        fields.forEach((field, control) -> {
            LintIssue.Severity worst = vm.form().shownSeverity().get(field);
            control.pseudoClassStateChanged(DANGER, worst == LintIssue.Severity.ERROR);
            control.pseudoClassStateChanged(WARNING, worst == LintIssue.Severity.WARNING);
            String text = shown.stream().filter(i -> i.field().equals(field)).map(LintIssue::message)
                    .collect(java.util.stream.Collectors.joining("\n"));
            control.setTooltip(text.isEmpty() ? null : new Tooltip(text));
        });
        long errors = vm.form().shownErrorsProperty().get();
        long warnings = shown.size() - errors;
        boolean hidden = shown.size() < vm.form().issues().size();
        lintSummary.setText(errors > 0 ? MessageFormat.format(bundle.getString("profiles.lint.summary"), errors, warnings)
                : warnings > 0 ? MessageFormat.format(bundle.getString("profiles.lint.warnings"), warnings)
                : hidden ? bundle.getString("profiles.lint.pending") : bundle.getString("profiles.lint.clean"));
        lintSummary.getStyleClass().removeAll("message-error", "message-ok", "text-muted");
        lintSummary.getStyleClass().add(errors > 0 ? "message-error" : hidden && warnings == 0 ? "text-muted" : "message-ok");
    }

    private static final javafx.css.PseudoClass DANGER = javafx.css.PseudoClass.getPseudoClass("danger");
    private static final javafx.css.PseudoClass WARNING = javafx.css.PseudoClass.getPseudoClass("warning");

    /** The editor's name of an Apple field, for the list of findings. */
    private String fieldName(String field) {
        String key = switch (field) {
            case "profile_name" -> "profiles.f.name";
            case "url" -> "profiles.f.url";
            case "configuration_web_url" -> "profiles.f.configUrl";
            case "support_phone_number" -> "profiles.f.phone";
            case "support_email_address" -> "profiles.f.email";
            case "department" -> "profiles.f.department";
            case "org_magic" -> "profiles.f.orgMagic";
            case "language", "region" -> "profiles.f.locale";
            case "is_supervised" -> "profiles.f.supervised";
            case "allow_pairing" -> "profiles.f.pairing";
            case "is_mandatory" -> "profiles.f.mandatory";
            case "is_mdm_removable" -> "profiles.f.removable";
            case "await_device_configured" -> "profiles.f.await";
            case "auto_advance_setup" -> "profiles.f.autoAdvance";
            case "is_multi_user" -> "profiles.f.multiUser";
            case "is_return_to_service" -> "profiles.f.returnToService";
            case "do_not_use_profile_from_backup" -> "profiles.f.noBackup";
            case "anchor_certs" -> "profiles.f.anchorCerts";
            case "supervising_host_certs" -> "profiles.f.hostCerts";
            case "skip_setup_items" -> "profiles.skip.title";
            default -> null;
        };
        return key == null ? null : bundle.getString(key);
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
                box.setWrapText(true);
                box.setMinHeight(Region.USE_PREF_SIZE);
                box.setTooltip(new Tooltip(k.key()));
                if (k.deprecated()) {
                    box.getStyleClass().add("skip-deprecated");
                }
                box.setSelected(vm.form().skipped().contains(k.key()));
                box.selectedProperty().addListener((o, was, on) -> {
                    if (on) {
                        vm.form().skipped().add(k.key());
                    } else {
                        vm.form().skipped().remove(k.key());
                    }
                });
                vm.form().skipped().addListener((SetChangeListener<String>) c -> box.setSelected(vm.form().skipped().contains(k.key())));
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
        String name = vm.form().nameProperty().get().isBlank() ? "profile" : vm.form().nameProperty().get().strip().replaceAll("[^A-Za-z0-9._-]+", "-");
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
            vm.form().anchorCerts().remove(c);
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
            vm.form().hostCerts().remove(c);
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
