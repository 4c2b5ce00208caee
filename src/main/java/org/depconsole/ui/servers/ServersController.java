package org.depconsole.ui.servers;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.depconsole.domain.TokenState;
import org.depconsole.service.TokenImportPlan;
import org.depconsole.ui.DialogService;
import org.depconsole.ui.Nodes;
import org.depconsole.ui.LazyView;
import org.depconsole.ui.ServerTab;
import org.depconsole.ui.ViewLoader;
import org.depconsole.ui.FileDrops;
import org.depconsole.ui.TokenSetbacks;
import org.depconsole.ui.setup.SetupViewModel;

/** Code-behind of ServersView.fxml: binds, and turns clicks and drops into view-model calls. */
public final class ServersController implements ServersViewModel.Prompts {

    private final ServersViewModel vm;
    private final DialogService dialogs;
    private final ResourceBundle bundle;

    @FXML private ListView<ServerRow> serverList;
    @FXML private VBox emptyState;
    @FXML private javafx.scene.control.TabPane detail;
    @FXML private Label nameLabel;
    @FXML private Label stateBadge;
    @FXML private Label simulatedBadge;
    @FXML private Label expiryLabel;
    @FXML private Label consumerKeyLabel;
    @FXML private Label importedLabel;
    @FXML private VBox dropZone;
    @FXML private Label tokenMessage;
    @FXML private VBox steps;
    @FXML private Label certSubjectLabel;
    @FXML private Label certSerialLabel;
    @FXML private Label certValidLabel;
    @FXML private Label certFingerprintLabel;
    @FXML private TextField endpointField;
    @FXML private Button clearTokenButton;

    @FXML private javafx.scene.Node setupView;
    private final SetupViewModel setup;
    private final java.util.List<ServerTab<?>> tabs;
    private final ViewLoader views;

    /**
     * @param tabs  the tabs after the server page, in order (the composition root's tab list)
     * @param views loads each tab's view with the composition root's controllers
     */
    private final java.util.Map<String, LazyView<?>> lazyViews = new java.util.HashMap<>();

    public ServersController(ServersViewModel vm, SetupViewModel setup, DialogService dialogs, ResourceBundle bundle,
                             java.util.List<ServerTab<?>> tabs, ViewLoader views) {
        this.vm = vm;
        this.setup = setup;
        this.dialogs = dialogs;
        this.bundle = bundle;
        this.tabs = java.util.List.copyOf(tabs);
        this.views = views;
    }

    @FXML
    private void initialize() {
        // each tab's view is built when it is first shown (LazyView): the window opens sooner
        for (ServerTab<?> spec : tabs) {
            javafx.scene.control.Tab tab = new javafx.scene.control.Tab(bundle.getString(spec.titleKey()));
            tab.setId(spec.id());
            detail.getTabs().add(tab);
            LazyView<?> view = new LazyView<>(() -> views.load(spec.controllerType()), spec::controller);
            lazyViews.put(spec.id(), view);
            view.fill(tab);
            tab.selectedProperty().addListener((o, was, now) -> spec.shown(now));
            spec.shown(tab.isSelected());
        }
        vm.setPrompts(this);
        serverList.setItems(vm.servers());
        serverList.setCellFactory(list -> new ServerCell());
        serverList.setFixedCellSize(52);
        serverList.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, old, now) -> show(now));
        // data of the simulated Apple service is marked on the tab headers, so nobody takes it for real devices
        vm.selectedProperty().addListener((o, old, now) -> markSimulated(now != null && now.simulated()));
        // the first-run guide covers the page while no server exists and until its own server is linked
        setupView.visibleProperty().bind(setup.activeProperty());
        emptyState.visibleProperty().bind(vm.noSelection().and(setup.activeProperty().not()));
        detail.visibleProperty().bind(vm.noSelection().not().and(setup.activeProperty().not()));
        vm.loadedCountProperty().addListener((o, was, count) -> setup.serversChanged(count.intValue()));
        setup.setOnLinked(id -> {
            vm.refresh(id);
            showDevices();
        });
        tokenMessage.textProperty().bind(vm.tokenMessageProperty());
        Nodes.showWhen(tokenMessage, vm.tokenMessageProperty().isNotEmpty());
        vm.tokenMessageErrorProperty().addListener((o, was, error) -> styleMessage(error));
        FileDrops.install(dropZone, vm::importToken);
        vm.refresh();
    }

    private void show(ServerRow row) {
        if (row == null) {
            return;
        }
        if (serverList.getSelectionModel().getSelectedItem() != row) {
            serverList.getSelectionModel().select(row);
        }
        nameLabel.setText(row.name());
        stateBadge.setText(row.stateText());
        stateStyle(stateBadge, row.state());
        Nodes.show(simulatedBadge, row.simulated());
        expiryLabel.setText(!row.linked() ? bundle.getString("servers.token.none")
                : MessageFormat.format(bundle.getString(row.daysLeft() < 0 ? "servers.token.expiredOn" : "servers.token.expiresOn"),
                        row.expiryText(), row.daysLeft()));
        consumerKeyLabel.setText(row.linked() ? row.consumerKey() : "–");
        importedLabel.setText(row.linked() ? row.importedText() : "–");
        Nodes.show(steps, !row.linked());
        clearTokenButton.setDisable(!row.linked());
        certSubjectLabel.setText(row.certificateSubject());
        certSerialLabel.setText(row.certificateSerial());
        certValidLabel.setText(row.certificateValidUntil());
        certFingerprintLabel.setText(row.certificateFingerprint());
        endpointField.setText(row.endpoint());
    }

    static void stateStyle(Node node, TokenState state) {
        node.getStyleClass().removeAll("state-ok", "state-warning", "state-danger", "state-none");
        node.getStyleClass().add(switch (state) {
            case OK -> "state-ok";
            case EXPIRING -> "state-warning";
            case CRITICAL, EXPIRED -> "state-danger";
            case NOT_LINKED -> "state-none";
        });
    }

    private void styleMessage(boolean error) {
        tokenMessage.getStyleClass().removeAll("message-error", "message-ok");
        tokenMessage.getStyleClass().add(error ? "message-error" : "message-ok");
    }

    @FXML
    public void onAdd() {
        dialogs.askText(bundle.getString("servers.add.title"), bundle.getString("servers.add.header"),
                bundle.getString("servers.add.label"), "", vm::validateName).ifPresent(vm::addServer);
    }

    @FXML
    public void onImportKeyPair() {
        var key = dialogs.chooseFile(bundle.getString("servers.importKey.keyTitle"), bundle.getString("servers.importKey.keyFiles"), "*.pem", "*.key");
        if (key.isEmpty()) {
            return;
        }
        var cert = dialogs.chooseFile(bundle.getString("servers.importKey.certTitle"), bundle.getString("servers.importKey.certFiles"),
                "*.pem", "*.crt", "*.cer", "*.der");
        if (cert.isEmpty()) {
            return;
        }
        String suggested = vm.selected().filter(r -> !r.linked()).map(ServerRow::name).orElse("");
        dialogs.askText(bundle.getString("servers.importKey.nameTitle"), bundle.getString("servers.importKey.nameHeader"),
                bundle.getString("servers.add.label"), suggested, n -> null).ifPresent(n -> vm.importKeyPair(n, key.get(), cert.get()));
    }

    @FXML
    public void onChooseToken() {
        dialogs.chooseFile(bundle.getString("servers.token.chooseTitle"), bundle.getString("servers.token.files"), "*.p7m")
                .ifPresent(vm::importToken);
    }

    @FXML
    public void onSaveCertificate() {
        dialogs.chooseSaveFile(bundle.getString("servers.cert.saveTitle"), vm.certificateFileName(),
                bundle.getString("servers.cert.files"), "*.pem").ifPresent(vm::saveCertificate);
    }

    @FXML
    public void onRename() {
        vm.selected().ifPresent(row -> dialogs.askText(bundle.getString("servers.rename.title"), null,
                bundle.getString("servers.add.label"), row.name(),
                n -> n.strip().equalsIgnoreCase(row.name()) ? null : vm.validateName(n)).ifPresent(vm::rename));
    }

    @FXML
    void onApplyEndpoint() {
        vm.setEndpoint(endpointField.getText());
    }

    @FXML
    public void onClearToken() {
        vm.selected().ifPresent(row -> {
            if (dialogs.confirm(bundle.getString("servers.clear.title"), MessageFormat.format(bundle.getString("servers.clear.header"), row.name()),
                    bundle.getString("servers.clear.content"), bundle.getString("servers.clear.confirm"))) {
                vm.clearToken();
            }
        });
    }

    @FXML
    public void onRemove() {
        vm.selected().ifPresent(row -> {
            if (dialogs.confirm(bundle.getString("servers.remove.title"), MessageFormat.format(bundle.getString("servers.remove.header"), row.name()),
                    bundle.getString("servers.remove.content"), bundle.getString("servers.remove.confirm"))) {
                vm.removeSelected();
            }
        });
    }

    private void markSimulated(boolean simulated) {
        for (javafx.scene.control.Tab tab : detail.getTabs()) {
            String base = (String) tab.getProperties().computeIfAbsent("baseText", k -> tab.getText());
            tab.setText(simulated && tab != detail.getTabs().get(0) ? MessageFormat.format(bundle.getString("tabs.simulated"), base) : base);
        }
    }

    /** What the last token import said (shown on the server page; the window shows it too while another tab is in front). */
    public javafx.beans.property.ReadOnlyStringProperty tokenMessageProperty() {
        return vm.tokenMessageProperty();
    }

    public javafx.beans.property.ReadOnlyBooleanProperty tokenMessageErrorProperty() {
        return vm.tokenMessageErrorProperty();
    }

    /** True while the selected server's own page (where token messages are shown inline) is in front. */
    public javafx.beans.binding.BooleanBinding serverPageShown() {
        return detail.visibleProperty().and(detail.getSelectionModel().selectedIndexProperty().isEqualTo(0));
    }

    /** The inventory of the selected server, for the menu's Devices actions (they show its tab first). */
    public org.depconsole.ui.devices.DevicesController devices() {
        showDevices();
        ServerTab<?> spec = tabs.stream().filter(t -> t.controllerType() == org.depconsole.ui.devices.DevicesController.class)
                .findFirst().orElseThrow();
        return (org.depconsole.ui.devices.DevicesController) lazyViews.get(spec.id()).controller();
    }

    /** Shows tab {@code index} (0 the server page, then the tabs of the list in order). */
    public void showTab(int index) {
        if (index >= 0 && index < detail.getTabs().size()) {
            detail.getSelectionModel().select(index);
        }
    }

    /**
     * Opens on the tab the admin had in front last time (by fx:id; the server page when it is unknown) and tells
     * {@code remember} of every change.
     */
    public void rememberTab(String lastTabId, java.util.function.Consumer<String> remember) {
        if (lastTabId != null) {
            showTab(lastTabId);
        }
        detail.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                remember.accept(now.getId());
            }
        });
    }

    /** Shows the tab with this fx:id. */
    public void showTab(String id) {
        detail.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().ifPresent(t -> detail.getSelectionModel().select(t));
    }

    /** Brings the Devices tab to the front (after linking, the admin wants to see the devices). */
    public void showDevices() {
        showTab("devicesTab");
    }

    @Override
    public boolean confirmIdentityChange(TokenImportPlan plan) {
        return dialogs.confirm(bundle.getString("servers.identity.title"), bundle.getString("servers.identity.header"),
                MessageFormat.format(bundle.getString("servers.identity.content"), plan.serverName(),
                        plan.current().map(t -> t.consumerKeyPrefix()).orElse(""), plan.token().consumerKeyPrefix()),
                bundle.getString("servers.identity.confirm"));
    }

    @Override
    public boolean confirmOlderToken(TokenImportPlan plan) {
        return TokenSetbacks.confirm(dialogs, bundle, vm.setbackSentence(plan));
    }

    @Override
    public void error(String message, Throwable details) {
        dialogs.showError(bundle.getString("dialog.errorTitle"), message, details instanceof org.depconsole.domain.ConsoleException ? null : details);
    }

    /** Name on top, token state below with a coloured dot. */
    private static final class ServerCell extends ListCell<ServerRow> {
        private final Label name = new Label();
        private final Label state = new Label();
        private final Region dot = new Region();
        private final VBox box;

        ServerCell() {
            name.getStyleClass().add("server-cell-name");
            state.getStyleClass().add("server-cell-state");
            dot.getStyleClass().add("state-dot");
            HBox line = new HBox(6, dot, state);
            line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            box = new VBox(2, name, line);
            box.getStyleClass().add("server-cell");
        }

        @Override
        protected void updateItem(ServerRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            name.setText(row.name() + (row.simulated() ? "  ·  SIM" : ""));
            state.setText(row.stateText());
            stateStyle(dot, row.state());
            stateStyle(state, row.state());
            setGraphic(box);
        }
    }
}
