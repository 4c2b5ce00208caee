package org.depconsole.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.depconsole.domain.apple.Device;
import org.depconsole.service.CoreServices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code depconsole details NAME SERIAL…}: what Apple says about these devices now (nothing is stored). */
@Command(name = "details", description = "Ask Apple now for these devices' records (POST /devices); --replacement adds replacement details.")
final class DetailsCommand implements Callable<Integer> {

    @ParentCommand
    DepConsoleCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SERIAL")
    List<String> serials;

    @Option(names = "--replacement", description = "Also ask which device each one replaced (one call per serial).")
    boolean replacement;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        CoreServices core = ctx.core();
        long id = core.servers().get(name).id();
        ctx.unlockSecrets();
        Set<String> wanted = new LinkedHashSet<>();
        serials.forEach(s -> wanted.add(s.strip().toUpperCase(java.util.Locale.ROOT)));
        Map<String, Device> found = core.lookups().details(id, new ArrayList<>(wanted), "Command line: details");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String serial : wanted) {
            Device d = found.get(serial);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("serial_number", serial);
            row.put("response_status", d == null ? "MISSING" : SyncCommand.nz(d.responseStatus()));
            if (d != null) {
                row.put("model", d.model());
                row.put("os", d.os());
                row.put("profile_status", d.profileStatusRaw());
                row.put("profile_uuid", d.profileUuid());
                row.put("device_assigned_by", d.deviceAssignedBy());
                row.put("device_assigned_date", d.deviceAssignedDate() == null ? null : d.deviceAssignedDate().toString());
            }
            if (replacement) {
                row.put("replaced", core.lookups().replacement(id, serial, "Command line: details").map(r -> r.originalDeviceSerialNumber())
                        .orElse(null));
            }
            rows.add(row);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(rows));
            return 0;
        }
        List<String> headers = new ArrayList<>(rows.get(0).keySet());
        for (Map<String, Object> r : rows) {
            r.keySet().stream().filter(k -> !headers.contains(k)).forEach(headers::add);
        }
        Table t = new Table(headers.stream().map(h -> h.toUpperCase(java.util.Locale.ROOT)).toArray(String[]::new));
        for (Map<String, Object> r : rows) {
            t.row(headers.stream().map(h -> r.get(h) == null ? "" : String.valueOf(r.get(h))).toArray(String[]::new));
        }
        t.print(out);
        return 0;
    }
}
