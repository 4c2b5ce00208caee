package org.depconsole.appleapi.business;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.depconsole.crypto.ApiKeys;
import org.depconsole.domain.business.MdmServer;
import org.depconsole.simulator.ApiAccountFile;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;

/**
 * The first-run guide's simulated organization: three MDM servers, devices on no server, and one API account whose
 * client ID, key ID and key file the console can take as they are (the entry point the service side calls).
 */
class FirstRunOrganizationTest {

    @Test
    void threeServersAnApiAccountAndARestartThatKeepsTheConsolesKey() {
        ApiAccountFile account;
        java.security.interfaces.ECPrivateKey key;
        try (DepSimulator sim = DepSimulator.start(SimulatorConfig.firstRunOrganization(200).withSeed(5))) {
            var org = sim.organization();
            assertThat(org.serverNames()).containsExactly("DEP Console Simulator", "Classroom iPads", "Loaner Pool");
            assertThat(org.settings().rateLimited()).as("Apple's observed limits by default").isTrue();
            account = org.demoApiAccount();
            assertThat(org.demoApiAccount()).isEqualTo(account);
            key = ApiKeys.readPrivateKey(account.privateKeyPem().getBytes(StandardCharsets.US_ASCII));
            try (var client = client(sim, account, key)) {
                client.validateCredentials();
                List<MdmServer> servers = client.allMdmServers();
                assertThat(servers).extracting(MdmServer::deviceCount).containsExactlyInAnyOrder(200, 40, 10);
                assertThat(client.orgDevices(null, 1000, List.of("status")).devices()).hasSize(260)
                        .filteredOn(d -> d.status().equals("UNASSIGNED")).hasSize(10);
            }
        }
        // the simulator keeps nothing across runs: the console re-registers the key it stored
        try (DepSimulator sim = DepSimulator.start(SimulatorConfig.firstRunOrganization(200).withSeed(5))) {
            sim.organization().restoreApiAccount(account.name(), account.clientId(), account.keyId(), ApiKeys.publicKeyOf(key));
            try (var client = client(sim, account, key)) {
                assertThat(client.validateCredentials().scope()).isEqualTo("business.api");
            }
        }
    }

    private static OkHttpAppleBusinessClient client(DepSimulator sim, ApiAccountFile account, java.security.interfaces.ECPrivateKey key) {
        return new OkHttpAppleBusinessClient(BusinessClientConfig.of(new ApiCredentials(account.clientId(), account.keyId(), key),
                sim.baseUrl()).withPacing(RequestPacing.off()), null, null, null);
    }
}
