package org.depconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * jlink.properties is the one place for JVM options. javafx-maven-plugin cannot read a property file,
 * so the pom repeats them for {@code javafx:run}: this test keeps the two in step. The window's options carry
 * {@code -XX:+IgnoreUnrecognizedVMOptions} (an older JDK 17 lacks one of them), which would also hide a misspelt
 * option: the second test asks this JDK for its flag list instead.
 */
class JlinkPropertiesTest {

    /** jlink.properties as the build reads it. */
    static Properties jlinkProperties() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("jlink.properties"))) {
            p.load(r);
        }
        return p;
    }

    @Test
    void javafxRunUsesTheOptionsOfJlinkProperties() throws IOException {
        Properties p = jlinkProperties();
        String pom = Files.readString(Path.of("pom.xml"));
        String javafxPlugin = pom.substring(pom.indexOf("<artifactId>javafx-maven-plugin</artifactId>"));
        javafxPlugin = javafxPlugin.substring(0, javafxPlugin.indexOf("</plugin>"));
        for (String key : new String[] {"app.jvmOptions", "app.jvmOptions.modular", "app.jvmOptions.window"}) {
            for (String option : p.getProperty(key).trim().split("\\s+")) {
                assertThat(javafxPlugin).as("javafx:run option from %s", key).contains("<option>" + option + "</option>");
            }
        }
        assertThat(p.getProperty("jlink.modules")).contains("javafx.controls", "javafx.fxml", "java.sql", "jdk.httpserver");
    }

    @Test
    void everyXxOptionIsOneThisJdkKnows() throws Exception {
        Properties p = jlinkProperties();
        List<String> options = new ArrayList<>();
        for (String key : new String[] {"app.jvmOptions", "app.jvmOptions.window", "app.jvmOptions.sync", "app.jvmOptions.command"}) {
            options.addAll(List.of(p.getProperty(key).trim().split("\\s+")));
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UnlockExperimentalVMOptions");
        cmd.add("-XX:+PrintFlagsFinal");
        cmd.add("-version");
        Process jvm = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String flags = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(jvm.exitValue()).as(flags).isZero();

        Pattern xx = Pattern.compile("-XX:[+-]?(\\w+)(=.*)?");
        int checked = 0;
        for (String option : options) {
            Matcher m = xx.matcher(option);
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1);
            if (name.equals("TrimNativeHeapInterval") && Runtime.version().compareTo(Runtime.Version.parse("17.0.9")) < 0) {
                continue; // added in 17.0.9; older JDKs ignore it (IgnoreUnrecognizedVMOptions)
            }
            assertThat(flags).as("-XX option %s known to Java %s", name, Runtime.version())
                    .containsPattern("\\s" + name + "\\s+=");
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }
}
