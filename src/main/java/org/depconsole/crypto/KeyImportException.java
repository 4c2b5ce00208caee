package org.depconsole.crypto;

import org.depconsole.domain.ConsoleException;

/**
 * A private key or certificate could not be imported or rebuilt: unreadable, password-protected, not
 * RSA, or the key does not belong to the certificate. The message never contains key material.
 */
public class KeyImportException extends ConsoleException {

    public KeyImportException(String messageKey, Object... args) {
        super(messageKey, args);
    }

    public KeyImportException(Throwable cause, String messageKey, Object... args) {
        super(cause, messageKey, args);
    }
}
