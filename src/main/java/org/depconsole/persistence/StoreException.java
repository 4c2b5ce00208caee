package org.depconsole.persistence;

import java.sql.SQLException;
import org.depconsole.domain.ConsoleException;

/** The local store could not be read or written. */
public class StoreException extends ConsoleException {

    /** H2: connection broken, database closed, database called at shutdown. */
    private static final java.util.Set<Integer> LOST = java.util.Set.of(90067, 90098, 90121);

    public StoreException(Throwable cause, String messageKey, Object... args) {
        super(cause, lost(cause) ? "store.error.lost" : messageKey, args);
    }

    /** True when the store went away under this process (the process that served it stopped), not when a statement failed. */
    static boolean lost(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && LOST.contains(sql.getErrorCode())) {
                return true;
            }
        }
        return false;
    }
}
