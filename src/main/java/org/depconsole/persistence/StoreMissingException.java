package org.depconsole.persistence;

/**
 * The store file of a data folder that has been used is missing, empty or damaged: nothing is created over it, and
 * the message names {@code depconsole restore FILE} and the newest backup found.
 */
public final class StoreMissingException extends StoreException {

    StoreMissingException(Throwable cause, String messageKey, Object... args) {
        super(cause, messageKey, args);
    }
}
