package org.depconsole.domain.inventory;

/** What a sync run does: a full fetch of every device, or the changes since the stored cursor. */
public enum SyncKind {
    FULL,
    INCREMENTAL
}
