package org.depconsole.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The console started as a separate process (a real JVM on the test class path), as an admin's shell starts it. */
public final class ChildJvm {

    /** Exit code and output of a finished child. */
    public record Result(int exit, String out, String err) {
    }

    private ChildJvm() {
    }

    /** The command line that starts {@code mainClass} with {@code args} in a JVM on the test class path. */
    public static List<String> command(String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                // the production logging: files in the data folder, nothing on standard output
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        return cmd;
    }

    /** Starts {@code mainClass} with {@code args}; read its output from the process. */
    public static Process start(String mainClass, List<String> args) {
        try {
            return new ProcessBuilder(command(mainClass, args)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the command line {@code depconsole ARGS} in a child JVM and waits for it (at most {@code seconds}). */
    public static Result run(int seconds, String... args) {
        Process p = start("org.depconsole.app.Main", List.of(args));
        try {
            var out = new java.util.concurrent.CompletableFuture<String>();
            var err = new java.util.concurrent.CompletableFuture<String>();
            daemon(() -> out.complete(read(p.getInputStream())));
            daemon(() -> err.complete(read(p.getErrorStream())));
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("depconsole " + String.join(" ", args) + " did not end within " + seconds + " s");
            }
            return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A daemon thread, so a stuck reader never keeps the test JVM alive. */
    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "child-output");
        t.setDaemon(true);
        t.start();
    }
}
