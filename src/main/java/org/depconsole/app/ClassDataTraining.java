package org.depconsole.app;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import org.depconsole.cli.DepConsoleCommand;

/**
 * The training run of the build's class-data sharing archive ({@code lib/depconsole.jsa}, see pom.xml and
 * docs/performance.md): the build runs it once with {@code -XX:ArchiveClassesAtExit}, and every class it loads starts
 * faster afterwards. It does in one JVM what short commands do, on a throw-away data folder: start as {@link Main}
 * does, add a server, list servers (text and JSON), show a token, list devices. Failures (no token, no devices) are
 * expected and do not matter: only the classes loaded on the way count. Output goes nowhere.
 */
public final class ClassDataTraining {

    private ClassDataTraining() {
    }

    /** @param args the throw-away data folder */
    public static void main(String[] args) {
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
}
