package org.depconsole.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.depconsole.appleapi.business.ApiCredentials;
import org.depconsole.appleapi.business.BusinessClientConfig;
import org.depconsole.appleapi.business.OkHttpAppleBusinessClient;
import org.depconsole.appleapi.business.RequestPacing;
import org.depconsole.crypto.ApiKeys;
import org.depconsole.domain.business.AppleBusinessApi;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.domain.business.MdmServer;
import org.depconsole.domain.business.OrgDevicePage;
import org.depconsole.domain.business.SerialPage;
import org.depconsole.simulator.ApiAccountFile;
import org.depconsole.simulator.BusinessApiSettings;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;

/**
 * The wire-level figures of the Apple Business API in docs/performance.md: every {@code orgDevices} page and every
 * server's serial list of an organization of N devices (default 100,000), read by the real client from the simulator
 * with its rate limits off, and the time Apple's observed limits (20 GET per minute) would impose on the same requests.
 * Nothing is stored: the org sync with the store is measured by its own benchmark. Not a test; run with
 * {@code java -cp <test class path> org.depconsole.bench.OrgApiBenchmark} ({@code -Dbench.devices=N}).
 */
public final class OrgApiBenchmark {

    private OrgApiBenchmark() {
    }

    public static void main(String[] args) {
        int devices = Integer.getInteger("bench.devices", 100_000);
        long t0 = System.nanoTime();
        SimulatorConfig config = SimulatorConfig.defaults().withDeviceCount(devices * 8 / 10)
                .withExtraServers(List.of(new SimulatorConfig.ExtraServer("Classroom iPads", devices * 15 / 100)))
                .withUnassignedDevices(devices * 5 / 100)
                .withApi(BusinessApiSettings.defaults().withRateLimited(false));
        try (DepSimulator sim = DepSimulator.start(config)) {
            long started = System.nanoTime();
            ApiAccountFile account = sim.organization().createApiAccount("Bench", ApiFamily.BUSINESS);
            var credentials = new ApiCredentials(account.clientId(), account.keyId(),
                    ApiKeys.readPrivateKey(account.privateKeyPem().getBytes(StandardCharsets.US_ASCII)));
            try (var client = new OkHttpAppleBusinessClient(BusinessClientConfig.of(credentials, sim.baseUrl())
                    .withPacing(RequestPacing.off()), null, null, null)) {
                client.validateCredentials();
                long a = System.nanoTime();
                int pages = 0;
                int seen = 0;
                String cursor = null;
                do {
                    OrgDevicePage page = client.orgDevices(cursor, AppleBusinessApi.MAX_PAGE_LIMIT, List.of());
                    seen += page.devices().size();
                    cursor = page.nextCursor();
                    pages++;
                } while (cursor != null);
                long b = System.nanoTime();
                int serialPages = 0;
                int serials = 0;
                List<MdmServer> servers = client.allMdmServers();
                for (MdmServer s : servers) {
                    String c = null;
                    do {
                        SerialPage page = client.serverDeviceSerials(s.id(), c, AppleBusinessApi.MAX_PAGE_LIMIT);
                        serials += page.serials().size();
                        c = page.nextCursor();
                        serialPages++;
                    } while (c != null);
                }
                long c = System.nanoTime();
                int gets = 1 + pages + 1 + serialPages;
                Duration limited = RequestPacing.observed().getInterval().multipliedBy(gets - 1L);
                System.out.printf(Locale.ROOT, "%nApple Business API wire benchmark: %,d org devices, Java %s, %d cores%n%n",
                        seen, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
                System.out.println("| What | Figure |");
                System.out.println("|---|---|");
                System.out.printf(Locale.ROOT, "| simulator start-up (%,d devices on 2 servers + %,d on none) | %,d ms |%n", devices * 95 / 100,
                        devices * 5 / 100, ms(started - t0));
                System.out.printf(Locale.ROOT, "| all orgDevices, every attribute (%d pages of 1,000) | %,d ms |%n", pages, ms(b - a));
                System.out.printf(Locale.ROOT, "| mdmServers + every server's serials (%,d serials, %d pages) | %,d ms |%n", serials,
                        serialPages + 1, ms(c - b));
                System.out.printf(Locale.ROOT, "| the same %d GETs paced at Apple's observed 20 per minute | %s |%n", gets, minutes(limited));
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static String minutes(Duration d) {
        return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }
}
