package org.depconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.depconsole.domain.AppVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a short command loads in a fresh JVM (docs/performance.md, start-up): {@code --version} touches neither the
 * log nor the store, and a command on a store that is up to date starts no Flyway and no JSON mapper. Class loading,
 * not time, is checked: the figures come from the start-up benchmark.
 */
class CommandStartupFootprintTest {

    @TempDir
    Path dir;

    private List<String> run(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("classes-" + System.nanoTime() + ".txt");
        List<String> cmd = new ArrayList<>(List.of(java, "-verbose:class", "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), "org.depconsole.app.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(log);
        assertThat(p.exitValue()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()))).isZero();
        return lines;
    }

    private static boolean loaded(List<String> lines, String prefix) {
        return lines.stream().anyMatch(l -> l.contains("[class,load] " + prefix));
    }

    @Test
    void versionTouchesNeitherTheLogNorTheStore() throws Exception {
        List<String> lines = run("--version");
        assertThat(lines).contains("DEP Console " + AppVersion.get());
        assertThat(loaded(lines, "ch.qos.logback.")).as("Logback").isFalse();
        assertThat(loaded(lines, "org.h2.")).as("H2").isFalse();
        assertThat(loaded(lines, "org.depconsole.service.AppDirs")).as("the data folder").isFalse();
    }

    @Test
    void aReadingCommandOnACurrentStoreStartsNoFlywayAndNoJsonMapper() throws Exception {
        String data = dir.resolve("data").toString();
        List<String> first = run("--data-dir", data, "servers", "list");
        assertThat(loaded(first, "org.flywaydb.")).as("a new store is migrated by Flyway").isTrue();

        List<String> again = run("--data-dir", data, "servers", "list");
        assertThat(again).anyMatch(l -> l.contains("No servers yet"));
        assertThat(loaded(again, "org.flywaydb.")).as("Flyway").isFalse();
        assertThat(loaded(again, "com.fasterxml.jackson.databind.ObjectMapper")).as("Jackson's ObjectMapper").isFalse();
        assertThat(loaded(again, "org.depconsole.sync.SyncEngine")).as("the sync service (its engine)").isFalse();
    }
}
