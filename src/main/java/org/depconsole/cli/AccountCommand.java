package org.depconsole.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.apple.AccountDetail;
import org.depconsole.service.AccountService;
import org.depconsole.service.CoreServices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code depconsole account NAME}: the MDM server and organization as Apple describes them. */
@Command(name = "account", description = "Show the server and organization details Apple holds (GET /account); --offline shows the stored ones.")
final class AccountCommand implements Callable<Integer> {

    @ParentCommand
    DepConsoleCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--offline", description = "Do not call Apple; show what was stored at the last call.")
    boolean offline;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        CoreServices core = ctx.core();
        long id = core.servers().get(name).id();
        Optional<AccountService.Account> account;
        if (offline) {
            account = core.accounts().stored(id);
        } else {
            ctx.unlockSecrets();
            account = Optional.of(core.accounts().refresh(id));
        }
        AccountService.Account a = account.orElseThrow(() -> new ConsoleException("cli.error.noAccountStored", name));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(a));
            return 0;
        }
        AccountDetail d = a.detail();
        Table t = new Table("FIELD", "VALUE");
        t.row("server_name", SyncCommand.nz(d.serverName()));
        t.row("server_uuid", SyncCommand.nz(d.serverUuid()));
        t.row("org_name", SyncCommand.nz(d.orgName()));
        t.row("org_type", SyncCommand.nz(d.orgType()));
        t.row("org_version", SyncCommand.nz(d.orgVersion()));
        t.row("org_id", SyncCommand.nz(d.orgId()));
        t.row("org_email", SyncCommand.nz(d.orgEmail()));
        t.row("org_phone", SyncCommand.nz(d.orgPhone()));
        t.row("org_address", SyncCommand.nz(d.orgAddress()));
        t.row("admin_id", SyncCommand.nz(d.adminId()));
        t.row("facilitator_id", SyncCommand.nz(d.facilitatorId()));
        d.urls().forEach(u -> t.row("limit " + u.uri(), (u.defaultLimit() == null ? "-" : u.defaultLimit()) + " default, "
                + (u.maximumLimit() == null ? "-" : u.maximumLimit()) + " maximum"));
        t.row("fetched_at", a.fetchedAt().toString());
        t.print(out);
        return 0;
    }
}
