package org.depconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script (src/main/dist/bin/depconsole) picks the JVM options of jlink.properties by what is run: the
 * window's for the window and the simulator, the sync's for sync, the short commands' for the rest.
 * The script is filtered here as the build filters it and run by {@code sh} with a stand-in {@code java} that prints
 * the arguments it was given.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherScriptTest {

    @TempDir
    Path home;

    private Properties options;

    @BeforeEach
    void install() throws IOException {
        options = JlinkPropertiesTest.jlinkProperties();
        options.setProperty("app.mainClass", "org.depconsole.app.Main");
        String script = Files.readString(Path.of("src/main/dist/bin/depconsole"));
        Matcher token = Pattern.compile("@([a-zA-Z.]+)@").matcher(script);
        StringBuilder filtered = new StringBuilder();
        while (token.find()) {
            String value = options.getProperty(token.group(1));
            assertThat(value).as("jlink.properties has %s, used by the launcher script", token.group(1)).isNotNull();
            token.appendReplacement(filtered, Matcher.quoteReplacement(value));
        }
        token.appendTail(filtered);
        Files.createDirectories(home.resolve("app/bin"));
        Files.createDirectories(home.resolve("app/lib"));
        Files.writeString(home.resolve("app/bin/depconsole"), filtered.toString());
        Path java = home.resolve("jdk/bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> launch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", home.resolve("app/bin/depconsole").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", home.resolve("jdk").toString());
        pb.environment().remove("DEPCONSOLE_OPTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    private List<String> of(String key) {
        return List.of(options.getProperty(key).trim().split("\\s+"));
    }

    @Test
    void theWindowGetsTheWindowsOptionsAndC2() throws Exception {
        List<String> jvm = launch();
        assertThat(jvm).containsAll(of("app.jvmOptions")).containsAll(of("app.jvmOptions.window"))
                .doesNotContain("-XX:TieredStopAtLevel=1").doesNotContainAnyElementsOf(of("app.jvmOptions.command"));
        assertThat(jvm.get(jvm.size() - 1)).isEqualTo("org.depconsole.app.Main");
    }

    @Test
    void syncGetsItsOwnOptionsWithTheClientCompilerOnly() throws Exception {
        List<String> jvm = launch("--data-dir", "/tmp/x", "sync", "Lab");
        assertThat(jvm).containsAll(of("app.jvmOptions")).containsAll(of("app.jvmOptions.sync"))
                .contains("-XX:TieredStopAtLevel=1").doesNotContain("-XX:+UseSerialGC", "-XX:GCTimeRatio=6");
        assertThat(jvm.subList(jvm.size() - 5, jvm.size())).containsExactly("org.depconsole.app.Main", "--data-dir", "/tmp/x", "sync", "Lab");
    }

    @Test
    void theSimulatorKeepsC2AndShortCommandsGetTheirOwnOptions() throws Exception {
        assertThat(launch("simulator", "--port", "0")).containsAll(of("app.jvmOptions.window"))
                .doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(launch("--version")).containsAll(of("app.jvmOptions.command"))
                .doesNotContainAnyElementsOf(of("app.jvmOptions.window"));
        assertThat(launch("--data-dir", "sync", "devices", "Lab")).as("a data folder named sync is not the sync command")
                .containsAll(of("app.jvmOptions.command")).doesNotContainAnyElementsOf(of("app.jvmOptions.window"));
    }
}
