package org.depconsole.app;

import org.depconsole.service.AppDirs;

/** Points the log files at the data folder before the first logger is created. */
final class Logging {

    private Logging() {
    }

    static void configure(AppDirs dirs, boolean debug) {
        System.setProperty("depconsole.logs", dirs.logs().toString());
        if (debug) {
            System.setProperty("depconsole.logLevel", "DEBUG");
        }
    }
}
