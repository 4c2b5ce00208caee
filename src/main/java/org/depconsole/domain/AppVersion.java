package org.depconsole.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The application version, written into {@code version.properties} by the build. */
public final class AppVersion {

    private static final String VERSION = load();

    private AppVersion() {
    }

    public static String get() {
        return VERSION;
    }

    /** The {@code User-Agent} sent to Apple: {@code DEPConsole/<version>}. */
    public static String userAgent() {
        return "DEPConsole/" + VERSION;
    }

    private static String load() {
        try (InputStream in = AppVersion.class.getResourceAsStream("/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
