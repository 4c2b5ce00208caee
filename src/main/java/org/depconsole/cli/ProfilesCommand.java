package org.depconsole.cli;

import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.apple.Profile;
import org.depconsole.domain.profile.AssignmentOutcome;
import org.depconsole.domain.profile.AssignmentPreview;
import org.depconsole.domain.profile.AssignmentReport;
import org.depconsole.domain.profile.LintIssue;
import org.depconsole.domain.profile.Platform;
import org.depconsole.domain.profile.ProfilePreset;
import org.depconsole.domain.profile.ProfileVersion;
import org.depconsole.domain.profile.VersionUsage;
import org.depconsole.service.AssignmentService;
import org.depconsole.service.DefaultProfileService;
import org.depconsole.service.ProfileLintException;
import org.depconsole.service.ProfileService;
import org.depconsole.service.SerialList;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code depconsole profiles …}: list, show, define, lint, assign, remove, default, retry. */
@Command(name = "profiles", description = "Enrollment profiles: presets, defining them at Apple, assigning and removing them.",
        subcommands = {ProfilesCommand.ListProfiles.class, ProfilesCommand.Show.class, ProfilesCommand.Define.class, ProfilesCommand.Lint.class,
                ProfilesCommand.Assign.class, ProfilesCommand.Remove.class, ProfilesCommand.Default.class, ProfilesCommand.Retry.class,
                ProfilesCommand.Delete.class})
final class ProfilesCommand {

    @ParentCommand
    DepConsoleCommand root;

    abstract static class Sub extends Subcommand {
        @ParentCommand
        ProfilesCommand parent;

        @Override
        DepConsoleCommand root() {
            return parent.root;
        }

        long server(String name) {
            return core().servers().get(name).id();
        }

        void printIssues(List<LintIssue> issues) {
            for (LintIssue i : issues) {
                err().println((i.isError() ? "error" : "warning") + " [" + i.field() + "]: " + i.message());
            }
            err().flush();
        }
    }

    /** Serials from --serial and --serials-file. */
    static final class Serials {
        @Option(names = "--serial", paramLabel = "SERIAL", description = "A serial number (repeatable).")
        List<String> serials = new ArrayList<>();

        @Option(names = "--serials-file", paramLabel = "FILE", description = "Serial numbers, one per line or in the first CSV column.")
        Path serialsFile;

        List<String> all() {
            List<String> all = new ArrayList<>(serials);
            if (serialsFile != null) {
                all.addAll(SerialList.parse(new String(Files2.read(serialsFile, "serials"), StandardCharsets.UTF_8)));
            }
            if (all.stream().allMatch(String::isBlank)) {
                throw new ConsoleException("profiles.error.noSerials");
            }
            return all;
        }
    }

    static Profile readProfile(Path file) {
        return ProfileService.importJson(new String(Files2.read(file, "profile"), StandardCharsets.UTF_8));
    }

    static String time(java.time.Instant i) {
        return i == null ? "" : DateTimeFormatter.ISO_INSTANT.format(i);
    }

    @Command(name = "list", description = "List a server's presets with every version, its UUID and how many devices have it.")
    static final class ListProfiles extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--all", description = "Include hidden presets.")
        boolean all;

        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() {
            List<VersionUsage> usage = core().profiles().usage(server(name), all);
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (VersionUsage u : usage) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("preset", u.preset().name());
                    m.put("hidden", u.preset().hidden());
                    m.put("version", u.version().version());
                    m.put("created_at", u.version().createdAt());
                    m.put("profile_uuid", u.version().profileUuid());
                    m.put("defined_at", u.version().definedAt());
                    m.put("assigned", u.assigned());
                    m.put("pushed", u.pushed());
                    rows.add(m);
                }
                out().println(Json.write(rows));
                return 0;
            }
            if (usage.isEmpty()) {
                out().println("No profile presets yet. Define one with: depconsole profiles define \"" + name + "\" --file profile.json");
                return 0;
            }
            Table t = new Table("PRESET", "VERSION", "PROFILE UUID", "DEFINED", "ASSIGNED", "PUSHED");
            for (VersionUsage u : usage) {
                t.row(u.preset().name() + (u.preset().hidden() ? " (hidden)" : ""), "v" + u.version().version(),
                        u.version().profileUuid() == null ? "(not defined)" : u.version().profileUuid(), time(u.version().definedAt()),
                        Integer.toString(u.assigned()), Integer.toString(u.pushed()));
            }
            t.print(out());
            return 0;
        }
    }

    @Command(name = "show", description = "Show a preset (its newest version) or a profile UUID as Apple-native JSON.")
    static final class Show extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "PROFILE", description = "A preset name or a profile UUID.")
        String profile;

        @Option(names = "--json", description = "Print the preset, its versions and the profile as one JSON object.")
        boolean json;

        @Override
        public Integer call() throws java.io.IOException {
            long id = server(name);
            ProfileService ps = core().profiles();
            Optional<ProfilePreset> preset = ps.findPreset(id, profile);
            ProfileVersion version;
            Profile body;
            if (preset.isPresent()) {
                version = ps.latest(id, preset.get().name()).orElseThrow(() -> new ConsoleException("profiles.error.notDefined", profile));
                body = ProfileService.profileOf(version);
            } else {
                String uuid = ps.resolveUuid(id, profile);
                Optional<ProfileVersion> local = ps.versionByUuid(id, uuid);
                if (local.isPresent()) {
                    version = local.get();
                    preset = ps.presetOf(version);
                    body = ProfileService.profileOf(version);
                } else {
                    context().unlockSecrets();
                    version = null;
                    body = ps.fetch(id, uuid).orElseThrow(() -> new ConsoleException("apple.error.notFound"));
                }
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("preset", preset.map(ProfilePreset::name).orElse(null));
                m.put("version", version == null ? null : version.version());
                m.put("profile_uuid", version == null ? profile.strip() : version.profileUuid());
                m.put("defined_at", version == null ? null : version.definedAt());
                m.put("profile", new com.fasterxml.jackson.databind.ObjectMapper().readValue(ProfileService.exportJson(body), Map.class));
                out().println(Json.write(m));
            } else {
                if (preset.isPresent() && version != null) {
                    out().println("Preset \"" + preset.get().name() + "\" v" + version.version()
                            + (version.defined() ? ", profile UUID " + version.profileUuid() + " defined " + time(version.definedAt()) : ", not defined at Apple"));
                }
                out().println(ProfileService.exportJson(body));
            }
            return 0;
        }
    }

    @Command(name = "define", description = "Define a profile at Apple from Apple-native JSON and store it as a preset version; prints the new UUID.")
    static final class Define extends Sub {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--file", required = true, paramLabel = "FILE")
        Path file;

        @Option(names = "--preset", paramLabel = "PRESET", description = "The preset to add the version to (default: the profile name).")
        String preset;

        @Override
        public Integer call() {
            long id = server(name);
            Profile p = readProfile(file);
            List<LintIssue> issues = core().profiles().lint(p, Set.of());
            try {
                context().unlockSecrets();
                ProfileVersion v = core().profiles().define(id, preset, p);
                printIssues(issues);
                out().println(v.profileUuid());
                return 0;
            } catch (ProfileLintException e) {
                printIssues(e.issues());
                err().println(e.getMessage());
                return DepConsoleCommand.EXIT_FAILURE;
            }
        }
    }

    @Command(name = "lint", description = "Check a profile file offline: errors Apple would refuse, and warnings.")
    static final class Lint extends Sub {
        @Option(names = "--file", required = true, paramLabel = "FILE")
        Path file;

        @Option(names = "--platform", paramLabel = "PLATFORM", description = "iOS, macOS, tvOS or visionOS (repeatable; default all).")
        List<String> platforms = new ArrayList<>();

        @Override
        public Integer call() {
            Set<Platform> chosen = EnumSet.noneOf(Platform.class);
            for (String s : platforms) {
                Platform p = Platform.fromName(s);
                if (p == null) {
                    throw new ConsoleException("profiles.error.platform", s);
                }
                chosen.add(p);
            }
            List<LintIssue> issues = core().profiles().lint(readProfile(file), chosen);
            printIssues(issues);
            long errors = issues.stream().filter(LintIssue::isError).count();
            out().println(errors + " error(s), " + (issues.size() - errors) + " warning(s).");
            return errors > 0 ? DepConsoleCommand.EXIT_FAILURE : 0;
        }
    }

    /** A command that sends devices to Apple and reports Apple's answer per device. */
    abstract static class Sending extends Sub {
        static final String CODE_ALL_CHANGED = "0:every device changed";
        static final String CODE_NOTHING_CHANGED = "1:nothing changed: the sentence on standard error says why";
        static final String CODE_SOME_UNCHANGED = "3:some devices were not changed (not accessible, failed, throttled or not sent): see the summary";

        @Option(names = "--results", paramLabel = "FILE.csv", description = "Write one row per serial with Apple's answer.")
        Path results;

        int report(AssignmentReport r) {
            Map<AssignmentOutcome, Integer> c = r.counts();
            out().printf("%d succeeded, %d not accessible, %d failed, %d throttled, %d not sent (%d request(s) to Apple).%n",
                    c.get(AssignmentOutcome.SUCCESS), c.get(AssignmentOutcome.NOT_ACCESSIBLE), c.get(AssignmentOutcome.FAILED),
                    c.get(AssignmentOutcome.THROTTLED), c.get(AssignmentOutcome.NOT_SENT) + c.get(AssignmentOutcome.UNKNOWN), r.calls());
            r.results().stream().filter(x -> x.retryAt() != null).map(AssignmentReport.Result::retryAt).min(java.util.Comparator.naturalOrder())
                    .ifPresent(t -> out().println("Throttled devices may be retried from " + time(t) + " with: depconsole profiles retry NAME"));
            if (results != null) {
                AssignmentService.writeCsv(r, results);
            } else if (r.error() == null && c.get(AssignmentOutcome.SUCCESS) < r.results().size()) {
                StringWriter w = new StringWriter();
                try {
                    AssignmentService.writeCsv(new AssignmentReport(r.operation(), r.profileUuid(),
                            r.results().stream().filter(x -> x.outcome() != AssignmentOutcome.SUCCESS).limit(50).toList(), r.calls(), null), w);
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
                out().print(w);
            }
            if (r.error() != null) {
                err().println(r.error());
            }
            return exitCode(r);
        }

        /**
         * 0 when every device changed; {@link DepConsoleCommand#EXIT_PARTIAL} when Apple answered but some devices were not
         * changed (not accessible, failed, throttled…) or a failure stopped later batches after some devices changed;
         * {@link DepConsoleCommand#EXIT_FAILURE} when a failure stopped the batches before any device changed.
         */
        static int exitCode(AssignmentReport r) {
            int succeeded = r.counts().get(AssignmentOutcome.SUCCESS);
            if (r.error() == null && succeeded == r.results().size()) {
                return 0;
            }
            if (r.error() != null && succeeded == 0) {
                return DepConsoleCommand.EXIT_FAILURE;
            }
            return DepConsoleCommand.EXIT_PARTIAL;
        }
    }

    /** Assign or remove: the serials to send, and a preview. */
    abstract static class Change extends Sending {
        @ArgGroup(exclusive = false, multiplicity = "1")
        Serials serials;

        @Option(names = "--dry-run", description = "Only show what would change; send nothing.")
        boolean dryRun;

        void printPreview(AssignmentPreview p) {
            out().printf("%d device(s) will change, %d already %s, %d pushed (they change only after an erase), "
                            + "%d not in this server's inventory, %d gone.%n", p.willChange().size(), p.alreadyDone().size(),
                    p.operation() == AssignmentReport.Operation.ASSIGN ? "have it" : "have no profile", p.pushed().size(), p.notInInventory().size(),
                    p.gone().size());
        }
    }

    @Command(name = "assign", description = "Assign a profile (preset or UUID) to devices, in batches of at most 1000.",
            exitCodeListHeading = "Exit codes:%n", exitCodeList = {Sending.CODE_ALL_CHANGED, Sending.CODE_NOTHING_CHANGED, Sending.CODE_SOME_UNCHANGED})
    static final class Assign extends Change {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--profile", required = true, paramLabel = "PRESET|UUID")
        String profile;

        @Override
        public Integer call() {
            long id = server(name);
            String uuid = core().profiles().resolveUuid(id, profile);
            List<String> all = serials.all();
            printPreview(core().assignments().preview(id, uuid, all));
            if (dryRun) {
                return 0;
            }
            context().unlockSecrets();
            return report(core().assignments().assign(id, uuid, all, "Command line: assign profile"));
        }
    }

    @Command(name = "remove", description = "Remove (unassign) the profile of devices, in batches of at most 1000.",
            exitCodeListHeading = "Exit codes:%n", exitCodeList = {Sending.CODE_ALL_CHANGED, Sending.CODE_NOTHING_CHANGED, Sending.CODE_SOME_UNCHANGED})
    static final class Remove extends Change {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            long id = server(name);
            List<String> all = serials.all();
            printPreview(core().assignments().previewRemove(id, all));
            if (dryRun) {
                return 0;
            }
            context().unlockSecrets();
            return report(core().assignments().remove(id, all, "Command line: remove profile"));
        }
    }

    @Command(name = "retry", description = "Send again the devices Apple throttled, once Apple's retry time has come.",
            exitCodeListHeading = "Exit codes:%n", exitCodeList = {Sending.CODE_ALL_CHANGED, Sending.CODE_NOTHING_CHANGED, Sending.CODE_SOME_UNCHANGED})
    static final class Retry extends Sending {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            long id = server(name);
            context().unlockSecrets();
            return report(core().assignments().retryThrottled(id, "Command line: retry throttled"));
        }
    }

    @Command(name = "default", description = "Show, set (preset or UUID) or turn off (--off) the profile assigned after each sync to new devices and devices without one.")
    static final class Default extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "PRESET|UUID")
        String profile;

        @Option(names = "--off")
        boolean off;

        @Override
        public Integer call() {
            long id = server(name);
            DefaultProfileService d = core().defaultProfiles();
            if (off && profile != null) {
                throw new ConsoleException("profiles.error.defaultArgs");
            }
            if (off) {
                d.turnOff(id);
            } else if (profile != null) {
                d.set(id, profile);
            }
            Optional<DefaultProfileService.DefaultProfile> now = d.get(id);
            if (now.isEmpty() || !now.get().enabled()) {
                out().println("No default profile for \"" + name + "\": devices get no profile after a sync.");
            } else {
                DefaultProfileService.DefaultProfile p = now.get();
                out().println("Default profile for \"" + name + "\": " + (p.presetName() != null ? "preset \"" + p.presetName() + "\" (" + p.profileUuid() + ")"
                        : p.profileUuid()) + "; assigned after each sync to new devices and devices without a profile.");
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a preset and its versions from the console (Apple keeps its profiles; devices keep theirs).")
    static final class Delete extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "PRESET")
        String preset;

        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Override
        public Integer call() {
            long id = server(name);
            String clean = core().profiles().preset(id, preset).name();
            var current = core().defaultProfiles().get(id);
            if (current.isPresent() && current.get().enabled() && clean.equals(current.get().presetName())) {
                throw new ConsoleException("profiles.delete.isDefault", clean);
            }
            if (!yes && !Prompt.confirm(spec.commandLine(), "Delete the preset \"" + clean + "\" and its versions from the console? [y/N] ")) {
                throw new ConsoleException("cli.error.notConfirmed");
            }
            core().profiles().deletePreset(id, clean);
            out().println("Deleted the preset \"" + clean + "\" from the console; Apple and the devices keep their profiles.");
            return 0;
        }
    }
}
