package org.depconsole.persistence;

import java.time.Instant;

/**
 * The process that owns a data folder's store, as it announces itself in the folder's {@code owner.info} file.
 *
 * @param pid          operating-system process id
 * @param processStart when that process started (tells a reused pid from the owner)
 * @param since        when it became the owner
 * @param role         {@code window} or the command it runs (such as {@code sync})
 * @param port         loopback port where it serves the store to other processes of this account
 * @param closing      true once it has started to close: new processes wait for it to finish instead of connecting
 */
public record StoreOwner(long pid, Instant processStart, Instant since, String role, int port, boolean closing) {

    public static final String WINDOW = "window";

    /** When it became the owner, as the local time of day ({@code 20:40}) that sentences about a busy folder show. */
    public String sinceClock() {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(since.atZone(java.time.ZoneId.systemDefault()));
    }

    public boolean isWindow() {
        return WINDOW.equals(role);
    }

    /** True while that process runs (on this machine; the data folder is local). */
    public boolean alive() {
        return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant())
                .map(start -> processStart == null || Math.abs(start.toEpochMilli() - processStart.toEpochMilli()) < 1000)
                .orElse(false);
    }

    StoreOwner asClosing() {
        return new StoreOwner(pid, processStart, since, role, port, true);
    }
}
