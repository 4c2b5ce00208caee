package org.depconsole.service.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Messages;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.simulator.ApiAccountFile;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.testsupport.SimulatedOrg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Linking an API account against the simulated Apple Business API: valid, and each wrong credential with its own sentence. */
class OrgAccountLinkTest {

    @TempDir
    Path dir;

    private DepSimulator sim;
    private CoreServices core;

    @BeforeEach
    void start() {
        sim = SimulatedOrg.start(200);
        core = CoreServices.open(AppDirs.at(dir.resolve("data")));
        SimulatedOrg.unpaced(core);
    }

    @AfterEach
    void stop() {
        core.close();
        sim.close();
    }

    private OrgAccountService.LinkRequest request(String name, String clientId, String keyId, String pem) {
        return new OrgAccountService.LinkRequest(name, clientId, keyId, pem.getBytes(StandardCharsets.US_ASCII), sim.baseUrl());
    }

    @Test
    void aValidAccountIsStoredWithItsKeySealed() throws Exception {
        ApiAccountFile file = sim.organization().createApiAccount("Lab", ApiFamily.BUSINESS);
        OrgAccount a = core.orgAccounts().link(request("Lab", file.clientId(), file.keyId(), file.privateKeyPem()));

        assertThat(a.family()).isEqualTo(ApiFamily.BUSINESS);
        assertThat(a.endpoint()).isEqualTo(sim.baseUrl());
        assertThat(core.orgAccounts().list()).extracting(OrgAccount::name).containsExactly("Lab");
        assertThat(sim.organization().apiRequests()).as("the credentials were proven at the token endpoint")
                .anyMatch(r -> r.path().startsWith("/auth/oauth2/") && r.status() == 200);
        assertThatThrownBy(() -> core.orgAccounts().link(request("lab", file.clientId(), file.keyId(), file.privateKeyPem())))
                .hasMessage(Messages.format("org.error.duplicate", "lab"));

        core.close();
        byte[] store = Files.readAllBytes(dir.resolve("data").resolve("store").resolve("depconsole.mv.db"));
        String body = file.privateKeyPem().lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
        byte[] der = Base64.getDecoder().decode(body);
        assertThat(new String(store, StandardCharsets.ISO_8859_1)).as("no PEM text of the key in the store").doesNotContain(body.substring(0, 40));
        assertThat(indexOf(store, java.util.Arrays.copyOfRange(der, der.length - 40, der.length))).as("no key bytes in the store").isEqualTo(-1);
        core = CoreServices.open(AppDirs.at(dir.resolve("data")));
        SimulatedOrg.unpaced(core);
        assertThat(core.orgAccounts().client(core.orgAccounts().get("Lab")).allMdmServers()).as("the stored key signs in again")
                .hasSize(3);
    }

    @Test
    void eachWrongCredentialGetsItsOwnSentenceAndNothingIsStored() {
        ApiAccountFile good = sim.organization().createApiAccount("Good", ApiFamily.BUSINESS);
        ApiAccountFile other = sim.organization().createApiAccount("Other", ApiFamily.BUSINESS);

        expect(request("A", "BUSINESSAPI.not-a-uuid", good.keyId(), good.privateKeyPem()), "apple.error.business.credentials.clientidmalformed");
        expect(request("A", good.clientId(), "key-1", good.privateKeyPem()), "apple.error.business.credentials.keyidmalformed");
        expect(request("A", "BUSINESSAPI." + UUID.randomUUID(), good.keyId(), good.privateKeyPem()), "apple.error.business.credentials.unknownclient");
        expect(request("A", good.clientId(), good.keyId(), other.privateKeyPem()), "apple.error.business.credentials.wrongkey");
        expect(request("A", good.clientId(), other.keyId(), good.privateKeyPem()), "apple.error.business.credentials.keyrevoked");
        expect(request("A", good.clientId(), good.keyId(), "not a key"), "key.error.apiKeyUnreadable");

        ApiAccountFile school = sim.organization().createApiAccount("School", ApiFamily.SCHOOL);
        expect(request("A", school.clientId(), school.keyId(), school.privateKeyPem()), "apple.error.business.credentials.wrongscope");

        ApiAccountFile revoked = sim.organization().createApiAccount("Revoked", ApiFamily.BUSINESS);
        sim.organization().revokeKey(revoked.clientId());
        expect(request("A", revoked.clientId(), revoked.keyId(), revoked.privateKeyPem()), "apple.error.business.credentials.keyrevoked");

        core.orgClients().setTuning(c -> c.withPacing(org.depconsole.appleapi.business.RequestPacing.off())
                .withClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10))));
        expect(request("A", good.clientId(), good.keyId(), good.privateKeyPem()), "apple.error.business.credentials.clockskew");

        assertThat(core.orgAccounts().list()).as("nothing was stored for a refused account").isEmpty();
    }

    private void expect(OrgAccountService.LinkRequest r, String key) {
        assertThatThrownBy(() -> core.orgAccounts().link(r)).isInstanceOf(ConsoleException.class)
                .satisfies(e -> assertThat(((ConsoleException) e).messageKey()).as(r.toString()).isEqualTo(key));
        assertThat(core.orgAccounts().list()).isEmpty();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
