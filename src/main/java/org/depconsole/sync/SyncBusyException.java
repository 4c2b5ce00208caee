package org.depconsole.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.inventory.SyncLeaseHolder;

/** No sync was started: another live DEP Console process holds the server's sync lease and is syncing it now. */
public final class SyncBusyException extends ConsoleException {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final transient SyncLeaseHolder holder;

    SyncBusyException(SyncLeaseHolder holder) {
        super("sync.busy", pid(holder), since(holder.acquiredAt(), Clock.systemDefaultZone()));
        this.holder = holder;
    }

    /** The process that syncs the server. */
    public SyncLeaseHolder holder() {
        return holder;
    }

    /** The holder's process id as the sentences show it (no digit grouping). */
    public static String pid(SyncLeaseHolder holder) {
        return Long.toString(holder.pid());
    }

    /** When the holder started, in local time: "20:40" today, else with the date. */
    public static String since(Instant at, Clock clock) {
        ZoneId zone = clock.getZone();
        boolean today = LocalDate.ofInstant(at, zone).equals(LocalDate.ofInstant(clock.instant(), zone));
        return (today ? TIME : DAY_AND_TIME).withZone(zone).format(at);
    }
}
