package org.depconsole.testsupport;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.depconsole.ui.DialogService;

/**
 * The window's real dialogs, except that the operating system's file choosers (which need a display) answer with
 * a file the test chose. Everything else is shown and driven as usual.
 */
public final class AnsweringDialogs implements DialogService {

    private final DialogService real;
    private volatile Path nextFile;

    public AnsweringDialogs(DialogService real) {
        this.real = real;
    }

    /** The file the next open or save chooser returns (then it returns nothing again). */
    public void answerNextChooser(Path file) {
        nextFile = file;
    }

    private Optional<Path> take() {
        Path f = nextFile;
        nextFile = null;
        return Optional.ofNullable(f);
    }

    @Override
    public boolean confirm(String title, String header, String content, String confirmLabel) {
        return real.confirm(title, header, content, confirmLabel);
    }

    @Override
    public Optional<String> askText(String title, String header, String label, String initial, Function<String, String> validator) {
        return real.askText(title, header, label, initial, validator);
    }

    @Override
    public Optional<char[]> askSecret(String title, String header, String label) {
        return real.askSecret(title, header, label);
    }

    @Override
    public void showError(String title, String message, Throwable details) {
        real.showError(title, message, details);
    }

    @Override
    public void showInfo(String title, String message) {
        real.showInfo(title, message);
    }

    @Override
    public Optional<Path> chooseFile(String title, String description, String... extensions) {
        return take();
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String initialName, String description, String... extensions) {
        return take();
    }
}
