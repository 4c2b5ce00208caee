package org.depconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import org.depconsole.domain.ConsoleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxySettingsTest {

    @TempDir
    Path dir;

    @Test
    void aManualProxyNeedsAHostAndAPortAndSaysWhatToFix() {
        assertThatThrownBy(() -> new ProxySettings(ProxySettings.Mode.MANUAL, "http://proxy.example.org/", 3128))
                .isInstanceOf(ConsoleException.class).hasMessageContaining("without http:// or a path");
        assertThatThrownBy(() -> new ProxySettings(ProxySettings.Mode.MANUAL, "proxy.example.org", 0))
                .isInstanceOf(ConsoleException.class).hasMessageContaining("between 1 and 65535");
        assertThat(new ProxySettings(ProxySettings.Mode.NONE, "ignored host", -1).host()).isEqualTo("ignored host");
    }

    @Test
    void selectorsAndTheStoredSettingSurviveARestart() {
        URI apple = URI.create("https://mdmenrollment.apple.com/session");
        assertThat(ProxySettings.SYSTEM.selector()).as("the JVM's default selector").isNull();
        assertThat(new ProxySettings(ProxySettings.Mode.NONE, "", 0).selector().select(apple)).containsExactly(Proxy.NO_PROXY);
        Proxy manual = new ProxySettings(ProxySettings.Mode.MANUAL, "proxy.example.org", 3128).selector().select(apple).get(0);
        assertThat(manual.type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(((InetSocketAddress) manual.address()).getHostString()).isEqualTo("proxy.example.org");

        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            assertThat(core.clients().proxy()).isEqualTo(ProxySettings.SYSTEM);
            core.clients().setProxy(new ProxySettings(ProxySettings.Mode.MANUAL, " proxy.example.org ", 8080));
        }
        try (CoreServices core = CoreServices.open(AppDirs.at(dir))) {
            assertThat(core.clients().proxy()).isEqualTo(new ProxySettings(ProxySettings.Mode.MANUAL, "proxy.example.org", 8080));
        }
    }
}
