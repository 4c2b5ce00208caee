package org.depconsole.ui.journal;

import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.depconsole.ui.DialogService;

/** Code-behind of JournalView.fxml. */
public final class JournalController {

    private final JournalViewModel vm;
    private final DialogService dialogs;
    private final ResourceBundle bundle;

    @FXML private TableView<JournalRow> table;
    @FXML private TableColumn<JournalRow, String> timeColumn;
    @FXML private TableColumn<JournalRow, String> serverColumn;
    @FXML private TableColumn<JournalRow, String> requestColumn;
    @FXML private TableColumn<JournalRow, String> statusColumn;
    @FXML private TableColumn<JournalRow, String> durationColumn;
    @FXML private TableColumn<JournalRow, String> bytesColumn;
    @FXML private TableColumn<JournalRow, String> devicesColumn;
    @FXML private TableColumn<JournalRow, String> errorColumn;
    @FXML private TableColumn<JournalRow, String> causeColumn;
    @FXML private TextField searchField;
    @FXML private CheckBox failuresCheck;
    @FXML private Label messageLabel;

    public JournalController(JournalViewModel vm, DialogService dialogs, ResourceBundle bundle) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.bundle = bundle;
    }

    @FXML
    private void initialize() {
        table.setItems(vm.rows());
        org.depconsole.ui.TableHeaders.fill(table);
        bind(timeColumn, JournalRow::time);
        bind(serverColumn, JournalRow::server);
        bind(requestColumn, JournalRow::request);
        bind(statusColumn, JournalRow::status);
        bind(durationColumn, JournalRow::duration);
        bind(bytesColumn, JournalRow::bytes);
        bind(devicesColumn, JournalRow::devices);
        bind(errorColumn, JournalRow::error);
        bind(causeColumn, JournalRow::cause);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(JournalRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"), !empty && row != null && row.failed());
            }
        });
        searchField.textProperty().bindBidirectional(vm.searchProperty());
        failuresCheck.selectedProperty().bindBidirectional(vm.failuresOnlyProperty());
        searchField.setOnAction(e -> vm.refresh());
        failuresCheck.setOnAction(e -> vm.refresh());
        messageLabel.textProperty().bind(vm.messageProperty());
        vm.refresh();
    }

    private static void bind(TableColumn<JournalRow, String> column, Function<JournalRow, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }

    @FXML
    void onRefresh() {
        vm.refresh();
    }

    @FXML
    void onExportCsv() {
        dialogs.chooseSaveFile(bundle.getString("journal.export.title"), "depconsole-journal.csv", "CSV", "*.csv").ifPresent(vm::exportCsv);
    }
}
