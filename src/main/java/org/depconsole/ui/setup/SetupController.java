package org.depconsole.ui.setup;

import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.depconsole.service.TokenImportPlan;
import org.depconsole.ui.DialogService;
import org.depconsole.ui.Nodes;
import org.depconsole.ui.FileDrops;
import org.depconsole.ui.TokenSetbacks;

/** Code-behind of SetupView.fxml: the three steps of the first-run guide. */
public final class SetupController implements SetupViewModel.Prompts {

    private final SetupViewModel vm;
    private final DialogService dialogs;
    private final ResourceBundle bundle;

    @FXML private VBox setupRoot;
    @FXML private HBox exploreBox;
    @FXML private Button exploreButton;
    @FXML private Label simulatorInfo;
    @FXML private VBox stepOne;
    @FXML private VBox stepTwo;
    @FXML private VBox stepThree;
    @FXML private TextField nameField;
    @FXML private Button createButton;
    @FXML private Label stepOneDone;
    @FXML private Label stepTwoText;
    @FXML private Button haveTokenButton;
    @FXML private Button portalButton;
    @FXML private VBox setupDropZone;
    @FXML private Button importDownloadedButton;
    @FXML private Label setupMessage;

    public SetupController(SetupViewModel vm, DialogService dialogs, ResourceBundle bundle) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.bundle = bundle;
    }

    @FXML
    private void initialize() {
        vm.setPrompts(this);
        nameField.textProperty().bindBidirectional(vm.nameProperty());
        var sim = vm.simulatedProperty();
        Nodes.showWhen(exploreBox, sim.not());
        simulatorInfo.textProperty().bind(vm.simulatorInfoProperty());
        Nodes.showWhen(simulatorInfo, sim);
        createButton.textProperty().bind(javafx.beans.binding.Bindings.when(sim)
                .then(bundle.getString("setup.one.createSimulated")).otherwise(bundle.getString("setup.one.create")));
        stepTwoText.textProperty().bind(javafx.beans.binding.Bindings.when(sim)
                .then(bundle.getString("setup.two.simulatedText")).otherwise(bundle.getString("setup.two.text")));
        Nodes.showWhen(haveTokenButton, sim.not());
        Nodes.showWhen(portalButton, sim);
        stepOneDone.textProperty().bind(vm.stepOneDoneProperty());
        Nodes.showWhen(stepOneDone, vm.stepOneDoneProperty().isNotEmpty());
        var step = vm.stepProperty();
        stepOne.disableProperty().bind(step.isNotEqualTo(1).or(vm.busyProperty()));
        stepTwo.disableProperty().bind(step.isNotEqualTo(2).or(vm.busyProperty()));
        stepThree.disableProperty().bind(step.isNotEqualTo(3).or(vm.busyProperty()));
        exploreButton.disableProperty().bind(vm.busyProperty().or(step.greaterThan(1)));
        Nodes.showWhen(importDownloadedButton, vm.tokenFileProperty().isNotEmpty());
        // the file name is shown as it is: an underscore in it is not a keyboard mnemonic
        importDownloadedButton.setMnemonicParsing(false);
        importDownloadedButton.textProperty().bind(javafx.beans.binding.Bindings.format(bundle.getString("setup.three.importDownloaded"),
                vm.tokenFileProperty()));
        setupMessage.textProperty().bind(vm.messageProperty());
        Nodes.showWhen(setupMessage, vm.messageProperty().isNotEmpty());
        vm.messageErrorProperty().addListener((o, was, error) -> {
            setupMessage.getStyleClass().removeAll("message-error", "message-ok");
            setupMessage.getStyleClass().add(error ? "message-error" : "message-ok");
        });
        FileDrops.install(setupDropZone, vm::importToken);
    }

    @FXML
    void onExplore() {
        vm.explore();
    }

    @FXML
    void onCreate() {
        if (vm.simulatedProperty().get()) {
            vm.createSimulatedServer();
            return;
        }
        if (!vm.nameFits()) {
            return;
        }
        dialogs.chooseSaveFile(bundle.getString("servers.cert.saveTitle"), vm.nameProperty().get().strip() + ".pem", "PEM", "*.pem")
                .ifPresent(vm::createServer);
    }

    @FXML
    void onHaveToken() {
        vm.tokenDownloaded();
    }

    @FXML
    void onPortal() {
        vm.simulatedPortal();
    }

    @FXML
    void onChooseToken() {
        dialogs.chooseFile(bundle.getString("servers.token.chooseTitle"), bundle.getString("servers.token.files"), "*.p7m").ifPresent(vm::importToken);
    }

    @FXML
    void onImportDownloaded() {
        vm.importDownloadedToken();
    }

    @FXML
    void onSkip() {
        vm.skip();
    }

    @Override
    public boolean confirmOlderToken(TokenImportPlan plan) {
        return TokenSetbacks.confirm(dialogs, bundle, vm.setbackSentence(plan));
    }
}
