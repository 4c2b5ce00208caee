package org.depconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * jlink.properties is the one place for JVM options. javafx-maven-plugin cannot read a property file,
 * so the pom repeats them for {@code javafx:run}: this test keeps the two in step.
 */
class JlinkPropertiesTest {

    @Test
    void javafxRunUsesTheOptionsOfJlinkProperties() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("jlink.properties"))) {
            p.load(r);
        }
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
}
