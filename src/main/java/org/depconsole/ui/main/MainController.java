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
    @FXML private ServersController serversViewController;

    @FXML private javafx.scene.control.Menu viewMenu;
    @FXML private javafx.scene.control.MenuItem organizationMenuItem;
    @FXML private javafx.scene.control.TabPane sections;
    @FXML private javafx.scene.control.Tab serversSection;
    @FXML private javafx.scene.control.Tab organizationSection;
    @FXML private org.depconsole.ui.org.OrganizationController organizationViewController;
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
        sections.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now == organizationSection) {
                organizationViewController.refresh();
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
        organizationViewController.onAddAccount();
    }

    /** "Assign to another MDM server…" from a server's inventory: the Organization view's move window for these serials. */
    public void moveToServer(java.util.List<String> serials) {
        onShowOrganization();
        organizationViewController.move(org.depconsole.domain.org.OrgJob.Kind.ASSIGN, serials);
    }

    @FXML
    void onAddServer() {
        serversViewController.onAdd();
    }

    @FXML
    void onImportToken() {
        serversViewController.onChooseToken();
    }

    @FXML
    void onImportKeyPair() {
        serversViewController.onImportKeyPair();
    }

    @FXML
    void onSaveCertificate() {
        serversViewController.onSaveCertificate();
    }

    @FXML
    void onRename() {
        serversViewController.onRename();
    }

    @FXML
    void onClearToken() {
        serversViewController.onClearToken();
    }

    @FXML
    void onRemove() {
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

    @FXML
    void onAbout() {
        dialogs.showInfo(bundle.getString("about.title"), java.text.MessageFormat.format(bundle.getString("about.text"), AppVersion.get()));
    }
}
