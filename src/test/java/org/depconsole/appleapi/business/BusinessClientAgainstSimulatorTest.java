package org.depconsole.appleapi.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.depconsole.appleapi.CancelledException;
import org.depconsole.appleapi.NetworkException;
import org.depconsole.appleapi.RateLimitedException;
import org.depconsole.appleapi.RetryPolicy;
import org.depconsole.appleapi.Sleeper;
import org.depconsole.crypto.ApiKeys;
import org.depconsole.domain.ApiCallRecord;
import org.depconsole.domain.business.ActivityType;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.domain.business.MdmServer;
import org.depconsole.domain.business.OrgDevice;
import org.depconsole.domain.business.OrgDevicePage;
import org.depconsole.domain.business.OrgDeviceActivity;
import org.depconsole.domain.business.SerialPage;
import org.depconsole.simulator.ApiAccountFile;
import org.depconsole.simulator.BusinessApiSettings;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.FaultPlan;
import org.depconsole.simulator.MutableClock;
import org.depconsole.simulator.OrganizationControl;
import org.depconsole.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Apple Business API client against the built-in simulator over loopback HTTP, with real P-256 keys. Client
 * and simulator share a {@link MutableClock}; the client's sleeper moves it, so waits take no wall time and "no request
 * before Retry-After" is checked on the simulator's own request log.
 */
class BusinessClientAgainstSimulatorTest {

    MutableClock clock;
    DepSimulator sim;
    OrganizationControl org;
    ApiAccountFile account;
    final List<ApiCallRecord> journal = new CopyOnWriteArrayList<>();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final List<RateLimitListener.Reason> reasons = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.parse("2026-12-03T09:00:00Z"));
        SimulatorConfig config = SimulatorConfig.defaults().withDeviceCount(40).withSeed(11).withClock(clock)
                .withExtraServers(List.of(new SimulatorConfig.ExtraServer("Classroom iPads", 15),
                        new SimulatorConfig.ExtraServer("Loaner Pool", 5)))
                .withUnassignedDevices(6)
                .withApi(BusinessApiSettings.defaults().withRateLimited(false).withTiming(Duration.ofSeconds(8), Duration.ofMinutes(2)));
        sim = DepSimulator.start(config);
        org = sim.organization();
        account = org.createApiAccount("Console", ApiFamily.BUSINESS);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    Sleeper movingClock() {
        return d -> clock.advance(d);
    }

    OkHttpAppleBusinessClient client(ApiAccountFile file, RequestPacing pacing) {
        return client(new ApiCredentials(file.clientId(), file.keyId(), key(file)), pacing, clock);
    }

    OkHttpAppleBusinessClient client(ApiCredentials credentials, RequestPacing pacing, java.time.Clock clientClock) {
        BusinessClientConfig config = BusinessClientConfig.of(credentials, sim.baseUrl()).withClock(clientClock).withPacing(pacing)
                .withRetry(new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(10))).withAccountId(5);
        return new OkHttpAppleBusinessClient(config, journal::add, (d, r) -> {
            waits.add(d);
            reasons.add(r);
        }, movingClock());
    }

    static ECPrivateKey key(ApiAccountFile file) {
        return ApiKeys.readPrivateKey(file.privateKeyPem().getBytes(StandardCharsets.US_ASCII));
    }

    // ---------------------------------------------------------------- credentials

    @Test
    void validCredentialsGetATokenThatIsNeverJournalled() {
        try (var client = client(account, RequestPacing.off())) {
            AppleBusinessClient.TokenGrant grant = client.validateCredentials();
            assertThat(grant.scope()).isEqualTo("business.api");
            assertThat(grant.expiresAt()).isEqualTo(clock.instant().plusSeconds(3600));
        }
        assertThat(journal).extracting(ApiCallRecord::path).containsExactly("/auth/oauth2/token", "/v1/mdmServers");
        assertThat(journal).allSatisfy(r -> assertThat(r.serverId()).isEqualTo(5));
        assertThat(journal.toString()).doesNotContain(account.keyId().substring(0, 0) + "Bearer");
    }

    @Test
    void eachWrongCredentialGetsItsOwnReason() {
        ApiAccountFile other = org.createApiAccount("Other", ApiFamily.BUSINESS);
        // the other account's key under this account's key id
        assertReason(new ApiCredentials(account.clientId(), account.keyId(), key(other)), CredentialsRejectedException.Reason.WRONG_KEY);
        // a key id the account never had (e.g. another account's)
        assertReason(new ApiCredentials(account.clientId(), other.keyId(), key(account)), CredentialsRejectedException.Reason.KEY_REVOKED);
        // a client id the organization does not know
        assertReason(new ApiCredentials("BUSINESSAPI.00000000-0000-4000-8000-000000000000", account.keyId(), key(account)),
                CredentialsRejectedException.Reason.UNKNOWN_CLIENT);
        // not shaped like a client id at all: refused before anything is sent
        int before = org.apiRequests().size();
        assertReason(new ApiCredentials("12345", account.keyId(), key(account)), CredentialsRejectedException.Reason.CLIENT_ID_MALFORMED);
        assertReason(new ApiCredentials(account.clientId(), "KEY", key(account)), CredentialsRejectedException.Reason.KEY_ID_MALFORMED);
        assertThat(org.apiRequests()).hasSize(before);
        // revoked: the portal generated a new key, the old one stops working
        ApiAccountFile renewed = org.regenerateKey(account.clientId());
        assertReason(new ApiCredentials(account.clientId(), account.keyId(), key(account)), CredentialsRejectedException.Reason.KEY_REVOKED);
        try (var client = client(renewed, RequestPacing.off())) {
            assertThat(client.validateCredentials().scope()).isEqualTo("business.api");
        }
    }

    @Test
    void aComputerClockAheadOfAppleIsNamedAsClockSkew() {
        java.time.Clock ahead = java.time.Clock.offset(clock, Duration.ofMinutes(10));
        try (var client = client(new ApiCredentials(account.clientId(), account.keyId(), key(account)), RequestPacing.off(), ahead)) {
            assertThatThrownBy(client::validateCredentials).isInstanceOfSatisfying(CredentialsRejectedException.class,
                    e -> assertThat(e.reason()).isEqualTo(CredentialsRejectedException.Reason.CLOCK_SKEW));
        }
    }

    @Test
    void aSchoolKeyOnTheBusinessHostIsNamedAsWrongScope() {
        ApiAccountFile school = org.createApiAccount("School", ApiFamily.SCHOOL);
        try (var client = client(school, RequestPacing.off())) {
            assertThatThrownBy(client::validateCredentials).isInstanceOfSatisfying(CredentialsRejectedException.class, e -> {
                assertThat(e.reason()).isEqualTo(CredentialsRejectedException.Reason.WRONG_SCOPE);
                assertThat(e.getMessage()).contains("SCHOOLAPI.").doesNotContain(school.keyId());
            });
        }
    }

    private void assertReason(ApiCredentials credentials, CredentialsRejectedException.Reason reason) {
        try (var client = client(credentials, RequestPacing.off(), clock)) {
            assertThatThrownBy(client::validateCredentials).isInstanceOfSatisfying(CredentialsRejectedException.class, e -> {
                assertThat(e.reason()).isEqualTo(reason);
                assertThat(e.getMessage()).isNotBlank().doesNotContain("-----BEGIN");
            });
        }
    }

    @Test
    void anExpiredAccessTokenIsRenewedOnceAndTheCallSucceeds() {
        try (var client = client(account, RequestPacing.off())) {
            client.validateCredentials();
            org.expireAccessTokens();
            assertThat(client.allMdmServers()).hasSize(3);
            clock.advance(Duration.ofMinutes(56)); // inside the renewal margin: renewed before use, no 401
            assertThat(client.allMdmServers()).hasSize(3);
        }
        assertThat(journal).extracting(r -> r.path() + " " + r.status()).containsExactly(
                "/auth/oauth2/token 200", "/v1/mdmServers 200",
                "/v1/mdmServers 401", "/auth/oauth2/token 200", "/v1/mdmServers 200",
                "/auth/oauth2/token 200", "/v1/mdmServers 200");
    }

    // ---------------------------------------------------------------- reading the organization

    @Test
    void pagesThroughEveryDeviceOfTheOrganizationWithCursors() {
        int total = org.deviceCount();
        assertThat(total).isEqualTo(40 + 15 + 5 + 6);
        List<OrgDevice> all = new ArrayList<>();
        int pages = 0;
        try (var client = client(account, RequestPacing.off())) {
            String cursor = null;
            do {
                OrgDevicePage page = client.orgDevices(cursor, 7, List.of());
                assertThat(page.devices()).hasSizeLessThanOrEqualTo(7);
                all.addAll(page.devices());
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null);
        }
        assertThat(pages).isEqualTo((total + 6) / 7);
        assertThat(all).extracting(OrgDevice::serialNumber).doesNotHaveDuplicates().hasSize(total).isSorted();
        assertThat(all.stream().filter(d -> OrgDevice.UNASSIGNED.equals(d.status()))).hasSize(6);
        OrgDevice d = all.get(0);
        assertThat(d.deviceModel()).isNotBlank();
        assertThat(d.orderNumber()).isNotBlank();
        assertThat(d.partNumber()).isNotBlank();
        assertThat(d.purchaseSourceType()).isIn("APPLE", "RESELLER");
        assertThat(d.addedToOrgDateTime()).isNotNull();
        assertThat(d.wifiMacAddress()).hasSize(1);
    }

    @Test
    void sparseFieldsReturnOnlyWhatWasAskedFor() {
        try (var client = client(account, RequestPacing.off())) {
            OrgDevicePage page = client.orgDevices(null, 5, List.of("serialNumber", "status"));
            assertThat(page.devices()).hasSize(5).allSatisfy(d -> {
                assertThat(d.serialNumber()).isNotBlank();
                assertThat(d.status()).isIn("ASSIGNED", "UNASSIGNED");
                assertThat(d.deviceModel()).isNull();
                assertThat(d.orderNumber()).isNull();
            });
            assertThatThrownBy(() -> client.orgDevices(null, 5, List.of("noSuchField")))
                    .isInstanceOfSatisfying(BusinessApiException.class, e -> assertThat(e.kind()).isEqualTo(BusinessApiException.Kind.BAD_REQUEST));
            assertThatThrownBy(() -> client.orgDevices("bm90IGEgY3Vyc29y-", 5, List.of()))
                    .isInstanceOfSatisfying(BusinessApiException.class, e -> assertThat(e.kind()).isEqualTo(BusinessApiException.Kind.CURSOR_INVALID));
        }
    }

    @Test
    void serversMatchTheDepServersAndListTheirSerials() {
        try (var client = client(account, RequestPacing.off())) {
            List<MdmServer> servers = client.allMdmServers();
            assertThat(servers).extracting(MdmServer::serverName)
                    .containsExactlyInAnyOrder("DEP Console Simulator", "Classroom iPads", "Loaner Pool");
            for (MdmServer s : servers) {
                assertThat(s.id()).isEqualTo(org.server(s.serverName()).serverUuid()).matches("[0-9A-F]{32}");
                assertThat(s.serverType()).isEqualTo("MDM");
                assertThat(s.deviceCount()).isEqualTo(org.server(s.serverName()).deviceCount());
                Set<String> serials = new HashSet<>();
                String cursor = null;
                do {
                    SerialPage page = client.serverDeviceSerials(s.id(), cursor, 4);
                    serials.addAll(page.serials());
                    cursor = page.nextCursor();
                } while (cursor != null);
                assertThat(serials).isEqualTo(new HashSet<>(org.server(s.serverName()).serials()));
            }
            String serial = org.server("Loaner Pool").serials().get(0);
            assertThat(client.assignedServerId(serial)).contains(org.serverId("Loaner Pool"));
            assertThat(client.assignedServerId(org.unassignedSerials().get(0))).isEmpty();
            assertThat(client.orgDevice(serial)).get().extracting(OrgDevice::status).isEqualTo("ASSIGNED");
            assertThat(client.orgDevice("NOSUCHSERIAL")).isEmpty();
            assertThat(client.appleCareCoverage(serial)).isNotEmpty().anySatisfy(c -> assertThat(c.description()).isEqualTo("Limited Warranty"));
            assertThatThrownBy(() -> client.serverDeviceSerials("0000", null, 10)).isInstanceOfSatisfying(BusinessApiException.class,
                    e -> assertThat(e.kind()).isEqualTo(BusinessApiException.Kind.NOT_FOUND));
        }
    }

    // ---------------------------------------------------------------- rate limits

    @Test
    void aRateLimitIsWaitedOutAndNoRequestLeavesBeforeRetryAfter() {
        org.rates(3, 10);
        org.rateLimited(true);
        try (var client = client(account, RequestPacing.off())) {
            client.validateCredentials();
            org.clearApiRequests();
            for (int i = 0; i < 7; i++) {
                assertThat(client.allMdmServers()).hasSize(3);
            }
        }
        List<OrganizationControl.ApiRequest> log = org.apiRequests();
        assertThat(log).anySatisfy(r -> assertThat(r.status()).isEqualTo(429));
        assertThat(reasons).contains(RateLimitListener.Reason.RETRY_AFTER);
        int retryWait = 0;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).status() == 429) {
                Duration asked = waits.get(retryWait++);
                assertThat(asked).isPositive();
                assertThat(i + 1).as("a retry follows every 429").isLessThan(log.size());
                assertThat(log.get(i + 1).at()).as("no request before Retry-After").isAfterOrEqualTo(log.get(i).at().plus(asked));
            }
        }
        assertThat(log.stream().filter(r -> r.status() == 200)).hasSize(7);
        assertThat(RateLimitListener.describe(Duration.ofMillis(41_200))).contains("42");
    }

    @Test
    void clientSidePacingStaysUnderTheObservedLimitsWithoutA429() {
        org.rateLimited(true); // 20 GET per minute
        List<Duration> ownWaits = new ArrayList<>();
        try (var client = client(account, RequestPacing.observed())) {
            client.validateCredentials();
            try (var scope = RateLimitWaits.report((d, r) -> ownWaits.add(d))) {
                for (int i = 0; i < 30; i++) {
                    client.orgDevices(null, 1, List.of("serialNumber"));
                }
            }
            client.orgDevices(null, 1, List.of("serialNumber"));
        }
        assertThat(ownWaits).as("this thread's scope saw its own 30 waits, not the one after it").hasSize(30)
                .allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(3)));
        List<OrganizationControl.ApiRequest> gets = org.apiRequests().stream().filter(r -> r.method().equals("GET")).toList();
        assertThat(gets).hasSize(32).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        for (int i = 1; i < gets.size(); i++) {
            assertThat(Duration.between(gets.get(i - 1).at(), gets.get(i).at())).as(gets.toString()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(Duration.between(gets.get(i - 1).at(), gets.get(i).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        }
        assertThat(reasons).containsOnly(RateLimitListener.Reason.PACING);
    }

    @Test
    void twoClientsOfOneAccountShareItsRetryAfter() {
        RequestPacing giveUpAtOnce = new RequestPacing(false, 20, 10, Duration.ofHours(1), 0);
        try (var first = client(account, RequestPacing.off()); var second = client(account, giveUpAtOnce)) {
            first.validateCredentials();
            second.validateCredentials();
            sim.control().addFault(FaultPlan.tooManyRequests(30).onPath("/v1/mdmServers"));
            org.clearApiRequests();
            assertThatThrownBy(second::allMdmServers).isInstanceOf(RateLimitedException.class);
            Instant refusedAt = org.apiRequests().get(0).at();
            assertThat(clock.instant()).as("the second client gave up without waiting").isEqualTo(refusedAt);
            assertThat(first.allMdmServers()).hasSize(3);
            List<OrganizationControl.ApiRequest> log = org.apiRequests();
            assertThat(log).hasSize(2);
            assertThat(log.get(1).at()).as("the first client honours the Retry-After the second one got")
                    .isAfterOrEqualTo(refusedAt.plusSeconds(30));
            assertThat(reasons).contains(RateLimitListener.Reason.RETRY_AFTER);
        }
    }

    @Test
    void aWaitCanBeCancelledByInterrupting() throws Exception {
        BusinessClientConfig config = BusinessClientConfig.of(new ApiCredentials(account.clientId(), account.keyId(), key(account)),
                sim.baseUrl()).withClock(clock).withPacing(RequestPacing.observed());
        try (var client = new OkHttpAppleBusinessClient(config, null, null, Sleeper.REAL)) {
            client.validateCredentials(); // the next GET must wait 3 s of real time for its slot
            Thread t = new Thread(() -> {
                try {
                    client.allMdmServers();
                } catch (CancelledException expected) {
                    cancelled.add(expected);
                }
            });
            t.start();
            Thread.sleep(200);
            t.interrupt();
            t.join(5000);
            assertThat(t.isAlive()).isFalse();
            assertThat(cancelled).hasSize(1);
        }
    }

    final List<Exception> cancelled = new CopyOnWriteArrayList<>();

    // ---------------------------------------------------------------- activities

    @Test
    void anActivityRunsOnTheClockAndReportsPerDeviceFailures() {
        String target = org.serverId("Classroom iPads");
        List<String> fromMain = org.server("DEP Console Simulator").serials().subList(0, 3);
        String alreadyThere = org.server("Classroom iPads").serials().get(0);
        String unassigned = org.unassignedSerials().get(0);
        List<String> serials = new ArrayList<>(fromMain);
        serials.add(alreadyThere);
        serials.add(unassigned);
        org.failInNextActivity(List.of(fromMain.get(2)));
        try (var client = client(account, RequestPacing.off())) {
            OrgDeviceActivity created = client.createActivity(ActivityType.ASSIGN_DEVICES, target, serials);
            assertThat(created.status()).isEqualTo("IN_PROGRESS");
            assertThat(created.subStatus()).isEqualTo("SUBMITTED");
            assertThat(client.activityLog(created.id())).isEmpty();
            clock.advance(Duration.ofSeconds(4));
            assertThat(client.activity(created.id()).subStatus()).isEqualTo("PROCESSING");
            clock.advance(Duration.ofSeconds(4));
            OrgDeviceActivity done = client.activity(created.id());
            assertThat(done.status()).isEqualTo("COMPLETED");
            assertThat(done.subStatus()).isEqualTo("COMPLETED_WITH_ERROR");
            assertThat(done.completedDateTime()).isEqualTo(created.createdDateTime().plusSeconds(8));
            assertThat(done.downloadUrl()).isNotNull();
            assertThat(done.toString()).doesNotContain(done.downloadUrl().toString());

            var log = client.activityLog(created.id()).orElseThrow();
            assertThat(log.rows()).hasSize(5);
            assertThat(log.rows()).filteredOn(r -> !r.succeeded()).extracting(r -> r.serialNumber())
                    .containsExactlyInAnyOrder(fromMain.get(2), alreadyThere);
            assertThat(log.rows()).filteredOn(r -> r.serialNumber().equals(alreadyThere)).first()
                    .satisfies(r -> assertThat(r.message()).contains("already"));
            assertThat(log.csv()).startsWith("Serial Number,");

            assertThat(org.assignedServerId(fromMain.get(0))).isEqualTo(target);
            assertThat(org.assignedServerId(fromMain.get(2))).isEqualTo(org.serverId("DEP Console Simulator"));
            assertThat(org.assignedServerId(unassigned)).isEqualTo(target);
            assertThat(client.assignedServerId(fromMain.get(1))).contains(target);

            OrgDeviceActivity unassign = client.createActivity(ActivityType.UNASSIGN_DEVICES, target, List.of(fromMain.get(0)));
            clock.advance(Duration.ofSeconds(8));
            assertThat(client.activity(unassign.id()).subStatus()).isEqualTo("COMPLETED_WITH_SUCCESS");
            assertThat(org.unassignedSerials()).contains(fromMain.get(0));
        }
        assertThat(journal).filteredOn(r -> r.method().equals("POST") && r.path().equals("/v1/orgDeviceActivities"))
                .first().satisfies(r -> assertThat(r.deviceCount()).isEqualTo(5));
    }

    @Test
    void unknownSerialsOrServersAre409AndNothingMoves() {
        String serial = org.server("Loaner Pool").serials().get(0);
        try (var client = client(account, RequestPacing.off())) {
            assertThatThrownBy(() -> client.createActivity(ActivityType.ASSIGN_DEVICES, org.serverId("Classroom iPads"),
                    List.of(serial, "NOSUCHSERIAL1", "NOSUCHSERIAL2")))
                    .isInstanceOfSatisfying(ActivityConflictException.class, e -> {
                        assertThat(e.unknownSerials()).containsExactly("NOSUCHSERIAL1", "NOSUCHSERIAL2");
                        assertThat(e.getMessage()).contains("NOSUCHSERIAL1");
                    });
            assertThatThrownBy(() -> client.createActivity(ActivityType.ASSIGN_DEVICES, "0123456789ABCDEF0123456789ABCDEF", List.of(serial)))
                    .isInstanceOfSatisfying(ActivityConflictException.class, e -> assertThat(e.unknownServer()).isTrue());
            assertThatThrownBy(() -> client.activity("b1481656-b267-480d-b284-a809eed8b041"))
                    .isInstanceOfSatisfying(BusinessApiException.class, e -> assertThat(e.kind()).isEqualTo(BusinessApiException.Kind.NOT_FOUND));
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(org.assignedServerId(serial)).isEqualTo(org.serverId("Loaner Pool"));
    }

    // ---------------------------------------------------------------- failures

    @Test
    void serverErrorsAreRetriedForReadsButNeverForMoves() {
        try (var client = client(account, RequestPacing.off())) {
            client.validateCredentials();
            sim.control().addFault(FaultPlan.respond(503, "{}").times(2).onPath("/v1/mdmServers"));
            assertThat(client.allMdmServers()).hasSize(3);
            sim.control().addFault(FaultPlan.respond(503, "{}").onPath("/v1/orgDeviceActivities"));
            String serial = org.server("Loaner Pool").serials().get(0);
            assertThatThrownBy(() -> client.createActivity(ActivityType.ASSIGN_DEVICES, org.serverId("Classroom iPads"), List.of(serial)))
                    .isInstanceOfSatisfying(BusinessApiException.class, e -> {
                        assertThat(e.kind()).isEqualTo(BusinessApiException.Kind.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("503");
                    });
            sim.control().addFault(FaultPlan.dropConnection().onPath("/v1/orgDeviceActivities"));
            assertThatThrownBy(() -> client.createActivity(ActivityType.ASSIGN_DEVICES, org.serverId("Classroom iPads"), List.of(serial)))
                    .isInstanceOfSatisfying(NetworkException.class, e -> assertThat(e.requestSent()).isTrue());
            sim.control().addFault(FaultPlan.tooManyRequests(7200).onPath("/v1/mdmServers"));
            assertThatThrownBy(client::allMdmServers).isInstanceOfSatisfying(RateLimitedException.class,
                    e -> assertThat(e.retryAfter()).contains(Duration.ofHours(2)));
        }
        assertThat(journal).extracting(r -> r.method() + " " + r.path() + " " + r.status()).containsSubsequence(
                "GET /v1/mdmServers 503", "GET /v1/mdmServers 503", "GET /v1/mdmServers 200", "POST /v1/orgDeviceActivities 503",
                "POST /v1/orgDeviceActivities 0", "GET /v1/mdmServers 429");
        assertThat(journal.stream().filter(r -> r.method().equals("POST") && r.path().equals("/v1/orgDeviceActivities"))).hasSize(2);
        assertThat(org.assignedServerId(org.server("Loaner Pool").serials().get(0))).isEqualTo(org.serverId("Loaner Pool"));
    }

    @Test
    void anUnreachableServiceIsANetworkError() {
        var client = client(account, RequestPacing.off());
        sim.close();
        assertThatThrownBy(client::validateCredentials).isInstanceOfSatisfying(NetworkException.class,
                e -> assertThat(e.kind()).isEqualTo(NetworkException.Kind.CONNECT));
        client.close();
    }
}
