package org.depconsole.ui.devices;

import java.text.MessageFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.depconsole.domain.apple.ProfileStatus;
import org.depconsole.domain.inventory.DeviceChange;
import org.depconsole.domain.inventory.DeviceColumn;
import org.depconsole.ui.DialogService;
import org.depconsole.ui.Nodes;
import org.depconsole.ui.UiSettings;
import org.depconsole.ui.UiSettingsStore;

/** Code-behind of DevicesView.fxml: builds the columns from {@link DeviceColumn}, binds filters, counts and sync state. */
public final class DevicesController {

    static final String TABLE_ID = "devices";
    private static final ProfileStatus[] SHOWN = {ProfileStatus.EMPTY, ProfileStatus.ASSIGNED, ProfileStatus.PUSHED,
            ProfileStatus.REMOVED, ProfileStatus.UNKNOWN};

    private final DevicesViewModel vm;
    private final DialogService dialogs;
    private final ResourceBundle bundle;
    private final UiSettingsStore settings;
    private final Map<ProfileStatus, ToggleButton> statusButtons = new EnumMap<>(ProfileStatus.class);
    private final Map<ProfileStatus, Region> barParts = new EnumMap<>(ProfileStatus.class);

    @FXML private TextField searchField;
    @FXML private VBox root;
    @FXML private HBox toolbar;
    @FXML private HBox statusBox;
    @FXML private ToggleButton allButton;
    @FXML private HBox distributionBar;
    @FXML private ComboBox<String> familyFilter;
    @FXML private ComboBox<String> osFilter;
    @FXML private ComboBox<String> profileFilter;
    @FXML private ComboBox<String> tagFilter;
    @FXML private DatePicker assignedFrom;
    @FXML private DatePicker assignedTo;
    @FXML private CheckBox goneCheck;
    @FXML private TableView<DeviceRow> table;
    @FXML private Label detailTitle;
    @FXML private GridPane detailGrid;
    @FXML private ListView<DeviceChange> historyList;
    @FXML private Label messageLabel;
    @FXML private Label lastSyncedLabel;
    @FXML private Label syncStepLabel;
    @FXML private Label syncErrorLabel;
    @FXML private Label syncNoticeLabel;
    @FXML private ProgressBar syncProgress;
    @FXML private HBox syncRow;
    @FXML private Button syncButton;
    @FXML private Button fullSyncButton;
    @FXML private Button cancelSyncButton;
    @FXML private Label rowCountLabel;
    @FXML private VBox loadingPane;
    @FXML private Label emptyLabel;
    @FXML private Label loadingLabel;
    @FXML private HBox busyBox;
    @FXML private Label busyLabel;
    /**
     * How long the search waits after a keystroke before it filters: the letter is echoed first (a keystroke costs the
     * FX thread under 10 ms), and the rows follow typing within ~100 ms (issue 10). Typists press keys 100 ms or more
     * apart, so each letter filters once; a held key or a paste filters once at the end. A letter typed while the
     * previous one's filter runs stops that filter (DevicesViewModel.View), so the pause need not cover a filter's time.
     */
    public static final int SEARCH_PAUSE_MILLIS = 25;

    private final PauseTransition searchPause = new PauseTransition(Duration.millis(SEARCH_PAUSE_MILLIS));

    public DevicesController(DevicesViewModel vm, DialogService dialogs, ResourceBundle bundle, UiSettingsStore settings) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.bundle = bundle;
        this.settings = settings;
    }

    @FXML
    private void initialize() {
        buildColumns();
        table.setItems(vm.rows());
        // the view model sorts by precomputed ranks; the table's own comparator fetched two cells per comparison
        table.setSortPolicy(t -> {
            vm.sortBy(t.getSortOrder().stream()
                    .map(col -> new DevicesViewModel.SortKey((DeviceColumn) col.getUserData(), col.getSortType() == TableColumn.SortType.ASCENDING))
                    .toList());
            return true;
        });
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (!vm.replacingProperty().get()) {
                vm.selectedProperty().set(now);
            }
        });
        keepSelectionAcrossViews();
        vm.selectedProperty().addListener((o, old, now) -> showDetails(now));
        table.setTableMenuButtonVisible(true);

        buildStatusFilters();
        // the letter shows at once; the rows are filtered once typing pauses
        searchPause.setOnFinished(e -> applySearch());
        searchField.textProperty().addListener((o, old, now) -> searchPause.playFromStart());
        bindCombo(familyFilter, vm.families(), v -> vm.filterProperty().set(vm.filterProperty().get().withFamily(v)), null);
        bindCombo(osFilter, vm.oses(), v -> vm.filterProperty().set(vm.filterProperty().get().withOs(v)), null);
        bindCombo(tagFilter, vm.tags(), v -> vm.filterProperty().set(vm.filterProperty().get().withTag(v)), null);
        bindCombo(profileFilter, vm.profiles(), v -> vm.filterProperty().set(vm.filterProperty().get().withProfile(v)), vm::profileLabel);
        assignedFrom.valueProperty().addListener((o, a, b) -> applyDates());
        assignedTo.valueProperty().addListener((o, a, b) -> applyDates());
        goneCheck.selectedProperty().addListener((o, a, b) -> vm.filterProperty().set(vm.filterProperty().get().withIncludeGone(b)));
        goneCheck.textProperty().bind(format("devices.filter.gone", vm.goneCountProperty()));

        historyList.setItems(vm.history());
        historyList.setCellFactory(l -> {
            ListCell<DeviceChange> cell = new ListCell<>() {
                @Override
                protected void updateItem(DeviceChange c, boolean empty) {
                    super.updateItem(c, empty);
                    setText(empty || c == null ? null : describe(c));
                }
            };
            // long entries wrap inside the narrow detail pane instead of scrolling sideways
            cell.setWrapText(true);
            cell.prefWidthProperty().bind(l.widthProperty().subtract(18));
            return cell;
        });
        messageLabel.textProperty().bind(vm.messageProperty());
        // while rows load the table says so; "no devices" only once the store has answered
        // and while the first sync fetches a server's devices it says that, with the sync's progress in the toolbar
        Nodes.showWhen(loadingPane, vm.waitingProperty());
        Nodes.showWhen(emptyLabel, vm.waitingProperty().not());
        loadingLabel.textProperty().bind(vm.waitingTextProperty());
        emptyLabel.textProperty().bind(vm.emptyTextProperty());
        Nodes.showWhen(busyBox, vm.loadingProperty().or(vm.sortingProperty()));
        Nodes.showWhen(rowCountLabel, vm.countsKnownProperty());
        busyLabel.textProperty().bind(javafx.beans.binding.Bindings.when(vm.sortingProperty())
                .then(bundle.getString("devices.sorting")).otherwise(bundle.getString("devices.loading")));
        lastSyncedLabel.textProperty().bind(vm.lastSyncedProperty());
        keepToolbarButtonsInView();
        syncStepLabel.textProperty().bind(vm.syncStepProperty());
        syncErrorLabel.textProperty().bind(vm.syncErrorProperty());
        Nodes.showWhen(syncErrorLabel, vm.syncErrorProperty().isNotEmpty());
        syncNoticeLabel.textProperty().bind(vm.syncNoticeProperty());
        Nodes.showWhen(syncNoticeLabel, vm.syncNoticeProperty().isNotEmpty());
        Nodes.showWhen(syncProgress, vm.syncRunningProperty());
        Nodes.showWhen(syncRow, vm.syncRunningProperty().or(vm.syncErrorProperty().isNotEmpty()));
        syncProgress.progressProperty().bind(vm.syncProgressProperty());
        Nodes.showWhen(cancelSyncButton, vm.syncRunningProperty());
        syncButton.disableProperty().bind(vm.syncRunningProperty());
        fullSyncButton.disableProperty().bind(vm.syncRunningProperty());
        vm.rows().addListener((ListChangeListener<DeviceRow>) c -> updateRowCount());
        vm.totalProperty().addListener((o, a, b) -> updateRowCount());

        // only while the window is open: a ticker that never stops keeps a closed window alive
        org.depconsole.ui.Ticker.whileShowing(table, Duration.seconds(30), vm::tick);
    }

    private void applySearch() {
        searchPause.stop();
        String text = searchField.getText();
        if (!text.equals(vm.filterProperty().get().search())) {
            vm.filterProperty().set(vm.filterProperty().get().withSearch(text));
        }
    }

    public void focusSearch() {
        searchField.requestFocus();
        searchField.selectAll();
    }

    private void buildColumns() {
        UiSettings.TableLayout layout = settings.settings().tables().get(TABLE_ID);
        List<TableColumn<DeviceRow, String>> columns = new ArrayList<>();
        for (DeviceColumn c : DeviceColumn.values()) {
            TableColumn<DeviceRow, String> col = new TableColumn<>(bundle.getString("devices.col." + c.header()));
            col.setId(c.header());
            col.setUserData(c);
            col.setCellValueFactory(cell -> new ReadOnlyStringWrapper(vm.cell(cell.getValue(), c)));
            col.setPrefWidth(width(c));
            org.depconsole.ui.TableHeaders.fit(col);
            col.setVisible(layout == null ? c.visibleByDefault() : !layout.hidden().contains(c.header()));
            if (layout != null && layout.widths().containsKey(c.header())) {
                col.setPrefWidth(layout.widths().get(c.header()));
            }
            col.visibleProperty().addListener((o, a, b) -> saveLayout());
            col.widthProperty().addListener((o, a, b) -> saveLayout());
            columns.add(col);
        }
        if (layout != null && !layout.order().isEmpty()) {
            columns.sort(java.util.Comparator.comparingInt(col -> {
                int i = layout.order().indexOf(col.getId());
                return i < 0 ? Integer.MAX_VALUE : i;
            }));
        }
        table.getColumns().setAll(columns);
        table.getColumns().addListener((ListChangeListener<TableColumn<DeviceRow, ?>>) c -> saveLayout());
    }

    private static double width(DeviceColumn c) {
        return switch (c) {
            case SERIAL -> 150;
            case DESCRIPTION -> 240;
            case MODEL, PROFILE -> 150;
            case TAGS, ASSIGNED_BY -> 140;
            case PROFILE_STATUS, OS, FAMILY -> 90;
            default -> 120;
        };
    }

    private void saveLayout() {
        List<String> order = new ArrayList<>();
        java.util.Map<String, Double> widths = new java.util.LinkedHashMap<>();
        List<String> hidden = new ArrayList<>();
        for (TableColumn<DeviceRow, ?> col : table.getColumns()) {
            order.add(col.getId());
            widths.put(col.getId(), col.getWidth());
            if (!col.isVisible()) {
                hidden.add(col.getId());
            }
        }
        UiSettings.TableLayout layout = new UiSettings.TableLayout(order, widths, hidden);
        settings.update(s -> s.withTable(TABLE_ID, layout));
    }

    /** The visible columns in their current order, for the export. */
    List<DeviceColumn> visibleColumns() {
        return table.getColumns().stream().filter(TableColumn::isVisible).map(c -> (DeviceColumn) c.getUserData()).toList();
    }

    private void buildStatusFilters() {
        ToggleGroup group = new ToggleGroup();
        allButton.setToggleGroup(group);
        allButton.setSelected(true);
        allButton.setMinWidth(Region.USE_PREF_SIZE);
        allButton.textProperty().bind(format("devices.status.all", vm.totalProperty()));
        allButton.setOnAction(e -> vm.filterProperty().set(vm.filterProperty().get().withStatus(null)));
        for (ProfileStatus s : SHOWN) {
            ToggleButton b = new ToggleButton();
            b.setId("status-" + s.name().toLowerCase(java.util.Locale.ROOT));
            b.getStyleClass().addAll("status-filter", "status-" + s.name().toLowerCase(java.util.Locale.ROOT));
            b.setToggleGroup(group);
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.textProperty().bind(format("devices.status." + s.name().toLowerCase(java.util.Locale.ROOT), vm.countProperty(s)));
            b.setOnAction(e -> vm.filterProperty().set(vm.filterProperty().get().withStatus(b.isSelected() ? s : null)));
            statusButtons.put(s, b);
            statusBox.getChildren().add(b);
            Region part = new Region();
            part.getStyleClass().addAll("distribution-part", "status-" + s.name().toLowerCase(java.util.Locale.ROOT));
            part.setMinWidth(0);
            HBox.setHgrow(part, Priority.NEVER);
            barParts.put(s, part);
            distributionBar.getChildren().add(part);
            vm.countProperty(s).addListener((o, a, n) -> updateBar());
        }
        group.selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null) {
                allButton.setSelected(true);
            }
        });
        distributionBar.widthProperty().addListener((o, a, b) -> updateBar());
    }

    /** A bundle pattern ({@link MessageFormat}) filled with a live number; just the words while no count is known yet. */
    private javafx.beans.binding.StringBinding format(String key, javafx.beans.value.ObservableIntegerValue value) {
        String pattern = bundle.getString(key);
        String words = pattern.replaceAll("\\s*\\(?\\{0[^}]*}\\)?", "").strip();
        var known = vm.countsKnownProperty();
        return javafx.beans.binding.Bindings.createStringBinding(() -> known.get() ? MessageFormat.format(pattern, value.get()) : words,
                value, known);
    }

    private void updateBar() {
        int total = vm.totalProperty().get();
        double width = distributionBar.getWidth();
        StringBuilder tip = new StringBuilder();
        for (ProfileStatus s : SHOWN) {
            int n = vm.countProperty(s).get();
            double w = total == 0 ? 0 : width * n / total;
            Region part = barParts.get(s);
            part.setPrefWidth(w);
            part.setMaxWidth(w);
            tip.append(statusWord(s)).append(": ").append(formats.count(n)).append('\n');
        }
        Tooltip.install(distributionBar, new Tooltip(tip.toString().strip()));
    }

    private String statusWord(ProfileStatus s) {
        String label = bundle.getString("devices.status." + s.name().toLowerCase(java.util.Locale.ROOT));
        return label.replaceAll("\\s*\\{0.*", "").strip();
    }

    private void bindCombo(ComboBox<String> combo, javafx.collections.ObservableList<String> values,
                           java.util.function.Consumer<String> onChange, java.util.function.Function<String, String> label) {
        javafx.collections.ObservableList<String> items = javafx.collections.FXCollections.observableArrayList();
        Runnable fill = () -> {
            String keep = combo.getValue();
            items.setAll(values);
            items.add(0, null);
            combo.setValue(values.contains(keep) ? keep : null);
        };
        values.addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        combo.setItems(items);
        String any = bundle.getString("devices.filter.any");
        combo.setConverter(new StringConverter<>() {
            @Override
            public String toString(String v) {
                return v == null ? any : label == null ? v : label.apply(v);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        combo.valueProperty().addListener((o, a, b) -> onChange.accept(b));
    }

    private void applyDates() {
        vm.filterProperty().set(vm.filterProperty().get().withAssigned(assignedFrom.getValue(), assignedTo.getValue()));
    }

    private void updateRowCount() {
        rowCountLabel.setText(MessageFormat.format(bundle.getString("devices.rows"), vm.rows().size(), vm.allRows().size()));
    }

    private void showDetails(DeviceRow row) {
        detailGrid.getChildren().clear();
        if (row == null) {
            detailTitle.setText(bundle.getString("devices.detail.none"));
            return;
        }
        detailTitle.setText(row.serial() + (row.gone() ? "  ·  " + bundle.getString("devices.detail.gone") : ""));
        int r = 0;
        for (var entry : vm.details(row)) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            // the name above its value: values get the pane's whole width, so an address or a UUID is not broken mid-word
            Label name = new Label(bundle.getString("devices.col." + entry.getKey().header()));
            name.getStyleClass().addAll("field-name", "small");
            Label value = new Label(entry.getValue());
            value.setWrapText(true);
            value.setMinHeight(Region.USE_PREF_SIZE);
            String exact = vm.exactCell(row, entry.getKey());
            if (!exact.isEmpty()) {
                value.setTooltip(new Tooltip(exact));
            }
            detailGrid.add(name, 0, r++, 2, 1);
            detailGrid.add(value, 0, r++, 2, 1);
            GridPane.setMargin(name, new javafx.geometry.Insets(r > 2 ? 6 : 0, 0, 0, 0));
        }
    }

    private final org.depconsole.ui.Formats formats = org.depconsole.ui.Formats.system();

    private String describe(DeviceChange c) {
        String when = formats.dateTime(c.changedAt());
        return switch (c.kind()) {
            case MODIFIED -> MessageFormat.format(bundle.getString("devices.history.modified"), when, c.field(),
                    c.oldValue() == null || c.oldValue().isEmpty() ? "–" : c.oldValue(), c.newValue() == null || c.newValue().isEmpty() ? "–" : c.newValue());
            default -> MessageFormat.format(bundle.getString("devices.history." + c.kind().name().toLowerCase(java.util.Locale.ROOT)), when);
        };
    }

    @FXML
    public void onSyncNow() {
        vm.syncNow();
    }

    @FXML
    public void onFullSync() {
        vm.fullSync();
    }

    @FXML
    void onCancelSync() {
        vm.cancelSync();
    }

    @FXML
    void onClearFilters() {
        searchField.clear();
        searchPause.stop();
        familyFilter.setValue(null);
        osFilter.setValue(null);
        profileFilter.setValue(null);
        tagFilter.setValue(null);
        assignedFrom.setValue(null);
        assignedTo.setValue(null);
        goneCheck.setSelected(false);
        allButton.setSelected(true);
        vm.filterProperty().set(DeviceFilter.NONE);
    }

    private org.depconsole.ui.profiles.AssignLauncher assignLauncher;
    private java.util.function.Consumer<List<String>> moveLauncher;

    /**
     * In a narrow window (1,100 px on a 1366-px screen) the toolbar needs more than the view is given: "Last synced …"
     * steps aside (it is also the Sync now button's tooltip) so that the sync buttons stay in view, and comes back when
     * there is room. It never shows cut off.
     */
    private void keepToolbarButtonsInView() {
        Tooltip syncTip = new Tooltip();
        syncTip.textProperty().bind(vm.lastSyncedProperty());
        syncButton.setTooltip(syncTip);
        Runnable fit = () -> {
            double room = lastSyncedLabel.prefWidth(-1) + toolbar.getSpacing();
            double needed = toolbar.minWidth(-1) + (lastSyncedLabel.isManaged() ? 0 : room);
            double given = root.getWidth() - root.getInsets().getLeft() - root.getInsets().getRight();
            Nodes.show(lastSyncedLabel, given <= 0 || given >= needed);
        };
        root.widthProperty().addListener((o, was, now) -> fit.run());
        lastSyncedLabel.textProperty().addListener((o, was, now) -> fit.run());
        cancelSyncButton.visibleProperty().addListener((o, was, now) -> javafx.application.Platform.runLater(fit));
    }

    /**
     * The view model replaces the table's rows as a whole (a search, a sort, a status filter): the selected rows that
     * are still shown stay selected.
     */
    private void keepSelectionAcrossViews() {
        List<DeviceRow> kept = new ArrayList<>();
        boolean[] restoring = {false};
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<DeviceRow>) c -> {
            if (!vm.replacingProperty().get() && !restoring[0]) {
                kept.clear();
                kept.addAll(table.getSelectionModel().getSelectedItems());
            }
        });
        vm.replacingProperty().addListener((o, was, now) -> {
            if (now || kept.isEmpty()) {
                return;
            }
            java.util.Set<DeviceRow> wanted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            wanted.addAll(kept);
            DeviceRow focus = vm.selectedProperty().get();
            List<DeviceRow> rows = table.getItems();
            int[] indices = new int[kept.size()];
            int n = 0;
            int focusIndex = -1;
            for (int i = 0; i < rows.size() && n < indices.length; i++) {
                DeviceRow r = rows.get(i);
                if (wanted.contains(r)) {
                    if (r == focus) {
                        focusIndex = i;
                    } else {
                        indices[n++] = i;
                    }
                }
            }
            var model = table.getSelectionModel();
            restoring[0] = true;
            try {
                model.clearSelection();
                if (n > 0) {
                    model.selectIndices(indices[0], java.util.Arrays.copyOfRange(indices, 1, n));
                }
                if (focusIndex >= 0) {
                    model.select(focusIndex); // last, so it is the row the detail pane shows
                }
            } finally {
                restoring[0] = false;
            }
            if (focusIndex < 0) {
                vm.selectedProperty().set(model.getSelectedItem());
            }
        });
    }

    /** "Assign to another MDM server…": the Organization view's move window for the selected serials. */
    public void setMoveLauncher(java.util.function.Consumer<List<String>> launcher) {
        this.moveLauncher = launcher;
    }

    @FXML
    public void onMoveToServer() {
        List<String> serials = table.getSelectionModel().getSelectedItems().stream().map(DeviceRow::serial).toList();
        if (serials.isEmpty()) {
            dialogs.showInfo(bundle.getString("devices.move.toServer"), bundle.getString("devices.tags.selectFirst"));
        } else if (moveLauncher != null) {
            moveLauncher.accept(serials);
        }
    }

    public void setAssignLauncher(org.depconsole.ui.profiles.AssignLauncher launcher) {
        this.assignLauncher = launcher;
    }

    @FXML
    public void onAssignProfile() {
        openAssign(org.depconsole.domain.profile.AssignmentReport.Operation.ASSIGN, false);
    }

    @FXML
    public void onRemoveProfile() {
        openAssign(org.depconsole.domain.profile.AssignmentReport.Operation.REMOVE, false);
    }

    @FXML
    public void onAssignPasted() {
        openAssign(org.depconsole.domain.profile.AssignmentReport.Operation.ASSIGN, true);
    }

    private void openAssign(org.depconsole.domain.profile.AssignmentReport.Operation op, boolean pasted) {
        Long id = vm.serverId();
        if (id == null || assignLauncher == null) {
            return;
        }
        List<String> serials = pasted ? List.of() : table.getSelectionModel().getSelectedItems().stream().map(DeviceRow::serial).toList();
        if (!pasted && serials.isEmpty()) {
            dialogs.showInfo(bundle.getString("assign.title"), bundle.getString("devices.tags.selectFirst"));
            return;
        }
        assignLauncher.open(id, op, serials, null);
    }

    @FXML
    public void onExportCsv() {
        dialogs.chooseSaveFile(bundle.getString("devices.export.title"), "devices.csv", "CSV", "*.csv")
                .ifPresent(file -> vm.exportCsv(file, visibleColumns()));
    }

    @FXML
    public void onAddTag() {
        var rows = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (rows.isEmpty()) {
            dialogs.showInfo(bundle.getString("devices.tags.title"), bundle.getString("devices.tags.selectFirst"));
            return;
        }
        dialogs.askText(bundle.getString("devices.tags.title"), MessageFormat.format(bundle.getString("devices.tags.addHeader"), rows.size()),
                bundle.getString("devices.tags.label"), "", vm::validateTag).ifPresent(tag -> vm.addTag(tag, rows));
    }

    @FXML
    public void onRemoveTag() {
        var rows = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (rows.isEmpty()) {
            dialogs.showInfo(bundle.getString("devices.tags.title"), bundle.getString("devices.tags.selectFirst"));
            return;
        }
        dialogs.askText(bundle.getString("devices.tags.title"), MessageFormat.format(bundle.getString("devices.tags.removeHeader"), rows.size()),
                bundle.getString("devices.tags.label"), "", vm::validateTag).ifPresent(tag -> vm.removeTag(tag, rows));
    }
}
