package org.depconsole.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.depconsole.service.CoreServices;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand of a command group (org, profiles, servers, token) reaches through its group: the console's
 * context and services, and the command line's output streams. A group's own base class names its parent and adds
 * what only that group needs.
 */
abstract class Subcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The top-level command, which holds the global options and the context. */
    abstract DepConsoleCommand root();

    CliContext context() {
        return root().context();
    }

    CoreServices core() {
        return context().core();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
