package org.depconsole.ui;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Every modal question the window asks, always owned by the main window. */
public interface DialogService {

    /** Yes/no; the destructive button carries {@code confirmLabel}. */
    boolean confirm(String title, String header, String content, String confirmLabel);

    /** Asks for a line of text; {@code validator} returns an error sentence or null. */
    Optional<String> askText(String title, String header, String label, String initial, Function<String, String> validator);

    Optional<char[]> askSecret(String title, String header, String label);

    void showError(String title, String message, Throwable details);

    void showInfo(String title, String message);

    /** {@code extensions} like {@code "*.p7m"}; the description is shown in the file dialog. */
    Optional<Path> chooseFile(String title, String description, String... extensions);

    Optional<Path> chooseSaveFile(String title, String initialName, String description, String... extensions);
}
