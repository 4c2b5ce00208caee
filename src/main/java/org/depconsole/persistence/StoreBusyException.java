package org.depconsole.persistence;

/** Another process owns the store and this one may not (or did not) wait for it. */
public final class StoreBusyException extends StoreException {

    private final transient StoreOwner owner;

    public StoreBusyException(String messageKey, StoreOwner owner) {
        super(null, messageKey, Long.toString(owner.pid()), owner.sinceClock(), owner.role());
        this.owner = owner;
    }

    /** The process that holds the store. */
    public StoreOwner owner() {
        return owner;
    }
}
