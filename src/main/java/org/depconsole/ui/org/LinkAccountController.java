package org.depconsole.ui.org;

import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.depconsole.ui.DialogService;
import org.depconsole.ui.FileDrops;
import org.depconsole.ui.Nodes;

/** Code-behind of LinkAccountView.fxml: binds the form and turns drops, choices and clicks into view-model calls. */
public final class LinkAccountController {

    private final LinkAccountViewModel vm;
    private final DialogService dialogs;
    private final ResourceBundle bundle;
    private final Runnable close;

    @FXML private TextField linkNameField;
    @FXML private TextField linkClientIdField;
    @FXML private Label familyLabel;
    @FXML private TextField linkKeyIdField;
    @FXML private VBox keyDropZone;
    @FXML private Label keyFileLabel;
    @FXML private TextField linkEndpointField;
    @FXML private Label linkMessage;
    @FXML private ProgressIndicator linkProgress;
    @FXML private Button linkButton;
    @FXML private javafx.scene.control.TitledPane advancedPane;

    public LinkAccountController(LinkAccountViewModel vm, DialogService dialogs, ResourceBundle bundle, Runnable close) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.bundle = bundle;
        this.close = close;
    }

    @FXML
    private void initialize() {
        linkNameField.textProperty().bindBidirectional(vm.nameProperty());
        linkClientIdField.textProperty().bindBidirectional(vm.clientIdProperty());
        linkKeyIdField.textProperty().bindBidirectional(vm.keyIdProperty());
        linkEndpointField.textProperty().bindBidirectional(vm.endpointProperty());
        familyLabel.textProperty().bind(vm.familyTextProperty());
        keyFileLabel.textProperty().bind(vm.keyFileTextProperty());
        linkMessage.textProperty().bind(vm.messageProperty());
        Nodes.showWhen(linkMessage, vm.messageProperty().isNotEmpty());
        Nodes.showWhen(linkProgress, vm.workingProperty());
        vm.workingProperty().addListener((o, was, now) -> {
            linkMessage.getStyleClass().removeAll("text-muted", "message-error");
            linkMessage.getStyleClass().add(now ? "text-muted" : "message-error");
        });
        linkButton.disableProperty().bind(vm.workingProperty());
        FileDrops.install(keyDropZone, vm::keyFileChosen);
        FitWindow.follow(linkButton, vm.messageProperty(), vm.familyTextProperty(), advancedPane.expandedProperty());
    }

    @FXML
    void onChooseKey() {
        dialogs.chooseFile(bundle.getString("orgview.link.chooseTitle"), bundle.getString("orgview.link.keyFiles"), "*.pem", "*.p8", "*.key")
                .ifPresent(vm::keyFileChosen);
    }

    @FXML
    void onLink() {
        vm.link();
    }

    @FXML
    void onCancel() {
        close.run();
    }
}
