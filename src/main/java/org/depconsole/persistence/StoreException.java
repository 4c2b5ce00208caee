package org.depconsole.persistence;

import org.depconsole.domain.ConsoleException;

/** The local store could not be read or written. */
public class StoreException extends ConsoleException {

    public StoreException(Throwable cause, String messageKey, Object... args) {
        super(cause, messageKey, args);
    }
}
