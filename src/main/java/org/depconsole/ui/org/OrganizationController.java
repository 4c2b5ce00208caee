package org.depconsole.ui.org;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.domain.org.OrgCrossCheck;
import org.depconsole.domain.org.OrgInventoryDevice;
import org.depconsole.domain.org.OrgJob;
import org.depconsole.domain.org.OrgJobDevice;
import org.depconsole.domain.org.OrgServerRow;
import org.depconsole.ui.DialogService;
import org.depconsole.ui.Nodes;

/** Code-behind of OrganizationView.fxml: binds the view model to the tables, filters and buttons; handlers are one call each. */
public final class OrganizationController {

    private final OrganizationViewModel vm;
    private final DialogService dialogs;
    private final ResourceBundle bundle;
    private final OrgWindows windows;

    @FXML private BorderPane orgContent;
    @FXML private VBox noAccountPane;
    @FXML private ComboBox<OrgAccount> accountChoice;
    @FXML private Button orgSyncButton;
    @FXML private Button orgCancelSyncButton;
    @FXML private ProgressBar syncBar;
    @FXML private Label syncLabel;
    @FXML private Label lastSyncLabel;
    @FXML private Label orgMessage;
    @FXML private javafx.scene.control.ListView<OrgServerRow> orgServerList;
    @FXML private Button demoAccountButton;
    @FXML private VBox checksBox;
    @FXML private TabPane orgTabs;
    @FXML private Tab orgJobsTab;
    @FXML private TextField orgSearch;
    @FXML private ComboBox<OrgServerRow> serverFilter;
    @FXML private ComboBox<OrgInventoryDevice.Placement> statusFilter;
    @FXML private ComboBox<String> orgFamilyFilter;
    @FXML private ComboBox<String> sourceFilter;
    @FXML private TextField orderFilter;
    @FXML private TableView<OrgDeviceItem> orgDeviceTable;
    @FXML private Label orgCountLabel;
    @FXML private Button assignButton;
    @FXML private Button unassignButton;
    @FXML private Button coverageButton;
    @FXML private TableView<OrganizationViewModel.JobItem> jobsTable;
    @FXML private Label jobTitle;
    @FXML private Label jobStep;
    @FXML private Button saveResultsButton;
    @FXML private TableView<OrgJobDevice> jobDeviceTable;

    public OrganizationController(OrganizationViewModel vm, DialogService dialogs, ResourceBundle bundle, OrgWindows windows) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.bundle = bundle;
        this.windows = windows;
    }

    @FXML
    private void initialize() {
        Nodes.showWhen(noAccountPane, vm.noAccount().and(vm.loadingProperty().not()));
        orgContent.visibleProperty().bind(noAccountPane.visibleProperty().not());

        accountChoice.setItems(vm.accounts());
        accountChoice.setConverter(converter(OrgAccount::name));
        accountChoice.valueProperty().bindBidirectional(vm.accountProperty());
        orgSyncButton.disableProperty().bind(vm.syncingProperty().or(vm.noAccount()));
        Nodes.showWhen(orgCancelSyncButton, vm.syncingProperty());
        Nodes.showWhen(syncBar, vm.syncingProperty());
        syncBar.progressProperty().bind(vm.syncProgressProperty());
        syncLabel.textProperty().bind(vm.syncTextProperty());
        lastSyncLabel.textProperty().bind(vm.lastSyncTextProperty());
        orgMessage.textProperty().bind(vm.messageProperty());
        vm.messageErrorProperty().addListener((o, was, err) -> {
            orgMessage.getStyleClass().removeAll("message-error", "message-ok");
            orgMessage.getStyleClass().add(err ? "message-error" : "message-ok");
        });
        orgMessage.getStyleClass().add("message-ok");

        serverTables();
        filters();
        deviceTable();
        jobTables();
        vm.checks().addListener((javafx.collections.ListChangeListener<OrganizationViewModel.Check>) c -> showChecks());
        vm.checkFilterProperty().addListener((o, was, now) -> showChecks());
        vm.refreshAccounts();
    }

    private void serverTables() {
        orgServerList.setItems(vm.servers());
        orgServerList.setCellFactory(list -> new ServerCell());
        Label none = new Label();
        none.setWrapText(true);
        none.getStyleClass().add("text-muted");
        none.textProperty().bind(javafx.beans.binding.Bindings.when(vm.loadingProperty()).then(bundle.getString("orgview.servers.loading"))
                .otherwise(bundle.getString("orgview.servers.none")));
        orgServerList.setPlaceholder(none);
        orgServerList.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            if (row != null) {
                vm.serverFilterProperty().set(row);
            }
        });
        vm.serverFilterProperty().addListener((o, was, now) -> {
            if (now == null) {
                orgServerList.getSelectionModel().clearSelection();
            } else if (orgServerList.getSelectionModel().getSelectedItem() != now) {
                orgServerList.getSelectionModel().select(now);
            }
        });
        Nodes.show(demoAccountButton, vm.demoAvailable());
    }

    /** A server of the organization: name and device count, then its type and the console server it is linked to. */
    private final class ServerCell extends javafx.scene.control.ListCell<OrgServerRow> {
        @Override
        protected void updateItem(OrgServerRow r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                setText(null);
                setTooltip(null);
                return;
            }
            Label name = new Label(r.server().name());
            name.getStyleClass().add("org-server-name");
            String console = r.consoleServerName() == null ? bundle.getString("orgview.servers.noToken")
                    : MessageFormat.format(bundle.getString("orgview.servers.linked"), r.consoleServerName());
            Label count = new Label(MessageFormat.format(bundle.getString("orgview.servers.detail"), MessageFormat.format(
                    bundle.getString("orgview.servers.count"), r.storedDevices(), vm.formats().count(r.storedDevices())),
                    r.server().type() == null ? "–" : r.server().type()));
            count.getStyleClass().addAll("text-muted", "small");
            Label link = new Label(console);
            link.getStyleClass().addAll("small", r.consoleServerName() == null ? "org-server-unlinked" : "org-server-linked");
            VBox box = new VBox(1, name, count, link);
            for (Label l : List.of(name, count, link)) {
                l.setWrapText(true);
                l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
            box.setMinWidth(0);
            box.setPrefWidth(0);
            setText(null);
            setGraphic(box);
            setTooltip(new Tooltip(MessageFormat.format(bundle.getString("orgview.servers.tooltip"), r.server().name(), r.server().id(),
                    r.server().type() == null ? "–" : r.server().type(), console)));
        }
    }

    private void filters() {
        orgSearch.textProperty().bindBidirectional(vm.searchProperty());
        orderFilter.textProperty().bindBidirectional(vm.orderFilterProperty());
        serverFilter.setItems(vm.servers());
        serverFilter.setConverter(converter(r -> r.server().name()));
        serverFilter.valueProperty().bindBidirectional(vm.serverFilterProperty());
        statusFilter.getItems().setAll(OrgInventoryDevice.Placement.values());
        statusFilter.setConverter(converter(p -> bundle.getString(switch (p) {
            case ASSIGNED -> "orgview.filter.assigned";
            case UNASSIGNED -> "orgview.devices.unassigned";
            case RELEASED -> "orgview.devices.released";
        })));
        statusFilter.valueProperty().bindBidirectional(vm.placementFilterProperty());
        orgFamilyFilter.setItems(vm.families());
        orgFamilyFilter.valueProperty().bindBidirectional(vm.familyFilterProperty());
        sourceFilter.setItems(vm.sources());
        sourceFilter.valueProperty().bindBidirectional(vm.sourceFilterProperty());
    }

    private void deviceTable() {
        orgDeviceTable.setItems(vm.devices());
        orgDeviceTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        TableColumn<OrgDeviceItem, String> added = column("orgview.devices.col.added", 110, OrgDeviceItem::added);
        added.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                OrgDeviceItem item = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : text);
                setTooltip(item == null || item.addedExact().isEmpty() ? null : new Tooltip(item.addedExact()));
            }
        });
        orgDeviceTable.getColumns().setAll(List.of(
                column("orgview.devices.col.serial", 140, OrgDeviceItem::serial),
                column("orgview.devices.col.server", 175, OrgDeviceItem::server),
                column("orgview.devices.col.model", 190, i -> nz(i.device().deviceModel())),
                column("orgview.devices.col.family", 85, i -> nz(i.device().productFamily())),
                column("orgview.devices.col.order", 100, i -> nz(i.device().orderNumber())),
                column("orgview.devices.col.part", 120, i -> nz(i.device().partNumber())),
                column("orgview.devices.col.source", 150, i -> nz(i.device().purchaseSourceType())),
                added,
                column("orgview.devices.col.capacity", 85, i -> nz(i.device().deviceCapacity())),
                column("orgview.devices.col.color", 95, i -> nz(i.device().color())),
                column("orgview.devices.col.console", 175, i -> nz(i.row().consoleServerName())),
                column("orgview.devices.col.depProfile", 120, OrgDeviceItem::depProfile)));
        orgCountLabel.textProperty().bind(vm.countTextProperty());
        vm.emptyProperty().addListener((o, was, now) -> orgDeviceTable.setPlaceholder(placeholder(now)));
        orgDeviceTable.setPlaceholder(placeholder(vm.emptyProperty().get()));
        var none = javafx.beans.binding.Bindings.isEmpty(orgDeviceTable.getSelectionModel().getSelectedItems());
        assignButton.disableProperty().bind(none);
        unassignButton.disableProperty().bind(none);
        coverageButton.disableProperty().bind(none.or(vm.coverageBusyProperty()));
        MenuItem assign = new MenuItem(bundle.getString("orgview.move.assignButton"));
        assign.setOnAction(e -> onAssign());
        MenuItem unassign = new MenuItem(bundle.getString("orgview.move.unassignButton"));
        unassign.setOnAction(e -> onUnassign());
        MenuItem coverage = new MenuItem(bundle.getString("orgview.coverage.button"));
        coverage.setOnAction(e -> onCoverage());
        orgDeviceTable.setContextMenu(new ContextMenu(assign, unassign, coverage));
    }

    private Node placeholder(OrganizationViewModel.Empty state) {
        if (state == OrganizationViewModel.Empty.LOADING) {
            ProgressIndicator spin = new ProgressIndicator();
            spin.setPrefSize(28, 28);
            VBox box = new VBox(8, spin, new Label(bundle.getString("orgview.devices.loading")));
            box.setAlignment(javafx.geometry.Pos.CENTER);
            box.getStyleClass().add("org-loading");
            return box;
        }
        return new Label(bundle.getString(switch (state) {
            case NOT_SYNCED -> "orgview.devices.notSynced";
            case NO_MATCH -> "orgview.devices.noMatch";
            case NO_ACCOUNT -> "orgview.empty.title";
            default -> "orgview.devices.noMatch";
        }));
    }

    private void showChecks() {
        List<Node> links = new java.util.ArrayList<>();
        for (OrganizationViewModel.Check c : vm.checks()) {
            Hyperlink link = new Hyperlink(c.label());
            link.setId("check-" + c.kind().name());
            link.setWrapText(true);
            link.setDisable(c.count() == 0);
            if (c.kind() == vm.checkFilterProperty().get()) {
                link.getStyleClass().add("check-active");
            }
            link.setOnAction(e -> vm.showCheck(c.kind() == vm.checkFilterProperty().get() ? null : c.kind()));
            links.add(link);
        }
        checksBox.getChildren().setAll(links);
    }

    private void jobTables() {
        jobsTable.setItems(vm.jobs());
        TableColumn<OrganizationViewModel.JobItem, String> created = column("orgview.jobs.col.created", 180,
                OrganizationViewModel.JobItem::created);
        jobsTable.getColumns().setAll(List.of(
                column("orgview.jobs.col.id", 45, j -> "#" + j.id()),
                column("orgview.jobs.col.kind", 300, OrganizationViewModel.JobItem::kindText),
                column("orgview.jobs.col.state", 125, OrganizationViewModel.JobItem::stateText),
                column("orgview.jobs.col.devices", 150, OrganizationViewModel.JobItem::countsText),
                created));
        jobsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        jobsTable.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(OrganizationViewModel.JobItem j, boolean empty) {
                super.updateItem(j, empty);
                setTooltip(empty || j == null || j.step().isEmpty() ? null : new Tooltip(j.step()));
            }
        });
        jobsTable.setPlaceholder(new Label(bundle.getString("orgview.jobs.none")));
        jobsTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && (vm.selectedJobProperty().get() == null || vm.selectedJobProperty().get().id() != now.id())) {
                vm.selectJob(now);
            }
        });
        vm.selectedJobProperty().addListener((o, was, now) -> {
            jobTitle.setText(now == null ? bundle.getString("orgview.jobs.pick")
                    : MessageFormat.format(bundle.getString("orgview.jobs.title"), now.id(), now.kindText(), now.stateText()));
            jobStep.setText(now == null ? "" : now.step());
            if (now != null && jobsTable.getSelectionModel().getSelectedItem() != null
                    && jobsTable.getSelectionModel().getSelectedItem().id() != now.id()) {
                jobsTable.getItems().stream().filter(j -> j.id() == now.id()).findFirst().ifPresent(j -> jobsTable.getSelectionModel().select(j));
            }
        });
        Nodes.showWhen(jobStep, jobStep.textProperty().isNotEmpty());
        jobTitle.setText(bundle.getString("orgview.jobs.pick"));
        // jobs a command drives in another process: their progress is read from the store every few seconds
        org.depconsole.ui.Ticker.whileShowing(jobsTable, javafx.util.Duration.seconds(3), () -> {
            if (orgJobsTab.isSelected() && vm.watchesOtherJobs()) {
                vm.refreshJobs();
            }
        });
        jobDeviceTable.setItems(vm.jobDevices());
        jobDeviceTable.getColumns().setAll(List.of(
                column("orgview.jobs.dev.serial", 135, OrgJobDevice::serial),
                column("orgview.jobs.dev.from", 190, d -> d.fromServerId() == null ? bundle.getString("orgview.devices.unassigned")
                        : serverName(d.fromServerId())),
                column("orgview.jobs.dev.state", 165, d -> vm.formats().text(OrganizationViewModel.deviceStateName(d.state()))),
                column("orgview.jobs.dev.reason", 300, d -> d.reason() == null ? "" : d.reason())));
        jobDeviceTable.setPlaceholder(new Label(""));
        jobDeviceTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
    }

    private String serverName(String id) {
        return vm.servers().stream().filter(s -> s.server().id().equals(id)).map(s -> s.server().name()).findFirst().orElse(id);
    }

    private <T> TableColumn<T, String> column(String key, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(bundle.getString(key));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 120));
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }

    private <T> TableColumn<T, Number> numberColumn(String key, double width, java.util.function.ToIntFunction<T> value) {
        TableColumn<T, Number> c = new TableColumn<>(bundle.getString(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.applyAsInt(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : vm.formats().count(n.longValue()));
            }
        });
        c.getStyleClass().add("number-column");
        return c;
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private List<String> selectedSerials() {
        return orgDeviceTable.getSelectionModel().getSelectedItems().stream().map(OrgDeviceItem::serial).toList();
    }

    /** Reads the accounts and the stored organization again (the section was brought to the front; a command may have changed them). */
    public void refresh() {
        vm.refreshAccounts();
    }

    // ------------------------------------------------------------------ handlers

    @FXML
    void onSync() {
        vm.syncNow(false);
    }

    @FXML
    void onFullSync() {
        vm.syncNow(true);
    }

    @FXML
    void onCancelSync() {
        vm.cancelSync();
    }

    @FXML
    public void onAddAccount() {
        windows.linkAccount(a -> vm.refreshAccounts(a.id()));
    }

    @FXML
    void onRemoveAccount() {
        OrgAccount a = vm.accountProperty().get();
        if (a != null && dialogs.confirm(bundle.getString("orgview.account.removeTitle"),
                MessageFormat.format(bundle.getString("orgview.account.removeHeader"), a.name()),
                bundle.getString("orgview.account.removeContent"), bundle.getString("orgview.account.removeConfirm"))) {
            vm.removeAccount();
        }
    }

    @FXML
    void onClearFilters() {
        vm.clearFilters();
    }

    @FXML
    void onAssign() {
        move(OrgJob.Kind.ASSIGN, selectedSerials());
    }

    @FXML
    void onUnassign() {
        move(OrgJob.Kind.UNASSIGN, selectedSerials());
    }

    @FXML
    void onMovePasted() {
        move(OrgJob.Kind.ASSIGN, List.of());
    }

    /** Opens the move window for these serials of the selected account (from this view or a server's inventory). */
    public void move(OrgJob.Kind kind, List<String> serials) {
        vm.withAccount(a -> windows.move(a.id(), kind, serials, job -> {
            vm.runJob(job);
            vm.showNewJob(job);
            orgTabs.getSelectionModel().select(orgJobsTab);
        }), this::onAddAccount);
    }

    @FXML
    void onUnassignPasted() {
        move(OrgJob.Kind.UNASSIGN, List.of());
    }

    @FXML
    void onDemoAccount() {
        vm.linkDemoAccount();
    }

    @FXML
    void onCoverage() {
        vm.coverage(selectedSerials(), found -> dialogs.showInfo(bundle.getString("orgview.coverage.title"), vm.coverageText(found)));
    }

    @FXML
    void onExport() {
        dialogs.chooseSaveFile(bundle.getString("orgview.export.title"), "organization-devices.csv", bundle.getString("orgview.export.files"),
                "*.csv").ifPresent(vm::exportCsv);
    }

    @FXML
    void onSaveResults() {
        var job = vm.selectedJobProperty().get();
        if (job != null) {
            dialogs.chooseSaveFile(bundle.getString("orgview.jobs.saveTitle"), "move-job-" + job.id() + "-results.csv",
                    bundle.getString("orgview.export.files"), "*.csv").ifPresent(vm::saveJobResults);
        }
    }
}
