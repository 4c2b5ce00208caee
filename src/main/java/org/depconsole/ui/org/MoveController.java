package org.depconsole.ui.org;

import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.depconsole.domain.org.OrgJob;
import org.depconsole.domain.org.OrgServerRow;
import org.depconsole.ui.DialogService;
import org.depconsole.ui.Nodes;

/** Code-behind of MoveView.fxml: binds the target, profile, serials and preview; Start hands the stored job over. */
public final class MoveController {

    private final MoveViewModel vm;
    private final DialogService dialogs;
    private final ResourceBundle bundle;
    private final Consumer<OrgJob> started;
    private final Runnable close;

    @FXML private Label moveHeader;
    @FXML private Label sourceLabel;
    @FXML private VBox targetBox;
    @FXML private ComboBox<OrgServerRow> targetChoice;
    @FXML private ComboBox<String> profileChoice;
    @FXML private VBox movePasteBox;
    @FXML private TextArea serialsArea;
    @FXML private Label movePreviewLabel;
    @FXML private Label moveMessage;
    @FXML private Button moveStartButton;

    public MoveController(MoveViewModel vm, DialogService dialogs, ResourceBundle bundle, Consumer<OrgJob> started, Runnable close) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.bundle = bundle;
        this.started = started;
        this.close = close;
    }

    @FXML
    private void initialize() {
        boolean assign = vm.kind() == OrgJob.Kind.ASSIGN;
        moveHeader.setText(bundle.getString(assign ? "orgview.move.header.assign" : "orgview.move.header.unassign"));
        moveStartButton.setText(bundle.getString(assign ? "orgview.move.start.assign" : "orgview.move.start.unassign"));
        Nodes.show(targetBox, assign);
        Nodes.show(movePasteBox, !vm.fromSelection());
        sourceLabel.textProperty().bind(vm.sourceTextProperty());
        targetChoice.setItems(vm.targets());
        targetChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(OrgServerRow r) {
                return r == null ? "" : serverText(r);
            }

            @Override
            public OrgServerRow fromString(String s) {
                return null;
            }
        });
        targetChoice.valueProperty().bindBidirectional(vm.targetProperty());
        profileChoice.setItems(vm.profileNames());
        profileChoice.valueProperty().bindBidirectional(vm.profileProperty());
        profileChoice.disableProperty().bind(javafx.beans.binding.Bindings.size(vm.profileNames()).lessThan(2));
        serialsArea.textProperty().bindBidirectional(vm.pastedProperty());
        movePreviewLabel.textProperty().bind(vm.previewTextProperty());
        moveMessage.textProperty().bind(vm.messageProperty());
        Nodes.showWhen(moveMessage, vm.messageProperty().isNotEmpty());
        moveStartButton.disableProperty().bind(vm.canStartProperty().not().or(vm.workingProperty()));
        FitWindow.follow(moveStartButton, vm.previewTextProperty(), vm.messageProperty());
        vm.load();
    }

    private String serverText(OrgServerRow r) {
        String console = r.consoleServerName() == null ? bundle.getString("orgview.servers.noToken")
                : r.consoleServerName().equals(r.server().name()) ? bundle.getString("orgview.move.targetLinked")
                : java.text.MessageFormat.format(bundle.getString("orgview.servers.linked"), r.consoleServerName());
        return java.text.MessageFormat.format(bundle.getString("orgview.move.targetItem"), r.server().name(), r.storedDevices(), console);
    }

    @FXML
    void onChooseCsv() {
        dialogs.chooseFile(bundle.getString("orgview.move.csvTitle"), bundle.getString("orgview.move.csvFiles"), "*.csv", "*.txt")
                .ifPresent(vm::loadFile);
    }

    @FXML
    void onStart() {
        vm.start(job -> {
            started.accept(job);
            close.run();
        });
    }

    @FXML
    void onCancel() {
        close.run();
    }
}
