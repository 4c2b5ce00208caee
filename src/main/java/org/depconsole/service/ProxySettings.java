package org.depconsole.service;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import org.depconsole.domain.ConsoleException;
import org.depconsole.persistence.SettingsRepository;

/**
 * How the console reaches Apple: the system's proxy settings (the default, which honours {@code https.proxyHost} and
 * the operating system's configuration), a proxy given here, or none at all.
 *
 * @param mode SYSTEM, MANUAL or NONE
 * @param host the manual proxy's host, blank otherwise
 * @param port the manual proxy's port, 0 otherwise
 */
public record ProxySettings(Mode mode, String host, int port) {

    /** Where the proxy setting comes from. */
    public enum Mode {
        SYSTEM,
        MANUAL,
        NONE
    }

    static final String MODE_KEY = "setting.proxy.mode";
    static final String HOST_KEY = "setting.proxy.host";
    static final String PORT_KEY = "setting.proxy.port";

    public static final ProxySettings SYSTEM = new ProxySettings(Mode.SYSTEM, "", 0);

    /** Checks a manual proxy: a host and a port from 1 to 65535; a sentence naming the fix otherwise. */
    public ProxySettings {
        host = host == null ? "" : host.strip();
        if (mode == Mode.MANUAL) {
            if (host.isEmpty() || host.contains(" ") || host.contains("/")) {
                throw new ConsoleException("settings.error.proxyHost", host);
            }
            if (port < 1 || port > 65535) {
                throw new ConsoleException("settings.error.proxyPort", Integer.toString(port)); // a port, not a count: no grouping
            }
        }
    }

    /** The selector for the Apple client; null means the JVM's default (system) selector. */
    public ProxySelector selector() {
        return switch (mode) {
            case SYSTEM -> null;
            case NONE -> ProxySelector.of(null);
            case MANUAL -> ProxySelector.of(InetSocketAddress.createUnresolved(host, port));
        };
    }

    static ProxySettings load(SettingsRepository settings) {
        try {
            Mode mode = Mode.valueOf(settings.get(MODE_KEY).orElse("SYSTEM"));
            if (mode != Mode.MANUAL) {
                return new ProxySettings(mode, "", 0);
            }
            return new ProxySettings(mode, settings.get(HOST_KEY).orElse(""), Integer.parseInt(settings.get(PORT_KEY).orElse("0")));
        } catch (RuntimeException e) {
            return SYSTEM; // a damaged setting falls back to the system's proxy
        }
    }

    void save(SettingsRepository settings) {
        settings.put(MODE_KEY, mode.name());
        settings.put(HOST_KEY, host);
        settings.put(PORT_KEY, Integer.toString(port));
    }
}
