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
        // the heading counts what was selected; pasted serials are counted by the preview
        assignTitle.setText(vm.pasteMode() ? bundle.getString(assign ? "assign.title" : "assign.titleRemove")
                : MessageFormat.format(bundle.getString(assign ? "assign.titleSelected" : "assign.titleRemoveSelected"), vm.serials().size()));
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
        // before the preview is known the button counts the selection; then what will actually be sent
        javafx.beans.binding.IntegerBinding toSend = Bindings.createIntegerBinding(() -> {
            var p = vm.previewProperty().get();
            return p == null ? vm.serials().size() : p.willChange().size() + p.pushed().size();
        }, vm.previewProperty(), vm.pastedProperty());
        confirmButton.disableProperty().bind(vm.previewProperty().isNull().or(stage.isNotEqualTo(AssignViewModel.Stage.PREVIEW))
                .or(toSend.isEqualTo(0)));
        confirmButton.textProperty().bind(Bindings.createStringBinding(() -> MessageFormat.format(
                bundle.getString(assign ? "assign.confirm" : "assign.confirmRemove"), toSend.get()), toSend));
        summaryLabel.textProperty().bind(vm.summaryProperty());
        resultTable.setItems(vm.results());
        org.depconsole.ui.TableHeaders.fill(resultTable);
        serialCol.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().serial()));
        outcomeCol.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().outcome().name()));
        retryCol.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().retryAt() == null ? ""
                : org.depconsole.ui.Formats.system().dateTime(c.getValue().retryAt())));
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
        // the window takes the size of what it shows: the preview first, the results when they arrive
        assignTitle.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((ow, w0, window) -> {
                    if (window != null) {
                        window.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, e -> fitWindow());
                    }
                });
            }
        });
        // and follows it when the content grows or shrinks (preview text, results, a message), not when the admin resizes it
        assignTitle.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.addPostLayoutPulseListener(this::refitWhenContentChanged);
            }
        });
        vm.start();
    }

    private double fittedFor = -1;

    private void refitWhenContentChanged() {
        var scene = assignTitle.getScene();
        if (scene == null || scene.getWindow() == null || !scene.getWindow().isShowing()) {
            return;
        }
        double wanted = scene.getRoot().prefHeight(scene.getWidth());
        if (Math.abs(wanted - fittedFor) > 1 && Math.abs(wanted - scene.getHeight()) > 1) {
            fittedFor = wanted;
            javafx.application.Platform.runLater(this::fitWindow);
        }
    }

    /** Sizes the window to its content (never smaller than that). */
    private void fitWindow() {
        var scene = assignTitle.getScene();
        if (scene == null || !(scene.getWindow() instanceof javafx.stage.Stage window)) {
            return;
        }
        var root = scene.getRoot();
        root.applyCss();
        root.layout();
        fittedFor = root.prefHeight(scene.getWidth() > 0 ? scene.getWidth() : -1);
        window.sizeToScene();
        double chrome = window.getHeight() - scene.getHeight();
        window.setMinWidth(Math.min(root.minWidth(-1), window.getWidth()));
        window.setMinHeight(root.minHeight(window.getWidth()) + Math.max(0, chrome));
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
