package org.depconsole.ui;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Function;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** JavaFX dialogs owned by the main window; details of an error on demand, with "Copy details". */
public final class FxDialogService implements DialogService {

    private final Window owner;
    private final ResourceBundle bundle;

    public FxDialogService(Window owner, ResourceBundle bundle) {
        this.owner = owner;
        this.bundle = bundle;
    }

    @Override
    public boolean confirm(String title, String header, String content, String confirmLabel) {
        ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(bundle.getString("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, content, yes, no);
        prepare(alert, title, header);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(no)).setDefaultButton(true);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(yes)).setDefaultButton(false);
        return alert.showAndWait().filter(b -> b == yes).isPresent();
    }

    @Override
    public Optional<String> askText(String title, String header, String label, String initial, Function<String, String> validator) {
        Dialog<String> dialog = new Dialog<>();
        prepare(dialog, title, header);
        TextField field = new TextField(initial == null ? "" : initial);
        field.setId("dialog-text");
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setMaxWidth(420);
        VBox box = new VBox(6, new Label(label), field, error);
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        var ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            String problem = validator.apply(field.getText());
            if (problem != null) {
                error.setText(problem);
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == ButtonType.OK ? field.getText().strip() : null);
        dialog.setOnShown(e -> field.requestFocus());
        return dialog.showAndWait();
    }

    @Override
    public Optional<char[]> askSecret(String title, String header, String label) {
        Dialog<char[]> dialog = new Dialog<>();
        prepare(dialog, title, header);
        PasswordField field = new PasswordField();
        field.setId("dialog-secret");
        dialog.getDialogPane().setContent(new VBox(6, new Label(label), field));
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? field.getText().toCharArray() : null);
        dialog.setOnShown(e -> field.requestFocus());
        return dialog.showAndWait();
    }

    @Override
    public void showError(String title, String message, Throwable details) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        prepare(alert, title, null);
        if (details != null) {
            StringWriter trace = new StringWriter();
            details.printStackTrace(new PrintWriter(trace));
            TextArea area = new TextArea(trace.toString());
            area.setEditable(false);
            area.setPrefRowCount(12);
            javafx.scene.control.Button copy = new javafx.scene.control.Button(bundle.getString("dialog.copyDetails"));
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(message + "\n\n" + trace);
                Clipboard.getSystemClipboard().setContent(content);
            });
            alert.getDialogPane().setExpandableContent(new VBox(6, area, copy));
        }
        alert.showAndWait();
    }

    @Override
    public void showInfo(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
        prepare(alert, title, null);
        alert.showAndWait();
    }

    @Override
    public Optional<Path> chooseFile(String title, String description, String... extensions) {
        FileChooser chooser = chooser(title, description, extensions);
        File f = chooser(() -> chooser.showOpenDialog(owner));
        return Optional.ofNullable(f).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String initialName, String description, String... extensions) {
        FileChooser chooser = chooser(title, description, extensions);
        chooser.setInitialFileName(initialName);
        File f = chooser(() -> chooser.showSaveDialog(owner));
        return Optional.ofNullable(f).map(File::toPath);
    }

    private FileChooser chooser(String title, String description, String... extensions) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (extensions.length > 0) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, extensions));
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(bundle.getString("dialog.allFiles"), "*"));
        return chooser;
    }

    private void prepare(Dialog<?> dialog, String title, String header) {
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        dialog.setResizable(true);
        dialog.getDialogPane().setMinWidth(460);
    }

    /** Key of the owner's properties that holds the time (System.nanoTime) a file chooser in front of it last closed, or 0 while open. */
    public static final String CHOOSER_KEY = "dc.fileChooser";

    /** Runs the operating system's chooser, telling the owner (its maximized state is kept over it, see app.WindowState). */
    private File chooser(java.util.function.Supplier<File> show) {
        if (owner != null) {
            owner.getProperties().put(CHOOSER_KEY, 0L);
        }
        try {
            return show.get();
        } finally {
            if (owner != null) {
                owner.getProperties().put(CHOOSER_KEY, System.nanoTime());
            }
        }
    }
}
