package org.depconsole.cli;

import picocli.CommandLine;

/** The one list of subcommands. */
final class Commands {

    private Commands() {
    }

    static void register(CommandLine cl, DepConsoleCommand root) {
        // subcommands are added here as they are built
    }
}
