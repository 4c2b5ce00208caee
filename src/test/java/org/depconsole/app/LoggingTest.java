package org.depconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log folder is found in the arguments before picocli parses them, wherever the global options stand. */
class LoggingTest {

    @Test
    void dataDirBeforeOrAfterTheSubcommand() {
        Path x = Path.of("/tmp/x");
        assertThat(Logging.dataDirFrom(new String[] {"--data-dir", "/tmp/x", "devices", "lab"})).isEqualTo(x);
        assertThat(Logging.dataDirFrom(new String[] {"devices", "lab", "--data-dir", "/tmp/x"})).isEqualTo(x);
        assertThat(Logging.dataDirFrom(new String[] {"profiles", "assign", "lab", "--data-dir=/tmp/x", "--serial", "S"})).isEqualTo(x);
        assertThat(Logging.dataDirFrom(new String[] {"devices", "lab"})).isNull();
        assertThat(Logging.dataDirFrom(new String[] {"tags", "lab", "add", "--", "--data-dir", "/tmp/x"})).as("after --").isNull();
        assertThat(Logging.dataDirFrom(new String[] {"devices", "lab", "--data-dir"})).as("no value: picocli refuses it").isNull();
    }

    @Test
    void debugBeforeOrAfterTheSubcommand() {
        assertThat(Logging.debugFrom(new String[] {"--debug", "servers", "list"})).isTrue();
        assertThat(Logging.debugFrom(new String[] {"servers", "list", "--debug"})).isTrue();
        assertThat(Logging.debugFrom(new String[] {"servers", "list"})).isFalse();
        assertThat(Logging.debugFrom(new String[] {"tags", "lab", "add", "--", "--debug"})).isFalse();
    }

    @Test
    void theLevelSavedInTheWindowsSettings(@TempDir Path dir) throws Exception {
        Path settings = dir.resolve("settings.json");
        assertThat(Logging.savedLevel(settings)).as("no settings yet").isNull();
        Files.writeString(settings, "{\"theme\":\"dark\",\"logLevel\":\"DEBUG\"}");
        assertThat(Logging.savedLevel(settings)).isEqualTo("DEBUG");
        Files.writeString(settings, "{\"logLevel\":\"INFO\",\"lastScreen\":\"DEBUG\"}");
        assertThat(Logging.savedLevel(settings)).isEqualTo("INFO");
        Files.writeString(settings, "{\"logLevel\":\"INFO\"}");
        assertThat(Logging.savedLevel(settings)).as("only DEBUG changes anything").isNull();
        Files.writeString(settings, "{ damaged DEBUG");
        assertThat(Logging.savedLevel(settings)).isNull();
    }

    @Test
    void onlyABareVersionRequestTakesTheShortWay() {
        assertThat(Main.onlyVersion(new String[] {"--version"})).isTrue();
        assertThat(Main.onlyVersion(new String[] {"-V"})).isTrue();
        assertThat(Main.onlyVersion(new String[] {"--data-dir", "/tmp/x", "--version"})).as("picocli answers it").isFalse();
        assertThat(Main.onlyVersion(new String[] {"servers", "--version"})).isFalse();
        assertThat(Main.onlyVersion(new String[0])).isFalse();
    }
}
