package org.depconsole.cli;

import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;

/** What a command needs: the core services on the chosen data folder. */
final class CliContext implements AutoCloseable {

    private final CoreServices core;

    private CliContext(CoreServices core) {
        this.core = core;
    }

    static CliContext open(DepConsoleCommand.GlobalOptions options) {
        return new CliContext(CoreServices.open(AppDirs.at(options.dataDir())));
    }

    CoreServices core() {
        return core;
    }

    @Override
    public void close() {
        core.close();
    }
}
