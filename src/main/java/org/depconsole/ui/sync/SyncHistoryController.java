package org.depconsole.ui.sync;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.util.StringConverter;
import org.depconsole.domain.inventory.DeviceChange;
import org.depconsole.domain.inventory.SyncRun;

/** Code-behind of SyncHistoryView.fxml. */
public final class SyncHistoryController {

    private final org.depconsole.ui.Formats formats = org.depconsole.ui.Formats.system();

    /** A change's value as shown: the count of an import grouped like every other count. */
    private String value(DeviceChange c, String v) {
        if (v == null) {
            return "";
        }
        if ("devices".equals(c.field()) && v.matches("\\d{1,12}")) {
            return formats.count(Long.parseLong(v));
        }
        return v;
    }

    private final SyncHistoryViewModel vm;
    private final ResourceBundle bundle;

    @FXML private TableView<SyncRun> runsTable;
    @FXML private TableColumn<SyncRun, String> startedColumn;
    @FXML private TableColumn<SyncRun, String> kindColumn;
    @FXML private TableColumn<SyncRun, String> causeColumn;
    @FXML private TableColumn<SyncRun, String> durationColumn;
    @FXML private TableColumn<SyncRun, String> pagesColumn;
    @FXML private TableColumn<SyncRun, String> addedColumn;
    @FXML private TableColumn<SyncRun, String> modifiedColumn;
    @FXML private TableColumn<SyncRun, String> deletedColumn;
    @FXML private TableColumn<SyncRun, String> totalColumn;
    @FXML private TableColumn<SyncRun, String> resultColumn;
    @FXML private TableColumn<SyncRun, String> errorColumn;
    @FXML private TableView<DeviceChange> changesTable;
    @FXML private TableColumn<DeviceChange, String> serialColumn;
    @FXML private TableColumn<DeviceChange, String> changeColumn;
    @FXML private TableColumn<DeviceChange, String> fieldColumn;
    @FXML private TableColumn<DeviceChange, String> oldColumn;
    @FXML private TableColumn<DeviceChange, String> newColumn;
    @FXML private ComboBox<SyncHistoryViewModel.ChangeFilter> changeFilter;
    @FXML private Label messageLabel;

    public SyncHistoryController(SyncHistoryViewModel vm, ResourceBundle bundle) {
        this.vm = vm;
        this.bundle = bundle;
    }

    @FXML
    private void initialize() {
        runsTable.setItems(vm.runs());
        org.depconsole.ui.TableHeaders.fill(runsTable);
        org.depconsole.ui.TableHeaders.fill(changesTable);
        run(startedColumn, r -> formats.dateTime(r.startedAt()));
        run(kindColumn, r -> bundle.getString("history.kind." + r.kind().name().toLowerCase(java.util.Locale.ROOT)));
        run(causeColumn, r -> r.cause() == null ? "" : r.cause());
        run(durationColumn, SyncHistoryViewModel::duration);
        run(pagesColumn, r -> formats.count(r.pages()));
        run(addedColumn, r -> formats.count(r.added()));
        run(modifiedColumn, r -> formats.count(r.modified()));
        run(deletedColumn, r -> formats.count(r.deleted()));
        run(totalColumn, r -> formats.count(r.total()));
        run(resultColumn, r -> bundle.getString("history.result." + r.result().name().toLowerCase(java.util.Locale.ROOT)));
        run(errorColumn, r -> r.error() == null ? "" : r.error());
        runsTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && runsTable.getSelectionModel().getSelectedItem() != b) {
                runsTable.getSelectionModel().select(b);
            }
        });
        changesTable.setItems(vm.changes());
        change(serialColumn, DeviceChange::serial);
        change(changeColumn, c -> bundle.getString("history.change." + c.kind().name().toLowerCase(java.util.Locale.ROOT)));
        change(fieldColumn, c -> c.field() == null ? "" : c.field());
        change(oldColumn, c -> value(c, c.oldValue()));
        change(newColumn, c -> value(c, c.newValue()));
        changeFilter.getItems().setAll(SyncHistoryViewModel.ChangeFilter.values());
        changeFilter.setConverter(new StringConverter<>() {
            @Override
            public String toString(SyncHistoryViewModel.ChangeFilter f) {
                return f == null ? "" : bundle.getString("history.filter." + f.name().toLowerCase(java.util.Locale.ROOT));
            }

            @Override
            public SyncHistoryViewModel.ChangeFilter fromString(String s) {
                return null;
            }
        });
        changeFilter.valueProperty().bindBidirectional(vm.changeFilterProperty());
        messageLabel.textProperty().bind(vm.messageProperty());
    }

    private static void run(TableColumn<SyncRun, String> c, Function<SyncRun, String> f) {
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
    }

    private static void change(TableColumn<DeviceChange, String> c, Function<DeviceChange, String> f) {
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
    }

    @FXML
    void onRefresh() {
        vm.refresh();
    }
}
