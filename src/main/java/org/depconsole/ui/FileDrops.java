package org.depconsole.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Region;

/** A drop zone for one file (a server token): highlighted while a file hovers over it, one file accepted per drop. */
public final class FileDrops {

    private static final String HOVER = "drag-over";

    private FileDrops() {
    }

    public static void install(Region zone, Consumer<Path> onFile) {
        zone.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                if (!zone.getStyleClass().contains(HOVER)) {
                    zone.getStyleClass().add(HOVER);
                }
            }
            e.consume();
        });
        zone.setOnDragExited(e -> zone.getStyleClass().remove(HOVER));
        zone.setOnDragDropped(e -> dropped(zone, e, onFile));
    }

    private static void dropped(Region zone, DragEvent e, Consumer<Path> onFile) {
        List<File> files = e.getDragboard().getFiles();
        boolean accepted = files != null && files.size() == 1;
        if (accepted) {
            onFile.accept(files.get(0).toPath());
        }
        zone.getStyleClass().remove(HOVER);
        e.setDropCompleted(accepted);
        e.consume();
    }
}
