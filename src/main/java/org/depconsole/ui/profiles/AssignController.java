package org.depconsole.ui.profiles;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ResourceBundle;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.depconsole.domain.profile.AssignmentReport;
import org.depconsole.ui.DialogService;
import org.depconsole.ui.Nodes;

/** Code-behind of AssignView.fxml, shown in its own window. */
public final class AssignController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final AssignViewModel vm;
    private final DialogService dialogs;
    private final ResourceBundle bundle;

    @FXML private Label assignTitle;
    @FXML private VBox pasteBox;
    @FXML private TextArea pasteArea;
    @FXML private VBox presetBox;
    @FXML private ComboBox<String> presetBox2;
    @FXML private Label previewLabel;
    @FXML private VBox resultBox;
    @FXML private Label summaryLabel;
    @FXML private TableView<AssignmentReport.Result> resultTable;
    @FXML private TableColumn<AssignmentReport.Result, String> serialCol;
    @FXML private TableColumn<AssignmentReport.Result, String> outcomeCol;
    @FXML private TableColumn<AssignmentReport.Result, String> retryCol;
    @FXML private Label retryLabel;
    @FXML private Button retryButton;
    @FXML private Button confirmButton;
    @FXML private ProgressIndicator runningIndicator;
    @FXML private Label assignMessage;

    public AssignController(AssignViewModel vm, DialogService dialogs, ResourceBundle bundle) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.bundle = bundle;
    }

    @FXML
    private void initialize() {
        boolean assign = vm.operation() == AssignmentReport.Operation.ASSIGN;
        assignTitle.setText(bundle.getString(assign ? "assign.title" : "assign.titleRemove"));
        Nodes.show(pasteBox, vm.pasteMode());
        pasteArea.textProperty().bindBidirectional(vm.pastedProperty());
        Nodes.show(presetBox, assign);
        presetBox2.setItems(vm.presetNames());
        presetBox2.valueProperty().bindBidirectional(vm.presetProperty());
        previewLabel.textProperty().bind(vm.previewTextProperty());
        var stage = vm.stageProperty();
        var done = stage.isEqualTo(AssignViewModel.Stage.DONE);
        Nodes.showWhen(resultBox, done);
        runningIndicator.visibleProperty().bind(stage.isEqualTo(AssignViewModel.Stage.RUNNING));
        confirmButton.disableProperty().bind(vm.previewProperty().isNull().or(stage.isNotEqualTo(AssignViewModel.Stage.PREVIEW)));
        confirmButton.textProperty().bind(Bindings.createStringBinding(() -> {
            var p = vm.previewProperty().get();
            int n = p == null ? 0 : p.willChange().size() + p.pushed().size();
            return MessageFormat.format(bundle.getString(assign ? "assign.confirm" : "assign.confirmRemove"), n);
        }, vm.previewProperty()));
        summaryLabel.textProperty().bind(vm.summaryProperty());
        resultTable.setItems(vm.results());
        serialCol.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().serial()));
        outcomeCol.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().outcome().name()));
        retryCol.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().retryAt() == null ? ""
                : TIME.format(c.getValue().retryAt().atZone(ZoneId.systemDefault()))));
        retryLabel.textProperty().bind(vm.retryTextProperty());
        retryButton.disableProperty().bind(vm.retryAllowedProperty().not());
        Nodes.showWhen(retryButton, vm.retryTextProperty().isNotEmpty());
        assignMessage.textProperty().bind(vm.messageProperty());
        Timeline ticker = new Timeline(new KeyFrame(Duration.seconds(5), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        assignTitle.sceneProperty().addListener((o, was, scene) -> {
            if (scene == null) {
                ticker.stop();
            }
        });
        vm.start();
    }

    @FXML
    void onConfirm() {
        vm.confirm();
    }

    @FXML
    void onRetry() {
        vm.retryThrottled();
    }

    @FXML
    void onSaveCsv() {
        dialogs.chooseSaveFile(bundle.getString("assign.csvTitle"), "profile-results.csv", "CSV", "*.csv").ifPresent(vm::saveCsv);
    }

    @FXML
    void onClose() {
        assignTitle.getScene().getWindow().hide();
    }
}
