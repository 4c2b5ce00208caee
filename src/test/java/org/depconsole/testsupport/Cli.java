package org.depconsole.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.depconsole.cli.DepConsoleCommand;

/** Runs the command line in-process on a private data folder, as a script would, and keeps what it printed. */
public final class Cli {

    /** Exit code and the two streams of one command. */
    public record Result(int exit, String out, String err) {
    }

    private final Path dataDir;

    public Cli(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        return runExactly(all.toArray(String[]::new));
    }

    /** Runs exactly these arguments: the test places {@code --data-dir} itself (never leave it out: that is the user's own store). */
    public static Result runExactly(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DepConsoleCommand.run(args, o -> {
            throw new AssertionError("a command must not open the window");
        }, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }
}
