package org.depconsole.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared reference material beside the checkout ({@code ../shared}), read in place, never copied. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path shared() {
        String prop = System.getProperty("depconsole.shared");
        Path p = prop != null ? Path.of(prop) : Path.of("../shared");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("shared fixtures not found at " + p.toAbsolutePath());
        }
        return p;
    }

    public static Path appleToken() {
        return shared().resolve("fixtures/apple-server-token/apple-mdm-client-tests-1-server-token.p7m");
    }

    public static Path appleKey() {
        return shared().resolve("fixtures/apple-server-token/apple-mdm-client-tests-1.pem");
    }

    public static Path appleCert() {
        return shared().resolve("fixtures/apple-server-token/apple-mdm-client-tests-1.crt");
    }

    public static Path skipKeys() {
        return shared().resolve("reference/apple/skipkeys.yaml");
    }
}
