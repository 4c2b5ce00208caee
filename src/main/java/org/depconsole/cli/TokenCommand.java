package org.depconsole.cli;

import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Messages;
import org.depconsole.domain.Server;
import org.depconsole.domain.TokenState;
import org.depconsole.service.ServerService;
import org.depconsole.service.TokenImportPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code depconsole token …}: import the portal's token file, show what is stored, clear it. */
@Command(name = "token", description = "Import, show or clear a server's token.",
        subcommands = {TokenCommand.Import.class, TokenCommand.Show.class, TokenCommand.Clear.class})
final class TokenCommand {

    @ParentCommand
    DepConsoleCommand root;

    abstract static class Sub extends Subcommand {
        @ParentCommand
        TokenCommand parent;

        @Override
        DepConsoleCommand root() {
            return parent.root;
        }

        ServerService servers() {
            return core().servers();
        }
    }

    @Command(name = "import", description = {
        "Decrypt and store the *_smime.p7m token downloaded from Apple Business Manager; prints the expiry.",
        "Tokens never go backwards: a token that has expired, or that expires earlier than the stored token of the same "
                + "consumer key (probably an old download), is refused with both dates and nothing changes, unless "
                + "--replace-newer is given."})
    static final class Import extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "FILE")
        Path file;

        @Option(names = "--replace-identity", description = "Accept a token whose consumer key differs from the stored one.")
        boolean replaceIdentity;

        @Option(names = "--replace-newer", description = "Store the token even though it has expired or expires earlier "
                + "than the stored one (which it replaces).")
        boolean replaceNewer;

        @Override
        public Integer call() {
            context().unlockSecrets();
            TokenImportPlan plan = servers().importToken(name, file, replaceIdentity, replaceNewer);
            String expiry = DateTimeFormatter.ISO_INSTANT.format(plan.incoming().expiry());
            if (plan.setback() == TokenImportPlan.Setback.EARLIER) {
                out().println(Messages.format("token.import.storedEarlier", plan.serverName(), expiry,
                        plan.incoming().daysLeft(servers().clock())));
            } else if (plan.expired()) {
                out().println("Imported, but this token expired on " + expiry
                        + ": download a new token for this server in Apple Business Manager.");
            } else {
                out().println((plan.renewal() ? "Renewed" : "Linked") + " \"" + plan.serverName() + "\": token expires " + expiry
                        + " (" + plan.incoming().daysLeft(servers().clock()) + " days).");
            }
            return 0;
        }
    }

    @Command(name = "show", description = "Show the stored token's expiry, days left and key prefixes (never the secrets).")
    static final class Show extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() {
            Server s = servers().get(name);
            ServerView v = ServerView.of(s, servers().clock());
            if (json) {
                out().println(Json.write(v));
                return 0;
            }
            if (!s.linked()) {
                out().println("Server \"" + s.name() + "\" has no token yet: depconsole token import \"" + s.name() + "\" FILE.p7m");
                return 0;
            }
            out().println("Server:        " + v.name());
            out().println("State:         " + describe(TokenState.valueOf(v.tokenState())));
            out().println("Expires:       " + v.expires() + " (" + v.daysLeft() + " days left)");
            out().println("Consumer key:  " + v.consumerKey());
            out().println("Access token:  " + v.accessToken());
            out().println("Imported:      " + v.tokenImported());
            return 0;
        }

        private static String describe(TokenState state) {
            return switch (state) {
                case OK -> "linked";
                case EXPIRING -> "linked, renew within 30 days";
                case CRITICAL -> "linked, renew now (7 days or fewer left)";
                case EXPIRED -> "expired: download a new token in Apple Business Manager";
                case NOT_LINKED -> "not linked";
            };
        }
    }

    @Command(name = "clear", description = "Forget the server's token (devices and profiles stay).")
    static final class Clear extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--yes")
        boolean yes;

        @Override
        public Integer call() {
            Server s = servers().get(name);
            if (!yes && !Prompt.confirm(spec.commandLine(), "Clear the token of \"" + s.name()
                    + "\"? The console can no longer talk to Apple for it until you import a token again. [y/N] ")) {
                throw new ConsoleException("cli.error.notConfirmed");
            }
            servers().clearToken(s.id());
            out().println("Cleared the token of \"" + s.name() + "\".");
            return 0;
        }
    }
}
