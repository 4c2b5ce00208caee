package org.depconsole.persistence;

/** A row with the same unique name exists already. The service words the message. */
public class DuplicateNameException extends StoreException {

    public DuplicateNameException(Throwable cause) {
        super(cause, "store.error.duplicate");
    }
}
