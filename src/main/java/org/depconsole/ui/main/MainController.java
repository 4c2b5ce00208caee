package org.depconsole.ui.main;

import java.util.ResourceBundle;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.depconsole.domain.AppVersion;
import org.depconsole.domain.TokenState;
import org.depconsole.ui.DialogService;
import org.depconsole.ui.Nodes;
import org.depconsole.ui.ServerTab;
import org.depconsole.ui.servers.ServersController;

/** Code-behind of MainView.fxml: the menu, the expiry banner and the status bar. */
public final class MainController {

    private final MainViewModel vm;
    private final DialogService dialogs;
    private final ResourceBundle bundle;

    @FXML private HBox banner;
    @FXML private Label bannerText;
    @FXML private Label statusText;
    @FXML private Label dataDirText;
    @FXML private HBox messageBar;
    @FXML private Label messageBarText;
    @FXML private ServersController serversViewController;

    @FXML private javafx.scene.control.Menu viewMenu;
    @FXML private javafx.scene.control.MenuItem organizationMenuItem;
    @FXML private javafx.scene.control.TabPane sections;
    @FXML private javafx.scene.control.Tab serversSection;
    @FXML private javafx.scene.control.Tab organizationSection;
    private org.depconsole.ui.LazyView<org.depconsole.ui.org.OrganizationController> organization;
    @FXML private javafx.scene.control.MenuBar menuBar;
    private java.util.function.Consumer<String> folderOpener = folder -> { };
    private final java.util.List<ServerTab<?>> tabs;

    /** @param tabs the server page's tabs after its first page; each gets a View-menu item with shortcut 2, 3, … */
    public MainController(MainViewModel vm, DialogService dialogs, ResourceBundle bundle, java.util.List<ServerTab<?>> tabs) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.bundle = bundle;
        this.tabs = java.util.List.copyOf(tabs);
    }

    @FXML
    private void initialize() {
        for (int i = 0; i < tabs.size(); i++) {
            ServerTab<?> tab = tabs.get(i);
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(bundle.getString(tab.menuKey()));
            if (i + 2 <= 9) {
                item.setAccelerator(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.valueOf("DIGIT" + (i + 2)),
                        javafx.scene.input.KeyCombination.SHORTCUT_DOWN));
            }
            item.setOnAction(e -> {
                showServers();
                serversViewController.showTab(tab.id());
            });
            viewMenu.getItems().add(item);
        }
        // the organization's view is built when it is first shown
        organization.fill(organizationSection);
        sections.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now == organizationSection) {
                organization.controller().refresh();
            }
        });
        // the organization comes after the server page's tabs in the View menu
        viewMenu.getItems().remove(organizationMenuItem);
        viewMenu.getItems().add(organizationMenuItem);
        bannerText.textProperty().bind(vm.bannerProperty());
        Nodes.showWhen(banner, vm.bannerProperty().isNotEmpty());
        vm.bannerLevelProperty().addListener((o, old, level) -> {
            banner.getStyleClass().removeAll("banner-warning", "banner-danger");
            banner.getStyleClass().add(level == TokenState.EXPIRING ? "banner-warning" : "banner-danger");
        });
        statusText.textProperty().bind(vm.statusProperty());
        // a token import's outcome is said on the server page; with another tab in front the window says it
        Nodes.show(messageBar, false);
        var pageShown = serversViewController.serverPageShown();
        serversViewController.tokenMessageProperty().addListener((o, was, text) -> windowMessage(text,
                serversViewController.tokenMessageErrorProperty().get(), pageShown.get()));
        serversViewController.tokenMessageErrorProperty().addListener((o, was, error) -> windowMessage(
                serversViewController.tokenMessageProperty().get(), error, pageShown.get()));
        pageShown.addListener((o, was, shown) -> {
            if (shown) {
                Nodes.show(messageBar, false);
            }
        });
        // background work of the window (an unlock takes a moment) shows as the wait cursor
        vm.busyProperty().addListener((o, was, busy) -> {
            if (statusText.getScene() != null) {
                statusText.getScene().setCursor(busy ? javafx.scene.Cursor.WAIT : null);
            }
        });
        dataDirText.setText(java.text.MessageFormat.format(bundle.getString("status.dataDir"), vm.dataDir()));
        vm.refresh();
        if (vm.needsPassphrase()) {
            Platform.runLater(this::askPassphrase);
        }
    }

    private void windowMessage(String text, boolean error, boolean pageShown) {
        if (pageShown || text == null || text.isEmpty()) {
            return;
        }
        messageBarText.setText(text);
        messageBar.getStyleClass().removeAll("banner-danger", "banner-ok");
        messageBar.getStyleClass().add(error ? "banner-danger" : "banner-ok");
        Nodes.show(messageBar, true);
    }

    @FXML
    void onShowServerPage() {
        Nodes.show(messageBar, false);
        showServers();
        serversViewController.showTab(0);
    }

    @FXML
    void onCloseMessage() {
        Nodes.show(messageBar, false);
    }

    /** Asked once per run; skipping keeps the inventory usable offline, and secrets locked. */
    void askPassphrase() {
        askPassphrase(bundle.getString("passphrase.header"));
    }

    /** Asks again, with the problem as the header, until the passphrase fits or the admin skips. */
    private void askPassphrase(String header) {
        if (!vm.needsPassphrase()) {
            return;
        }
        var answer = dialogs.askSecret(bundle.getString("passphrase.title"), header, bundle.getString("passphrase.label"));
        if (answer.isEmpty()) {
            return;
        }
        vm.unlock(answer.get(), problem -> {
            if (problem != null) {
                askPassphrase(problem);
            }
        });
    }

    private WindowActions actions;

    public void setActions(WindowActions actions) {
        this.actions = actions;
    }

    @FXML
    void onSettings() {
        actions.openSettings();
    }

    @FXML
    void onBackup() {
        actions.backup();
    }

    @FXML
    void onRestore() {
        actions.restore();
    }

    @FXML
    void onRemoveSimulated() {
        actions.removeSimulated();
    }

    @FXML
    void onFind() {
        devices().focusSearch();
    }

    @FXML
    void onSyncNow() {
        devices().onSyncNow();
    }

    @FXML
    void onFullSync() {
        devices().onFullSync();
    }

    @FXML
    void onExportDevices() {
        devices().onExportCsv();
    }

    @FXML
    void onAddTag() {
        devices().onAddTag();
    }

    @FXML
    void onRemoveTag() {
        devices().onRemoveTag();
    }

    @FXML
    void onAssignProfile() {
        devices().onAssignProfile();
    }

    @FXML
    void onRemoveProfile() {
        devices().onRemoveProfile();
    }

    @FXML
    void onAssignPasted() {
        devices().onAssignPasted();
    }

    @FXML
    void onShowServer() {
        showServers();
        serversViewController.showTab(0);
    }

    private org.depconsole.ui.devices.DevicesController devices() {
        showServers();
        return serversViewController.devices();
    }

    private void showServers() {
        sections.getSelectionModel().select(serversSection);
    }

    @FXML
    void onShowOrganization() {
        sections.getSelectionModel().select(organizationSection);
    }

    @FXML
    void onAddOrgAccount() {
        onShowOrganization();
        organization.controller().onAddAccount();
    }

    /** "Assign to another MDM server…" from a server's inventory: the Organization view's move window for these serials. */
    public void moveToServer(java.util.List<String> serials) {
        onShowOrganization();
        organization.controller().move(org.depconsole.domain.org.OrgJob.Kind.ASSIGN, serials);
    }

    @FXML
    void onAddServer() {
        showServers();
        serversViewController.onAdd();
    }

    @FXML
    void onImportToken() {
        showServers();
        serversViewController.onChooseToken();
    }

    @FXML
    void onImportKeyPair() {
        showServers();
        serversViewController.onImportKeyPair();
    }

    @FXML
    void onSaveCertificate() {
        showServers();
        serversViewController.onSaveCertificate();
    }

    @FXML
    void onRename() {
        showServers();
        serversViewController.onRename();
    }

    @FXML
    void onClearToken() {
        showServers();
        serversViewController.onClearToken();
    }

    @FXML
    void onRemove() {
        showServers();
        serversViewController.onRemove();
    }

    @FXML
    void onUnlock() {
        if (vm.needsPassphrase()) {
            askPassphrase();
        } else {
            dialogs.showInfo(bundle.getString("passphrase.title"), bundle.getString("passphrase.notLocked"));
        }
    }

    @FXML
    void onQuit() {
        Platform.exit();
    }

    /** The Organization section's view, built when first shown; set before the window's FXML is loaded. */
    public void setOrganization(org.depconsole.ui.LazyView<org.depconsole.ui.org.OrganizationController> view) {
        this.organization = view;
    }

    /** How a folder is shown in the file manager (the composition root gives the application's host services). */
    public void setFolderOpener(java.util.function.Consumer<String> opener) {
        this.folderOpener = opener;
    }

    /** Help: the keyboard shortcuts (read from the menu itself), where the data lives with the log folder, renewing a token. */
    @FXML
    void onHelp() {
        javafx.scene.Parent view;
        javafx.fxml.FXMLLoader loader = new javafx.fxml.FXMLLoader(MainController.class.getResource("HelpView.fxml"), bundle);
        try {
            view = loader.load();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var ns = loader.getNamespace();
        javafx.scene.layout.GridPane grid = (javafx.scene.layout.GridPane) ns.get("shortcutGrid");
        int row = 0;
        for (javafx.scene.control.Menu menu : menuBar.getMenus()) {
            for (javafx.scene.control.MenuItem item : menu.getItems()) {
                if (item.getAccelerator() != null && item.getText() != null) {
                    Label keys = new Label(item.getAccelerator().getDisplayText());
                    keys.getStyleClass().addAll("monospace", "shortcut-keys");
                    Label what = new Label(menu.getText().replace("_", "") + " → " + item.getText());
                    what.setWrapText(true);
                    grid.addRow(row++, keys, what);
                }
            }
        }
        ((Label) ns.get("dataText")).setText(bundle.getString("help.data.text"));
        ((Label) ns.get("dataFolder")).setText(vm.dataDir());
        ((javafx.scene.control.Hyperlink) ns.get("openDataLink")).setOnAction(e -> folderOpener.accept(vm.dataDir()));
        ((javafx.scene.control.Hyperlink) ns.get("openLogsLink")).setOnAction(e ->
                folderOpener.accept(java.nio.file.Path.of(vm.dataDir(), "logs").toString()));
        ((Label) ns.get("versionLabel")).setText(java.text.MessageFormat.format(bundle.getString("about.text"), AppVersion.get())
                .lines().findFirst().orElse(""));
        javafx.stage.Stage window = new javafx.stage.Stage();
        javafx.stage.Window owner = menuBar.getScene().getWindow();
        window.initOwner(owner);
        window.setTitle(bundle.getString("help.title"));
        javafx.scene.Scene scene = new javafx.scene.Scene(view);
        scene.getStylesheets().addAll(menuBar.getScene().getStylesheets());
        window.setScene(scene);
        javafx.scene.control.Button close = (javafx.scene.control.Button) ns.get("closeHelpButton");
        close.setOnAction(e -> window.hide());
        window.show();
        // it opens at the top (the first link would otherwise take the focus and scroll the page to itself)
        close.requestFocus();
        javafx.application.Platform.runLater(() -> {
            if (view.lookup(".scroll-pane") instanceof javafx.scene.control.ScrollPane pane) {
                pane.setVvalue(0);
            }
        });
    }

    @FXML
    void onAbout() {
        dialogs.showInfo(bundle.getString("about.title"), java.text.MessageFormat.format(bundle.getString("about.text"), AppVersion.get()));
    }
}
