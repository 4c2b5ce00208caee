package org.depconsole.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Server;
import org.depconsole.service.ServerService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code depconsole servers …}: add, list, export the certificate, import a key pair, rename, remove. */
@Command(name = "servers", description = "Manage the MDM servers linked to this console.",
        subcommands = {ServersCommand.Add.class, ServersCommand.ListServers.class, ServersCommand.Cert.class,
                ServersCommand.ImportKey.class, ServersCommand.Rename.class, ServersCommand.SetEndpoint.class, ServersCommand.Remove.class})
final class ServersCommand {

    @ParentCommand
    DepConsoleCommand root;

    abstract static class Sub extends Subcommand {
        @ParentCommand
        ServersCommand parent;

        @Override
        DepConsoleCommand root() {
            return parent.root;
        }

        ServerService servers() {
            return core().servers();
        }
    }

    @Command(name = "add", description = "Create a server: generates its key pair and the certificate to upload to Apple Business Manager.")
    static final class Add extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--endpoint", paramLabel = "URL", description = "Base URL of the Device Assignment service (default: Apple's).")
        String endpoint;

        @Override
        public Integer call() {
            context().unlockSecrets();
            Server s = servers().add(name, endpoint == null ? Server.APPLE_ENDPOINT : ServerService.parseEndpoint(endpoint));
            out().println("Added server \"" + s.name() + "\". Next: depconsole servers cert \"" + s.name()
                    + "\" --out FILE.pem, upload it in Apple Business Manager, then depconsole token import \"" + s.name() + "\" TOKEN.p7m");
            return 0;
        }
    }

    @Command(name = "list", description = "List the servers with their token state.")
    static final class ListServers extends Sub {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<Server> all = servers().list();
            var clock = servers().clock();
            if (json) {
                out().println(Json.write(all.stream().map(s -> ServerView.of(s, clock)).toList()));
            } else if (all.isEmpty()) {
                out().println("No servers yet. Add one with: depconsole servers add NAME");
            } else {
                Table table = new Table("NAME", "TOKEN", "EXPIRES", "DAYS LEFT", "CONSUMER KEY", "ENDPOINT");
                for (Server s : all) {
                    ServerView v = ServerView.of(s, clock);
                    table.row(v.name(), v.tokenState(), v.expires() == null ? "-" : v.expires().toString(),
                            v.daysLeft() == null ? "-" : v.daysLeft().toString(), v.consumerKey() == null ? "-" : v.consumerKey(), v.endpoint());
                }
                table.print(out());
            }
            return 0;
        }
    }

    @Command(name = "cert", description = "Write the server's public-key certificate (PEM) for upload to Apple Business Manager.")
    static final class Cert extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the .pem file.")
        Path out;

        @Override
        public Integer call() throws IOException {
            String pem = servers().certificatePem(name);
            Files.writeString(out, pem, StandardCharsets.US_ASCII);
            out().println("Wrote " + out.toAbsolutePath() + ". Upload it for this MDM server in Apple Business Manager or Apple School Manager.");
            return 0;
        }
    }

    @Command(name = "import-key", description = "Use an existing key pair (PKCS#1 or PKCS#8 PEM key plus its certificate), e.g. from another MDM.")
    static final class ImportKey extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--key", paramLabel = "FILE", required = true)
        Path key;

        @Option(names = "--cert", paramLabel = "FILE", required = true)
        Path cert;

        @Option(names = "--endpoint", paramLabel = "URL")
        String endpoint;

        @Option(names = "--replace", description = "Replace the key pair of a server that already has a token.")
        boolean replace;

        @Override
        public Integer call() {
            context().unlockSecrets();
            Server s = servers().importKeyPair(name, Files2.read(key, "key"), Files2.read(cert, "certificate"),
                    endpoint == null ? Server.APPLE_ENDPOINT : ServerService.parseEndpoint(endpoint), replace);
            out().println("Server \"" + s.name() + "\" now uses the imported key pair (certificate serial "
                    + s.certificate().map(c -> c.serialHex()).orElse("?") + ").");
            return 0;
        }
    }

    @Command(name = "rename", description = "Rename a server.")
    static final class Rename extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "NEW_NAME")
        String newName;

        @Override
        public Integer call() {
            Server s = servers().rename(servers().get(name).id(), newName);
            out().println("Renamed to \"" + s.name() + "\".");
            return 0;
        }
    }

    @Command(name = "set-endpoint", description = "Point a server at another base URL (the simulator, or an authenticating proxy).")
    static final class SetEndpoint extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "URL")
        String url;

        @Override
        public Integer call() {
            Server s = servers().setEndpoint(servers().get(name).id(), ServerService.parseEndpoint(url));
            out().println("Server \"" + s.name() + "\" now talks to " + s.endpoint() + ".");
            return 0;
        }
    }

    @Command(name = "remove", description = "Delete a server with its key pair, token and everything stored for it.")
    static final class Remove extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Override
        public Integer call() {
            Server s = servers().get(name);
            if (!yes && !Prompt.confirm(spec.commandLine(), "Delete server \"" + s.name()
                    + "\" with its private key, token and all its stored data? This cannot be undone. [y/N] ")) {
                throw new ConsoleException("cli.error.notConfirmed");
            }
            servers().remove(s.id());
            out().println("Deleted server \"" + s.name() + "\".");
            return 0;
        }
    }
}
