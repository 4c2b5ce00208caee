package org.depconsole.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.apple.ProfileStatus;
import org.depconsole.domain.inventory.DeviceColumn;
import org.depconsole.domain.inventory.InventoryDevice;
import org.depconsole.service.CoreServices;
import org.depconsole.service.DeviceService;
import org.depconsole.service.SerialList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code depconsole devices NAME} (list and export, offline) and {@code depconsole tags NAME add|remove TAG}. */
final class DevicesCommand {

    private DevicesCommand() {
    }

    @Command(name = "devices", description = "List or export a server's stored devices (works offline, no passphrase needed).")
    static final class Devices implements Callable<Integer> {

        @ParentCommand
        DepConsoleCommand root;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--status", paramLabel = "STATUS", description = "empty, assigned, pushed, removed or unknown.")
        String status;

        @Option(names = "--tag", paramLabel = "TAG")
        String tag;

        @Option(names = "--search", paramLabel = "TEXT", description = "Serial, asset tag, description or model containing TEXT.")
        String search;

        @Option(names = "--include-gone", description = "Also devices Apple no longer assigns to this server.")
        boolean includeGone;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table, csv or json.")
        String format;

        @Option(names = "--columns", split = ",", paramLabel = "COLUMN",
                description = "Columns by their CSV header (serial_number,model,…); default: the table's default columns.")
        List<String> columns;

        @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path output;

        @Override
        public Integer call() throws IOException {
            CoreServices core = root.context().core();
            long id = core.servers().get(name).id();
            List<InventoryDevice> rows = DeviceService.select(core.devices().list(id), parseStatus(status),
                    tag == null ? null : DeviceService.validTag(tag), search, includeGone);
            List<DeviceColumn> cols = parseColumns(columns);
            Map<String, String> names = core.devices().profileNames(id);
            PrintWriter out = spec.commandLine().getOut();
            String f = format.toLowerCase(Locale.ROOT);
            switch (f) {
                case "csv" -> {
                    if (output != null) {
                        core.devices().exportCsv(rows, cols, names, output);
                        spec.commandLine().getErr().println("Wrote " + rows.size() + " devices to " + output.toAbsolutePath() + ".");
                    } else {
                        DeviceService.writeCsv(rows, cols, names, out);
                    }
                }
                case "json" -> {
                    List<Map<String, String>> list = new ArrayList<>();
                    for (InventoryDevice d : rows) {
                        Map<String, String> m = new LinkedHashMap<>();
                        cols.forEach(c -> m.put(c.header(), c.value(d, names)));
                        list.add(m);
                    }
                    write(out, Json.write(list));
                }
                case "table" -> {
                    Table t = new Table(cols.stream().map(c -> c.header().toUpperCase(Locale.ROOT)).toArray(String[]::new));
                    for (InventoryDevice d : rows) {
                        t.row(cols.stream().map(c -> c.value(d, names)).toArray(String[]::new));
                    }
                    if (output != null) {
                        throw new ConsoleException("cli.error.outputNeedsFormat");
                    }
                    t.print(out);
                    spec.commandLine().getErr().println(rows.size() + " devices" + core.devices().lastSynced(id)
                            .map(at -> ", last synced " + at).orElse(", never synced") + ".");
                }
                default -> throw new ConsoleException("cli.error.format", format);
            }
            return 0;
        }

        private void write(PrintWriter out, String text) {
            if (output == null) {
                out.println(text);
                return;
            }
            try {
                java.nio.file.Files.writeString(output, text + System.lineSeparator(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static ProfileStatus parseStatus(String s) {
        if (s == null) {
            return null;
        }
        try {
            return ProfileStatus.valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConsoleException("cli.error.status", s);
        }
    }

    static List<DeviceColumn> parseColumns(List<String> names) {
        if (names == null || names.isEmpty()) {
            return DeviceColumn.defaults();
        }
        List<DeviceColumn> out = new ArrayList<>();
        for (String n : names) {
            String want = n.strip();
            DeviceColumn c = java.util.Arrays.stream(DeviceColumn.values()).filter(x -> x.header().equalsIgnoreCase(want)).findFirst()
                    .orElseThrow(() -> new ConsoleException("cli.error.column", want));
            out.add(c);
        }
        return out;
    }

    @Command(name = "tags", description = "Add or remove a local pre-enrollment tag on devices (tags are one word and survive syncs).")
    static final class Tags implements Callable<Integer> {

        @ParentCommand
        DepConsoleCommand root;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "add|remove")
        String action;

        @Parameters(index = "2", paramLabel = "TAG")
        String tag;

        @Option(names = "--serial", paramLabel = "SERIAL", description = "A device's serial number (repeatable).")
        List<String> serials = new ArrayList<>();

        @Option(names = "--serials-file", paramLabel = "FILE", description = "Serial numbers, one per line or in the first CSV column.")
        Path serialsFile;

        @Override
        public Integer call() {
            CoreServices core = root.context().core();
            long id = core.servers().get(name).id();
            Set<String> all = new LinkedHashSet<>();
            serials.forEach(s -> all.add(s.strip()));
            if (serialsFile != null) {
                all.addAll(SerialList.parse(new String(Files2.read(serialsFile, "serials"), StandardCharsets.UTF_8)));
            }
            if (all.isEmpty()) {
                throw new ConsoleException("cli.error.noSerials");
            }
            String t = DeviceService.validTag(tag);
            int n = switch (action.toLowerCase(Locale.ROOT)) {
                case "add" -> core.devices().addTag(id, all, t);
                case "remove" -> core.devices().removeTag(id, all, t);
                default -> throw new ConsoleException("cli.error.tagAction", action);
            };
            int known = core.devices().known(id, all).size();
            spec.commandLine().getOut().printf("Tag \"%s\" %s %d of %d devices (%d not in this server's inventory).%n", t,
                    action.equalsIgnoreCase("add") ? "added to" : "removed from", n, all.size(), all.size() - known);
            return 0;
        }
    }
}
