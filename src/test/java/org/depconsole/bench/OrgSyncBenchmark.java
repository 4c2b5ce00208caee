package org.depconsole.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.depconsole.domain.business.AppleBusinessApi;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.domain.org.OrgSyncRun;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.OrganizationControl;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.testsupport.SimulatedOrg;

/**
 * The org sync figure of docs/performance.md: {@code mvn -Pbench -o exec:exec@org-sync-benchmark} (after
 * {@code mvn -o test-compile}; {@code -Dbench.org.devices=N} for another size). An organization of about N devices on
 * three MDM servers (and some on none) in the simulator with its rate limits off, synced into a fresh H2 store by the
 * real client with its pacing off: the first (full) sync and a second one of the unchanged organization. From the
 * requests each sync sent it computes the time Apple's observed limits (20 GET a minute, 10 POST an hour) would impose on
 * a paced client. Prints Markdown; not a test.
 */
public final class OrgSyncBenchmark {

    private OrgSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int wanted = Integer.getInteger("bench.org.devices", 100_000);
        int main = (int) Math.round(wanted / 1.3); // first-run organization: +20 %, +5 % on two more servers, +5 % on none
        Path dir = Files.createTempDirectory("depconsole-org-bench");
        StringBuilder out = new StringBuilder();
        long t0 = System.nanoTime();
        try (DepSimulator sim = DepSimulator.start(SimulatorConfig.firstRunOrganization(main))) {
            OrganizationControl org = sim.organization();
            org.rateLimited(false);
            int total = org.deviceCount();
            String startup = ms(t0);
            try (CoreServices core = CoreServices.open(AppDirs.at(dir.resolve("data")))) {
                OrgAccount a = SimulatedOrg.link(core, sim, "Bench");
                // the simulator and HTTP alone: every device page fetched and parsed by the real client, nothing stored
                long t0b = System.nanoTime();
                var client = core.orgAccounts().client(a);
                String cursor = null;
                int fetched = 0;
                do {
                    var page = client.orgDevices(cursor, AppleBusinessApi.MAX_PAGE_LIMIT, List.of());
                    fetched += page.devices().size();
                    cursor = page.nextCursor();
                } while (cursor != null);
                String download = ms(t0b);
                org.clearApiRequests();
                long t1 = System.nanoTime();
                java.util.Map<Object, Long> phaseStart = new java.util.LinkedHashMap<>();
                OrgSyncRun first = core.orgSync().sync(a.id(), false, "bench", p -> phaseStart.putIfAbsent(p.phase(), System.nanoTime()));
                long end = System.nanoTime();
                String firstTime = ms(t1);
                StringBuilder phases = new StringBuilder();
                List<Object> keys = new java.util.ArrayList<>(phaseStart.keySet());
                for (int i = 0; i < keys.size(); i++) {
                    long from = i == 0 ? t1 : phaseStart.get(keys.get(i - 1));
                    long to = phaseStart.get(keys.get(i));
                    if (i > 0) {
                        phases.append(keys.get(i - 1)).append(' ').append((to - from) / 1_000_000).append(" ms, ");
                    }
                }
                phases.append(keys.get(keys.size() - 1)).append(" and completion ").append((end - phaseStart.get(keys.get(keys.size() - 1))) / 1_000_000)
                        .append(" ms");
                if (first.result() != OrgSyncRun.Result.SUCCESS) {
                    throw new IllegalStateException("first sync " + first.result() + ": " + first.error());
                }
                List<OrganizationControl.ApiRequest> firstRequests = org.apiRequests();
                org.clearApiRequests();
                long t2 = System.nanoTime();
                OrgSyncRun second = core.orgSync().sync(a.id(), false, "bench", null);
                String secondTime = ms(t2);
                List<OrganizationControl.ApiRequest> secondRequests = org.apiRequests();
                long t3 = System.nanoTime();
                int rows = core.orgInventory().devices(a.id()).size();
                String readTime = ms(t3);

                out.append(String.format(Locale.ROOT, "%nDEP Console org sync benchmark: %,d devices on 3 MDM servers (%,d on none), Java %s, %d cores, "
                        + "max heap %d MB; simulator start-up %s%n%n", total, org.unassignedSerials().size(), System.getProperty("java.version"),
                        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024), startup));
                out.append("| What | first sync (full) | second sync (unchanged) |\n|---|---|---|\n");
                out.append(String.format(Locale.ROOT, "| time with the simulator's limits off | %s | %s |%n", firstTime, secondTime));
                out.append(String.format(Locale.ROOT, "| first sync by phase | %s | |%n", phases));
                out.append(String.format(Locale.ROOT, "| of which the bare download of the %,d device records (fetched and parsed, not stored) | %s | |%n",
                        fetched, download));
                out.append(String.format(Locale.ROOT, "| GET requests (device pages, server list, server serial pages) | %s | %s |%n",
                        gets(firstRequests), gets(secondRequests)));
                out.append(String.format(Locale.ROOT, "| POST requests (token) | %d | %d |%n", posts(firstRequests), posts(secondRequests)));
                out.append(String.format(Locale.ROOT, "| time Apple's observed 20 GET/min impose (paced: one GET every 3 s) | %s | %s |%n",
                        imposed(firstRequests), imposed(secondRequests)));
                out.append(String.format(Locale.ROOT, "| devices written | %,d | %,d |%n", first.changed(), second.changed()));
                out.append(String.format(Locale.ROOT, "| reading the %,d rows of the Organization view | %s | |%n", rows, readTime));
            }
        }
        System.out.println(out);
    }

    private static long getCount(List<OrganizationControl.ApiRequest> r) {
        return r.stream().filter(x -> x.method().equals("GET")).count();
    }

    private static String gets(List<OrganizationControl.ApiRequest> r) {
        long devices = r.stream().filter(x -> x.method().equals("GET") && x.path().equals("/v1/orgDevices")).count();
        long servers = r.stream().filter(x -> x.method().equals("GET") && x.path().equals("/v1/mdmServers")).count();
        long serials = r.stream().filter(x -> x.method().equals("GET") && x.path().endsWith("/relationships/devices")).count();
        return String.format(Locale.ROOT, "%d (%d + %d + %d)", getCount(r), devices, servers, serials);
    }

    private static long posts(List<OrganizationControl.ApiRequest> r) {
        return r.stream().filter(x -> x.method().equals("POST")).count();
    }

    /** The first GET leaves at once, every further one 60/20 s later; POSTs (tokens here) are not paced against the POST budget. */
    private static String imposed(List<OrganizationControl.ApiRequest> r) {
        long gets = getCount(r);
        Duration d = Duration.ofMillis(Math.max(0, gets - 1) * 60_000L / AppleBusinessApi.OBSERVED_GETS_PER_MINUTE);
        return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }

    private static String ms(long since) {
        long ms = (System.nanoTime() - since) / 1_000_000;
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
