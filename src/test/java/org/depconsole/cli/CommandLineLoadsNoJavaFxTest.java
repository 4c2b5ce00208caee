package org.depconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command runs in a fresh JVM without loading a single JavaFX class (the launcher's promise). */
class CommandLineLoadsNoJavaFxTest {

    @TempDir
    Path dir;

    @Test
    void serversListLoadsNoJavaFxClass() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("classes.txt");
        Process p = new ProcessBuilder(java, "-verbose:class", "-cp", System.getProperty("java.class.path"),
                "org.depconsole.app.Main", "--data-dir", dir.resolve("data").toString(), "servers", "list")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(log);
        assertThat(p.exitValue()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()))).isZero();
        assertThat(lines).anyMatch(l -> l.contains("No servers yet"));
        assertThat(lines).anyMatch(l -> l.contains("org.depconsole.cli.ServersCommand"));
        assertThat(lines).noneMatch(l -> l.contains(" javafx.") || l.contains("[class,load] javafx."));
    }
}
