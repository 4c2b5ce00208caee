package org.depconsole.ui.servers;

import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** The "Apple account" card on the server page. */
import org.depconsole.ui.Nodes;

public final class AccountController {

    private final AccountViewModel vm;

    @FXML private GridPane accountGrid;
    @FXML private Label fetchedLabel;
    @FXML private Label accountMessage;
    @FXML private Button refreshAccountButton;

    public AccountController(AccountViewModel vm) {
        this.vm = vm;
    }

    @FXML
    void initialize() {
        fetchedLabel.textProperty().bind(vm.fetchedProperty());
        accountMessage.textProperty().bind(vm.messageProperty());
        Nodes.showWhen(accountMessage, vm.messageProperty().isNotEmpty());
        refreshAccountButton.disableProperty().bind(vm.busyProperty());
        vm.fields().addListener((MapChangeListener<String, String>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        accountGrid.getChildren().clear();
        int row = 0;
        for (var e : vm.fields().entrySet()) {
            Label name = new Label(e.getKey());
            name.getStyleClass().add("field-name");
            Label value = new Label(e.getValue());
            value.setWrapText(true);
            accountGrid.addRow(row++, name, value);
        }
        Nodes.show(accountGrid, row > 0);
    }

    @FXML
    void onRefresh() {
        vm.refresh();
    }
}
