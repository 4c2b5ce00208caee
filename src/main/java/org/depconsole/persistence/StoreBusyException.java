package org.depconsole.persistence;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Another process owns the store and this one may not (or did not) wait for it. */
public final class StoreBusyException extends StoreException {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final transient StoreOwner owner;

    public StoreBusyException(String messageKey, StoreOwner owner) {
        super(null, messageKey, Long.toString(owner.pid()), TIME.format(owner.since().atZone(ZoneId.systemDefault())), owner.role());
        this.owner = owner;
    }

    /** The process that holds the store. */
    public StoreOwner owner() {
        return owner;
    }
}
