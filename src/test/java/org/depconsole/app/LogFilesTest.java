package org.depconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log folder and every log file are owner-only, also files a rollover creates. Child JVMs run with umask 000 (every
 * new file world-readable unless the console restricts it) and the real logback.xml instead of the tests' one.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LogFilesTest {

    @TempDir
    Path dir;

    @Test
    void aCommandWritesItsLogOwnerOnlyAndRestrictsAnOlderLooseFile() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("logs"));
        Path loose = Files.writeString(data.resolve("logs/depconsole.log"), "written by an older version\n");
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(data.resolve("logs"), PosixFilePermissions.fromString("rwxr-xr-x"));

        String out = runWithUmask000("org.depconsole.app.Main", "servers", "add", "Lab", "--data-dir", data.toString());

        assertThat(out).contains("Lab");
        assertOwnerOnly(data.resolve("logs"));
        assertThat(Files.readString(loose)).startsWith("written by an older version").contains("added with a new key pair");
    }

    @Test
    void filesARolloverCreatesAreOwnerOnlyToo() throws Exception {
        Path data = dir.resolve("data");

        runWithUmask000("org.depconsole.app.LogRolloverProbe", data.toString());

        List<Path> files = assertOwnerOnly(data.resolve("logs"));
        assertThat(files).as("the active file and two rolled ones").hasSizeGreaterThanOrEqualTo(3);
        assertThat(Files.readString(data.resolve("logs/depconsole.log"))).contains("day 3").doesNotContain("day 1");
    }

    private String runWithUmask000(String mainClass, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask 000 && exec \"$0\" \"$@\"", java,
                "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Path output = dir.resolve("child-output.txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(output);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** Checks the folder and each file in it; returns the files. */
    private static List<Path> assertOwnerOnly(Path logs) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs))).as(logs.toString()).isEqualTo("rwx------");
        try (Stream<Path> list = Files.list(logs)) {
            List<Path> files = list.toList();
            assertThat(files).isNotEmpty();
            for (Path f : files) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
            }
            return files;
        }
    }
}
