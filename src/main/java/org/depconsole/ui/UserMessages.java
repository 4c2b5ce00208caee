package org.depconsole.ui;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure into the one sentence the admin sees. Expected failures ({@link ConsoleException}) carry their
 * own sentence; anything else is logged once here with an error id that the sentence shows.
 */
public final class UserMessages {

    private static final Logger LOG = LoggerFactory.getLogger(UserMessages.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private UserMessages() {
    }

    public static String of(Throwable failure) {
        Throwable t = failure;
        while (t != null) {
            if (t instanceof ConsoleException ce) {
                return ce.getMessage();
            }
            t = t.getCause();
        }
        String id = errorId();
        LOG.error("unexpected error {}", id, failure);
        return Messages.format("error.unexpected", id);
    }

    static String errorId() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return "E-" + HexFormat.of().withUpperCase().formatHex(b);
    }
}
