package org.depconsole.cli;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Short ids that tie an "unexpected error" message to its single log entry. */
final class ErrorIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ErrorIds() {
    }

    static String next() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return "E-" + HexFormat.of().withUpperCase().formatHex(b);
    }
}
