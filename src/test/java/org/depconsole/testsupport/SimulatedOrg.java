package org.depconsole.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.depconsole.appleapi.RetryPolicy;
import org.depconsole.appleapi.business.RequestPacing;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.service.CoreServices;
import org.depconsole.service.org.OrgAccountService;
import org.depconsole.simulator.ApiAccountFile;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;

/**
 * A simulated organization on loopback (three MDM servers, some devices on none) and the helpers to link an API
 * account of it the way an admin does: the key file the portal downloads, client ID and key ID from its Manage page.
 */
public final class SimulatedOrg {

    public static final String MAIN = "DEP Console Simulator";
    public static final String CLASSROOM = "Classroom iPads";
    public static final String LOANERS = "Loaner Pool";

    private SimulatedOrg() {
    }

    /** {@code main} devices on the main server, 20 % and 5 % of it on the two others, 5 % on none; rate limits off, fast activities. */
    public static DepSimulator start(int main) {
        DepSimulator sim = DepSimulator.start(SimulatorConfig.firstRunOrganization(main));
        sim.organization().rateLimited(false);
        sim.organization().timing(Duration.ofMillis(300), Duration.ZERO);
        return sim;
    }

    /** The portal's key file written where a browser would save it. */
    public static Path keyFile(Path dir, ApiAccountFile account) {
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve(account.fileName());
            Files.writeString(f, account.privateKeyPem(), StandardCharsets.US_ASCII);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Client-side pacing off and short retries: the simulator's limits decide (tests, benchmarks). */
    public static void unpaced(CoreServices core) {
        core.orgClients().setTuning(c -> c.withPacing(RequestPacing.off()).withRetry(RetryPolicy.standard()));
    }

    /** Links a new Apple Business API account of the simulated organization in {@code core} under {@code name}. */
    public static OrgAccount link(CoreServices core, DepSimulator sim, String name) {
        ApiAccountFile file = sim.organization().createApiAccount(name, ApiFamily.BUSINESS);
        unpaced(core);
        return core.orgAccounts().link(new OrgAccountService.LinkRequest(name, file.clientId(), file.keyId(),
                file.privateKeyPem().getBytes(StandardCharsets.US_ASCII), sim.baseUrl()));
    }

    /** Links the DEP side of every MDM server of the simulated organization in {@code core}, each under its own name. */
    public static void linkDepServers(CoreServices core, DepSimulator sim, List<String> names) {
        for (String n : names) {
            SimulatedServer.linkServer(core, sim.organization().server(n), sim.baseUrl(), n);
        }
    }
}
