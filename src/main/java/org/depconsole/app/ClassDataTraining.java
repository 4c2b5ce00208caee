package org.depconsole.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.depconsole.cli.DepConsoleCommand;

/**
 * The training run of the build's class-data sharing archive ({@code lib/depconsole.jsa}, see pom.xml and
 * docs/performance.md): the build runs it once with {@code -XX:ArchiveClassesAtExit}, and every class it loads starts
 * faster afterwards. It does in one JVM what short commands do, on a throw-away data folder: start as {@link Main}
 * does, add a server, list servers (text and JSON), show a token, list devices. Failures (no token, no devices) are
 * expected and do not matter: only the classes loaded on the way count. Output goes nowhere.
 *
 * <p>The window cannot open here (the build has no display), so the classes it loads are named in a list
 * ({@code src/main/cds/window-classes.txt}, written from class-load logs of real window runs) and loaded by name
 * without being initialised: the archive keeps them parsed and verified, which took the window's start from process
 * start to the first rows from about 4.1 to 3.4 s at 100,000 devices. A name the class path no longer has is skipped.
 */
public final class ClassDataTraining {

    private ClassDataTraining() {
    }

    /** @param args the throw-away data folder, then optionally the window's class list */
    public static void main(String[] args) {
        if (args.length > 1) {
            loadListed(Path.of(args[1]));
        }
        String data = Path.of(args[0]).toAbsolutePath().toString();
        System.setProperty("h2.bindAddress", org.depconsole.persistence.Database.BIND_ADDRESS);
        Logging.configure(Path.of(data), false);
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        String[][] commands = {
            {"--data-dir", data, "servers", "list"},
            {"--data-dir", data, "servers", "add", "Training", "--endpoint", "http://127.0.0.1:9"},
            {"--data-dir", data, "servers", "list"},
            {"--data-dir", data, "servers", "list", "--json"},
            {"--data-dir", data, "token", "show", "Training", "--json"},
            {"--data-dir", data, "token", "show", "Training"},
            {"--data-dir", data, "devices", "Training"},
            {"--data-dir", data, "devices", "Training", "--format", "csv"},
            {"--data-dir", data, "--version"},
            {"--data-dir", data, "--help"},
        };
        for (String[] command : commands) {
            DepConsoleCommand.run(command, options -> {
                throw new IllegalStateException("training opens no window");
            }, none, none);
        }
        none.println(DepConsoleCommand.Version.line());
    }

    /** Loads (without initialising) every class the list names; returns how many the class path has. */
    static int loadListed(Path list) {
        List<String> names;
        try {
            names = Files.readAllLines(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClassLoader loader = ClassDataTraining.class.getClassLoader();
        int loaded = 0;
        for (String name : names) {
            if (name.isBlank() || name.startsWith("#")) {
                continue;
            }
            try {
                Class.forName(name.strip(), false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // renamed or removed since the list was written, or a platform's class (GTK on another system)
            }
        }
        return loaded;
    }
}
