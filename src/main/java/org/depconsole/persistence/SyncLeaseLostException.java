package org.depconsole.persistence;

/**
 * A sync tried to store a page (or its end) for a server whose sync lease it no longer holds: another process took
 * the lease over because this one had stopped answering. Nothing of that write was stored.
 */
public final class SyncLeaseLostException extends StoreException {

    public SyncLeaseLostException() {
        super(null, "sync.error.leaseLost");
    }
}
