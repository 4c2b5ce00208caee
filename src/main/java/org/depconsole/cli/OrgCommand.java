package org.depconsole.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.depconsole.appleapi.business.RateLimitListener;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.org.CoverageLookup;
import org.depconsole.domain.org.JobSummary;
import org.depconsole.domain.org.MovePreview;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.domain.org.OrgCoverage;
import org.depconsole.domain.org.OrgDeviceFilter;
import org.depconsole.domain.org.OrgDeviceRow;
import org.depconsole.domain.org.OrgInventoryDevice;
import org.depconsole.domain.org.OrgJob;
import org.depconsole.domain.org.OrgJobDevice;
import org.depconsole.domain.org.OrgMdmServer;
import org.depconsole.domain.org.OrgServerRow;
import org.depconsole.domain.org.OrgSyncProgress;
import org.depconsole.domain.org.OrgSyncRun;
import org.depconsole.service.SerialList;
import org.depconsole.service.org.OrgAccountService;
import org.depconsole.service.org.OrgInventoryService;
import org.depconsole.service.org.OrgMoveService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code depconsole org …}: Apple Business / School Manager API accounts, the organization's devices and servers, and
 * moving devices between servers (docs/decisions/0013).
 */
@Command(name = "org", description = "The whole organization through an Apple Business or Apple School Manager API account: "
        + "every device and the MDM server it sits on, and moving devices between servers.",
        subcommands = {OrgCommand.Add.class, OrgCommand.ListAccounts.class, OrgCommand.Remove.class, OrgCommand.Sync.class,
                OrgCommand.Servers.class, OrgCommand.Devices.class, OrgCommand.Assign.class, OrgCommand.Unassign.class, OrgCommand.Jobs.class,
                OrgCommand.Coverage.class})
final class OrgCommand {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    @ParentCommand
    DepConsoleCommand root;

    abstract static class Sub extends Subcommand {
        @ParentCommand
        OrgCommand parent;

        @Override
        DepConsoleCommand root() {
            return parent.root;
        }

        OrgAccount account(String name) {
            return core().orgAccounts().get(name);
        }
    }

    @Command(name = "add", description = "Link an API account: the credentials are checked with Apple before anything is stored.")
    static final class Add extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--client-id", required = true, paramLabel = "ID", description = "BUSINESSAPI.… or SCHOOLAPI.… from the account's Manage page.")
        String clientId;

        @Option(names = "--key-id", required = true, paramLabel = "KID", description = "The key ID from the account's Manage page.")
        String keyId;

        @Option(names = "--key", required = true, paramLabel = "FILE.pem", description = "The private key file the portal downloaded.")
        Path key;

        @Option(names = "--endpoint", paramLabel = "URL",
                description = "Replaces both Apple hosts (token at URL/auth/oauth2/token, API at URL/v1/…): the simulator or a proxy.")
        String endpoint;

        @Override
        public Integer call() {
            byte[] file = Files2.read(key, "private key");
            context().unlockSecrets();
            OrgAccount a = core().orgAccounts().link(new OrgAccountService.LinkRequest(name, clientId, keyId, file,
                    endpoint == null ? null : OrgAccountService.parseEndpoint(endpoint)));
            out().println("Linked API account \"" + a.name() + "\" (" + kind(a) + "). Next: depconsole org sync \"" + a.name() + "\"");
            return 0;
        }
    }

    @Command(name = "list", description = "List the API accounts.")
    static final class ListAccounts extends Sub {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<OrgAccount> all = core().orgAccounts().list();
            if (json) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (OrgAccount a : all) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", a.name());
                    m.put("kind", kind(a));
                    m.put("clientId", a.clientId());
                    m.put("keyId", a.keyId());
                    m.put("endpoint", a.endpoint() == null ? null : a.endpoint().toString());
                    m.put("simulated", a.simulated());
                    m.put("devices", core().orgInventory().countsByServer(a.id()).values().stream().mapToInt(Integer::intValue).sum());
                    m.put("lastSync", core().orgSync().position(a.id()).lastSuccessAt());
                    list.add(m);
                }
                out().println(Json.write(list));
            } else if (all.isEmpty()) {
                out().println("No API accounts yet. Link one with: depconsole org add NAME --client-id ID --key-id KID --key FILE.pem");
            } else {
                Table t = new Table("NAME", "KIND", "CLIENT ID", "KEY ID", "DEVICES", "LAST SYNC", "ENDPOINT");
                for (OrgAccount a : all) {
                    Instant last = core().orgSync().position(a.id()).lastSuccessAt();
                    t.row(a.name(), kind(a), a.clientId(), a.keyId(),
                            Integer.toString(core().orgInventory().countsByServer(a.id()).values().stream().mapToInt(Integer::intValue).sum()),
                            last == null ? "never" : ISO.format(last), a.endpoint() == null ? "Apple" : a.endpoint().toString());
                }
                t.print(out());
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove an API account and everything stored for it (the organization itself is not touched).")
    static final class Remove extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Override
        public Integer call() {
            OrgAccount a = account(name);
            if (!yes && !Prompt.confirm(spec.commandLine(), "Remove API account \"" + a.name()
                    + "\" with its private key, stored devices and move jobs? [y/N] ")) {
                throw new ConsoleException("cli.error.notConfirmed");
            }
            core().orgAccounts().remove(a.name());
            out().println("Removed API account \"" + a.name() + "\".");
            return 0;
        }
    }

    @Command(name = "sync", description = "Sync the organization's MDM servers and devices (progress on standard error, resumable). "
            + "Exit code 1 when it failed; the next sync continues where it stopped.")
    static final class Sync extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--full", description = "List every server's devices even when the organization seems unchanged.")
        boolean full;

        @Option(names = "--json", description = "Print the run as JSON.")
        boolean json;

        @Override
        public Integer call() {
            OrgAccount a = account(name);
            context().unlockSecrets();
            PrintWriter err = err();
            OrgSyncRun run = core().orgSync().sync(a.id(), full, "Command line", p -> progress(err, p));
            if (json) {
                out().println(Json.write(run));
            } else if (run.result() == OrgSyncRun.Result.SUCCESS) {
                Map<String, Integer> counts = core().orgInventory().countsByServer(a.id());
                int total = counts.values().stream().mapToInt(Integer::intValue).sum();
                out().printf("%s org sync of \"%s\": %d devices on %d MDM servers (%d unassigned), %d new or changed; %d requests, %s waited "
                        + "for Apple's rate limits.%n", run.kind() == OrgSyncRun.Kind.FULL ? "Full" : "Incremental", a.name(), total,
                        run.servers(), counts.getOrDefault(null, 0), run.changed(), run.requests(), seconds(run.waitedMillis()));
            }
            if (run.result() != OrgSyncRun.Result.SUCCESS && run.error() != null) {
                err.println(run.error());
            }
            return run.result() == OrgSyncRun.Result.SUCCESS ? 0 : DepConsoleCommand.EXIT_FAILURE;
        }

        private static void progress(PrintWriter err, OrgSyncProgress p) {
            if (p.waiting() != null) {
                err.println(RateLimitListener.describe(p.waiting()));
            } else {
                String phase = switch (p.phase()) {
                    case SERVERS -> "MDM servers";
                    case DEVICES -> "devices";
                    case SERVER_DEVICES -> "server assignments";
                };
                err.println("Request " + p.requestsDone() + (p.requestsExpected() > 0 ? " of about " + p.requestsExpected() : "") + " (" + phase
                        + "), " + p.devices() + " devices so far" + (p.eta() == null ? "" : ", about " + seconds(p.eta().toMillis()) + " left"));
            }
            err.flush();
        }
    }

    @Command(name = "servers", description = "The organization's MDM servers: id, name, type, device count and the console server linked to it.")
    static final class Servers extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            OrgAccount a = account(name);
            List<OrgServerRow> rows = core().orgInventory().servers(a.id());
            if (json) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (OrgServerRow r : rows) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", r.server().id());
                    m.put("name", r.server().name());
                    m.put("type", r.server().type());
                    m.put("deviceCount", r.server().deviceCount());
                    m.put("storedDevices", r.storedDevices());
                    m.put("linkedServer", r.consoleServerName());
                    m.put("mappedBy", r.server().mappedBy() == null ? null : r.server().mappedBy().name().toLowerCase(Locale.ROOT));
                    m.put("tokenState", r.tokenState() == null ? null : r.tokenState().name().toLowerCase(Locale.ROOT));
                    m.put("depDevices", r.depDevices());
                    list.add(m);
                }
                out().println(Json.write(list));
                return 0;
            }
            if (rows.isEmpty()) {
                out().println("No MDM servers stored for \"" + a.name() + "\" yet. Run: depconsole org sync \"" + a.name() + "\"");
                return 0;
            }
            Table t = new Table("ID", "NAME", "TYPE", "DEVICES", "LINKED SERVER", "TOKEN");
            for (OrgServerRow r : rows) {
                OrgMdmServer s = r.server();
                t.row(s.id(), s.name(), nz(s.type()), s.deviceCount() == null ? Integer.toString(r.storedDevices()) : s.deviceCount().toString(),
                        r.consoleServerName() == null ? (s.canHaveToken() ? "(no token in this console)" : "")
                                : r.consoleServerName() + " (by " + s.mappedBy().name().toLowerCase(Locale.ROOT) + ")",
                        r.tokenState() == null ? "" : r.tokenState().name().toLowerCase(Locale.ROOT));
            }
            t.print(out());
            return 0;
        }
    }

    @Command(name = "devices", description = "List or export the organization's stored devices (works offline, no passphrase needed).")
    static final class Devices extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--server", paramLabel = "S", description = "Only devices on this MDM server (id or name).")
        String server;

        @Option(names = "--unassigned", description = "Only devices on no MDM server.")
        boolean unassigned;

        @Option(names = "--search", paramLabel = "TEXT", description = "Serial, model, order or part number, server, description or asset tag containing TEXT.")
        String search;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table, csv or json.")
        String format;

        @Override
        public Integer call() throws IOException {
            OrgAccount a = account(name);
            if (server != null && unassigned) {
                throw new ConsoleException("cli.error.serverOrUnassigned");
            }
            String serverId = server == null ? null : core().orgInventory().server(a.id(), server).id();
            OrgDeviceFilter filter = new OrgDeviceFilter(serverId, unassigned ? OrgInventoryDevice.Placement.UNASSIGNED : null, null, null, null,
                    search, false);
            List<OrgDeviceRow> rows = OrgInventoryService.select(core().orgInventory().devices(a.id()), filter);
            switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> OrgInventoryService.writeCsv(rows, out());
                case "json" -> out().println(Json.write(rows.stream().map(OrgInventoryService::asMap).toList()));
                case "table" -> {
                    Table t = new Table("SERIAL", "SERVER", "MODEL", "FAMILY", "CAPACITY", "COLOR", "ORDER", "SOURCE", "ADDED", "DEP PROFILE");
                    for (OrgDeviceRow r : rows) {
                        OrgInventoryDevice d = r.device();
                        t.row(d.serial(), r.placementLabel(), nz(d.deviceModel()), nz(d.productFamily()), nz(d.deviceCapacity()), nz(d.color()),
                                nz(d.orderNumber()), nz(d.purchaseSourceType()),
                                d.addedToOrgDateTime() == null ? "" : ISO.format(d.addedToOrgDateTime()).substring(0, 10),
                                r.dep() == null ? "" : nz(r.dep().device().profileStatusRaw()));
                    }
                    t.print(out());
                    Instant last = core().orgSync().position(a.id()).lastSuccessAt();
                    err().println(rows.size() + " devices" + (last == null ? ", never synced" : ", last synced " + last) + ".");
                }
                default -> throw new ConsoleException("cli.error.format", format);
            }
            return 0;
        }
    }

    /** The serials of a move: --serial (repeatable) and --serials-file. */
    abstract static class Move extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--serial", paramLabel = "S", description = "A device's serial number (repeatable).")
        List<String> serials = new ArrayList<>();

        @Option(names = "--serials-file", paramLabel = "F", description = "Serial numbers, one per line or in the first CSV column.")
        Path serialsFile;

        @Option(names = "--dry-run", description = "Only show what would move; send nothing.")
        boolean dryRun;

        Set<String> all() {
            Set<String> all = new LinkedHashSet<>();
            serials.forEach(s -> all.add(s.strip()));
            if (serialsFile != null) {
                all.addAll(SerialList.parse(new String(Files2.read(serialsFile, "serials"), StandardCharsets.UTF_8)));
            }
            all.removeIf(String::isEmpty);
            if (all.isEmpty()) {
                throw new ConsoleException("cli.error.noSerials");
            }
            return all;
        }

        /** Previews, then (unless --dry-run) stores the job and drives it; returns the exit code. */
        int move(OrgMoveService.MoveRequest request, boolean waitToEnd, Path results) {
            OrgMoveService moves = core().orgMoves();
            MovePreview p = moves.preview(request);
            printPreview(p);
            if (dryRun) {
                return 0;
            }
            context().unlockSecrets();
            OrgJob job = moves.start(request);
            PrintWriter err = err();
            String[] last = {""};
            JobSummary s;
            try (AutoCloseable waits = core().orgClients().onWait(request.accountId(), (wait, reason) -> {
                err.println(RateLimitListener.describe(wait));
                err.flush();
            })) {
                s = moves.run(job.id(), !waitToEnd, progress -> {
                    if (!progress.step().equals(last[0])) {
                        last[0] = progress.step();
                        err.println(progress.step());
                        err.flush();
                    }
                });
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (results != null) {
                moves.writeResults(job.id(), results);
            }
            printJob(out(), s);
            if (!s.job().state().finished()) {
                out().println("Move job " + job.id() + " continues: see it with \"depconsole org jobs " + quote(name)
                        + "\", finish it with \"depconsole org jobs " + quote(name) + " --resume\" (or in the window).");
                return 0;
            }
            return switch (s.job().state()) {
                case DONE -> 0;
                case PARTIAL -> DepConsoleCommand.EXIT_PARTIAL;
                default -> DepConsoleCommand.EXIT_FAILURE;
            };
        }

        void printPreview(MovePreview p) {
            PrintWriter o = out();
            o.printf("%s %d devices%s: %d move (%d orgDeviceActivities), %d already there, %d unknown in the organization, %d released.%n",
                    p.kind() == OrgJob.Kind.ASSIGN ? "Assign" : "Unassign", p.total(),
                    p.kind() == OrgJob.Kind.ASSIGN ? " to \"" + p.targetServerName() + "\"" : "", p.willMove().size(), p.activities(),
                    p.alreadyThere().size(), p.unknown().size(), p.released().size());
            p.fromServers().forEach((server, list) -> o.printf("  from %s: %d%n", server, list.size()));
            if (!p.unknown().isEmpty()) {
                o.println("  unknown: " + String.join(", ", p.unknown().stream().limit(20).toList()) + (p.unknown().size() > 20 ? ", …" : ""));
            }
            if (p.profileUuid() != null) {
                o.printf("  then profile \"%s\" of \"%s\" once its sync lists the devices.%n", p.profileName(), p.consoleServerName());
            }
        }
    }

    @Command(name = "assign", description = "Assign devices to an MDM server (moving them from where they are), optionally then give them "
            + "a profile of that server. Exit code 3 when some devices did not make it.")
    static final class Assign extends Move {
        @Option(names = "--server", required = true, paramLabel = "S", description = "The target MDM server (id or name).")
        String server;

        @Option(names = "--profile", paramLabel = "P", description = "A profile preset (or UUID) of the target's console server, given after the move.")
        String profile;

        @Option(names = "--wait", description = "Wait until the job has finished (with --profile: until the profile is assigned).")
        boolean waitToEnd;

        @Option(names = "--results", paramLabel = "F.csv", description = "Write one row per device with its result.")
        Path results;

        @Override
        public Integer call() {
            OrgAccount a = account(name);
            return move(new OrgMoveService.MoveRequest(a.id(), OrgJob.Kind.ASSIGN, server, all(), profile), waitToEnd, results);
        }
    }

    @Command(name = "unassign", description = "Remove devices from their MDM server (they stay in the organization). Exit code 3 when some "
            + "devices did not make it.")
    static final class Unassign extends Move {
        @Override
        public Integer call() {
            OrgAccount a = account(name);
            return move(new OrgMoveService.MoveRequest(a.id(), OrgJob.Kind.UNASSIGN, null, all(), null), true, null);
        }
    }

    @Command(name = "jobs", description = "The account's move jobs, running and finished.")
    static final class Jobs extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--json", description = "Print JSON, with each job's devices.")
        boolean json;

        @Option(names = "--resume", description = "Drive the account's unfinished jobs to their end first (a job another process drives is left to it).")
        boolean resume;

        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Override
        public Integer call() {
            OrgAccount a = account(name);
            OrgMoveService moves = core().orgMoves();
            if (resume) {
                context().unlockSecrets();
                PrintWriter err = err();
                for (OrgJob j : moves.unfinished()) {
                    if (j.accountId() == a.id() && !moves.isRunning(j.id())) {
                        err.println("Resuming move job " + j.id() + "…");
                        moves.run(j.id(), false, p -> {
                        });
                    }
                }
            }
            List<JobSummary> all = moves.jobs(a.id(), limit);
            if (json) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (JobSummary s : all) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("job", s.job());
                    m.put("counts", s.counts());
                    m.put("devices", moves.devices(s.job().id()));
                    list.add(m);
                }
                out().println(Json.write(list));
                return 0;
            }
            if (all.isEmpty()) {
                out().println("No move jobs for \"" + a.name() + "\" yet.");
                return 0;
            }
            Table t = new Table("ID", "CREATED", "KIND", "TARGET", "PROFILE", "STATE", "DEVICES", "MOVED", "PROFILE SET", "FAILED");
            for (JobSummary s : all) {
                OrgJob j = s.job();
                int moved = s.count(OrgJobDevice.State.MOVED) + s.count(OrgJobDevice.State.ALREADY_THERE) + s.count(OrgJobDevice.State.SEEN)
                        + s.count(OrgJobDevice.State.PROFILE_ASSIGNED);
                t.row(Long.toString(j.id()), ISO.format(j.createdAt()), j.kind().name().toLowerCase(Locale.ROOT), nz(j.targetServerName()),
                        nz(j.profileName()), j.state().name().toLowerCase(Locale.ROOT), Integer.toString(s.devices()), Integer.toString(moved),
                        Integer.toString(s.count(OrgJobDevice.State.PROFILE_ASSIGNED)), Integer.toString(s.count(OrgJobDevice.State.FAILED)));
            }
            t.print(out());
            return 0;
        }
    }

    @Command(name = "coverage", description = "AppleCare coverage of devices (asked of Apple at most once a week per device; cached with its date).")
    static final class Coverage extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "SERIAL")
        List<String> serials;

        @Option(names = "--refresh", description = "Ask Apple again even when the stored answer is recent.")
        boolean refresh;

        @Override
        public Integer call() {
            OrgAccount a = account(name);
            context().unlockSecrets();
            List<CoverageLookup> all = core().orgInventory().coverage(a.id(), serials, refresh ? Duration.ZERO : OrgInventoryService.COVERAGE_MAX_AGE);
            Table t = new Table("SERIAL", "COVERAGE", "STATUS", "PAYMENT", "START", "END", "AGREEMENT", "AS OF");
            boolean failed = false;
            for (CoverageLookup c : all) {
                if (c.error() != null) {
                    failed = true;
                    err().println(c.serial() + ": " + c.error());
                }
                if (c.coverage().isEmpty() && c.error() == null) {
                    t.row(c.serial(), "(none)", "", "", "", "", "", date(c.fetchedAt()));
                }
                for (OrgCoverage cv : c.coverage()) {
                    t.row(c.serial(), nz(cv.description()), nz(cv.status()), nz(cv.paymentType()), date(cv.startDateTime()), date(cv.endDateTime()),
                            nz(cv.agreementNumber()), date(c.fetchedAt()));
                }
            }
            t.print(out());
            return failed ? DepConsoleCommand.EXIT_PARTIAL : 0;
        }
    }

    static void printJob(PrintWriter out, JobSummary s) {
        OrgJob j = s.job();
        out.printf("Move job %d (%s%s%s): %s; %d devices: %s.%n", j.id(), j.kind().name().toLowerCase(Locale.ROOT),
                j.targetServerName() == null ? "" : " to \"" + j.targetServerName() + "\"", j.profileName() == null ? "" : ", profile \"" + j.profileName() + "\"",
                j.state().name().toLowerCase(Locale.ROOT), s.devices(), counts(s));
        if (j.error() != null) {
            out.println(j.error());
        }
    }

    private static String counts(JobSummary s) {
        List<String> parts = new ArrayList<>();
        for (OrgJobDevice.State st : OrgJobDevice.State.values()) {
            int n = s.count(st);
            if (n > 0) {
                parts.add(n + " " + st.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return String.join(", ", parts);
    }

    static String kind(OrgAccount a) {
        return a.family().name().toLowerCase(Locale.ROOT);
    }

    private static String quote(String name) {
        return name.contains(" ") ? "\"" + name + "\"" : name;
    }

    private static String seconds(long millis) {
        long s = (millis + 999) / 1000;
        return s < 120 ? s + " s" : (s + 59) / 60 + " min";
    }

    private static String date(Instant i) {
        return i == null ? "" : ISO.format(i).substring(0, 10);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
