package org.depconsole.crypto;

import org.depconsole.domain.ConsoleException;

/** A secret could not be opened: the store is locked, the passphrase is wrong or the data was altered. */
public class SecretStoreException extends ConsoleException {

    public SecretStoreException(String messageKey, Object... args) {
        super(messageKey, args);
    }

    public SecretStoreException(Throwable cause, String messageKey, Object... args) {
        super(cause, messageKey, args);
    }
}
