package org.depconsole.cli;

import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.depconsole.domain.ApiCallRecord;
import org.depconsole.domain.JournalQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depconsole journal [NAME]}: the calls made to Apple, newest first. */
@Command(name = "journal", description = "Show or export the journal of calls to Apple (newest first).")
final class JournalCommand implements Callable<Integer> {

    @ParentCommand
    DepConsoleCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this server.")
    String name;

    @Option(names = "--failures", description = "Only calls that failed.")
    boolean failures;

    @Option(names = "--search", paramLabel = "TEXT", description = "Path, error code or cause containing TEXT.")
    String search;

    @Option(names = "--limit", defaultValue = "200")
    int limit;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the entries to a CSV file.")
    Path csv;

    @Override
    public Integer call() {
        var core = root.context().core();
        Long serverId = name == null ? null : core.servers().get(name).id();
        List<ApiCallRecord> calls = core.journal().find(new JournalQuery(serverId, null, null, search, failures ? true : null, limit));
        var out = spec.commandLine().getOut();
        if (csv != null) {
            core.journal().exportCsv(calls, csv);
            out.println("Wrote " + calls.size() + " entries to " + csv.toAbsolutePath() + ".");
        } else if (json) {
            out.println(Json.write(calls));
        } else {
            Table t = new Table("TIME", "SERVER", "CALL", "STATUS", "MS", "BYTES", "DEVICES", "ERROR", "CAUSE");
            for (ApiCallRecord c : calls) {
                t.row(DateTimeFormatter.ISO_INSTANT.format(c.at()), Long.toString(c.serverId()), c.method() + " " + c.path(),
                        c.status() == 0 ? "-" : Integer.toString(c.status()), Long.toString(c.durationMillis()), Long.toString(c.bytes()),
                        Integer.toString(c.deviceCount()), c.errorCode() == null ? "" : c.errorCode(), c.cause() == null ? "" : c.cause());
            }
            t.print(out);
        }
        return 0;
    }
}
