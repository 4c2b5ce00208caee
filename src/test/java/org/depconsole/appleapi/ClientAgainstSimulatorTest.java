package org.depconsole.appleapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.depconsole.domain.ApiCallRecord;
import org.depconsole.domain.ServerToken;
import org.depconsole.domain.apple.AssignResult;
import org.depconsole.domain.apple.DeviceOutcome;
import org.depconsole.domain.apple.DevicePage;
import org.depconsole.domain.apple.Profile;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.FaultPlan;
import org.depconsole.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real client against the built-in simulator over loopback HTTP: sessions, paging and every fault the
 * simulator can inject. The simulator behaves like the reference says Apple does, independently of the client.
 */
class ClientAgainstSimulatorTest {

    DepSimulator sim;
    final List<Duration> slept = new CopyOnWriteArrayList<>();
    final List<ApiCallRecord> journal = new CopyOnWriteArrayList<>();
    final Sleeper recordingSleeper = slept::add;

    @BeforeEach
    void start() {
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(450).withSeed(7));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    OkHttpAppleDepClient client(RetryPolicy retry, Duration readTimeout) {
        ServerToken token = sim.control().token();
        var config = new ClientConfig(sim.baseUrl(), 7, () -> token, null, retry, null, Duration.ofSeconds(5), readTimeout);
        return new OkHttpAppleDepClient(config, journal::add, recordingSleeper);
    }

    OkHttpAppleDepClient client() {
        return client(RetryPolicy.standard(), null);
    }

    List<String> fetchAll(AppleDepClient c, int limit, Runnable afterFirstPage) {
        List<String> serials = new ArrayList<>();
        String cursor = null;
        boolean first = true;
        DevicePage page;
        do {
            page = c.fetchDevices(cursor, limit);
            page.devices().forEach(d -> serials.add(d.serialNumber()));
            cursor = page.cursor();
            if (first) {
                afterFirstPage.run();
                first = false;
            }
        } while (page.moreToFollow());
        return serials;
    }

    @Test
    void fetchesEveryDeviceOnceAndJournalsEachCall() {
        try (var c = client()) {
            try (var cause = CallCause.set("Test fetch")) {
                assertThat(c.account().serverName()).isEqualTo(SimulatorConfig.defaults().serverName());
                List<String> serials = fetchAll(c, 100, () -> { });
                assertThat(serials).hasSize(450).doesNotHaveDuplicates();
            }
        }
        assertThat(sim.control().requestCount("/session")).isEqualTo(1);
        assertThat(journal).extracting(ApiCallRecord::path).contains("/session", "/account", "/server/devices");
        assertThat(journal).filteredOn(r -> r.path().equals("/server/devices")).hasSize(5)
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.cause()).isEqualTo("Test fetch");
                    assertThat(r.bytes()).isPositive();
                });
    }

    @Test
    void aSessionThatExpiresMidOperationIsRenewedOnceAndTheOperationCompletes() {
        try (var c = client()) {
            List<String> serials = fetchAll(c, 100, () -> sim.control().expireAllSessions());
            assertThat(serials).hasSize(450).doesNotHaveDuplicates();
        }
        assertThat(sim.control().requestCount("/session")).isEqualTo(2);
        assertThat(journal).filteredOn(r -> r.status() == 401).hasSize(1);
    }

    @Test
    void aRateLimitedCallWaitsAsToldThenSucceeds() {
        sim.control().addFault(FaultPlan.tooManyRequests(3).onPath("/server/devices"));
        try (var c = client()) {
            assertThat(c.fetchDevices(null, 100).devices()).hasSize(100);
        }
        assertThat(slept).containsExactly(Duration.ofSeconds(3));
        assertThat(journal).extracting(ApiCallRecord::status).contains(429, 200);
    }

    @Test
    void serverErrorsAreRetriedWithBackoffAndUnavailableHonoursRetryAfter() {
        sim.control().addFault(FaultPlan.serverError().onPath("/server/devices").times(2));
        sim.control().addFault(FaultPlan.serviceUnavailable(2).onPath("/account"));
        try (var c = client()) {
            assertThat(c.fetchDevices(null, 50).devices()).hasSize(50);
            assertThat(c.account()).isNotNull();
        }
        assertThat(slept).hasSize(3);
        assertThat(slept.get(0)).isLessThanOrEqualTo(RetryPolicy.standard().maxDelay());
        assertThat(slept.get(2)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void nothingRetriesForever() {
        sim.control().addFault(FaultPlan.serverError().onPath("/server/devices").times(50));
        try (var c = client()) {
            assertThatThrownBy(() -> c.fetchDevices(null, 50)).isInstanceOf(AppleUnavailableException.class)
                    .hasMessageNotContaining("Exception");
        }
        assertThat(sim.control().requestCount("/server/devices")).isEqualTo(RetryPolicy.standard().maxAttempts());
    }

    @Test
    void aSlowAnswerTimesOutWithASentence() {
        sim.control().addFault(FaultPlan.delay(Duration.ofSeconds(3)).onPath("/account"));
        try (var c = client(RetryPolicy.none(), Duration.ofMillis(500))) {
            assertThatThrownBy(c::account).isInstanceOf(NetworkException.class)
                    .satisfies(e -> assertThat(((NetworkException) e).kind()).isEqualTo(NetworkException.Kind.TIMEOUT));
        }
    }

    @Test
    void aDroppedConnectionIsRetriedForReadsButNotForAssignments() {
        sim.control().addFault(FaultPlan.dropConnection().onPath("/server/devices"));
        try (var c = client()) {
            assertThat(c.fetchDevices(null, 20).devices()).hasSize(20);
            sim.control().addFault(FaultPlan.dropConnection().onPath("/profile/devices"));
            String uuid = c.defineProfile(Profile.builder("Lab", "https://mdm.example.org/enroll").build()).profileUuid();
            List<String> serials = sim.control().serials().subList(0, 3);
            assertThatThrownBy(() -> c.assignProfile(uuid, serials)).isInstanceOf(NetworkException.class);
        }
        assertThat(sim.control().requestCount("/server/devices")).isEqualTo(2);
        assertThat(sim.control().requestCount("/profile/devices")).isEqualTo(1);
    }

    @Test
    void termsNotAcceptedStopsAtOnceWithTheFix() {
        sim.control().termsNotAccepted(true);
        try (var c = client()) {
            assertThatThrownBy(c::account).isInstanceOf(TermsNotAcceptedException.class)
                    .hasMessageContaining("Apple Business Manager");
        }
        assertThat(sim.control().requestCount("/session") + sim.control().requestCount("/account")).isLessThanOrEqualTo(2);
    }

    @Test
    void anEchoedCursorComesBackAsSentSoTheCallerCanStop() {
        try (var c = client()) {
            List<String> all = fetchAll(c, 1000, () -> { });
            assertThat(all).hasSize(450);
            String cursor = c.fetchDevices(null, 1000).cursor();
            sim.control().addDevices(3);
            sim.control().echoCursorOnNextSync();
            DevicePage echoed = c.syncDevices(cursor, 100);
            assertThat(echoed.cursor()).isEqualTo(cursor);
            assertThat(echoed.moreToFollow()).isTrue();
        }
    }

    @Test
    void assignmentsReportEachDeviceIncludingThrottledWithTheWait() {
        try (var c = client()) {
            String uuid = c.defineProfile(Profile.builder("Lab", "https://mdm.example.org/enroll").build()).profileUuid();
            List<String> serials = new ArrayList<>(sim.control().serials().subList(0, 4));
            sim.control().throttle(serials.subList(0, 1), 900);
            serials.add("NOTMINE00001");
            AssignResult result = c.assignProfile(uuid, serials);
            assertThat(result.outcome(serials.get(0))).isEqualTo(DeviceOutcome.THROTTLED);
            assertThat(result.outcome(serials.get(1))).isEqualTo(DeviceOutcome.SUCCESS);
            assertThat(result.outcome("NOTMINE00001")).isEqualTo(DeviceOutcome.NOT_ACCESSIBLE);
            assertThat(result.retryAfter()).contains(Duration.ofSeconds(900));
            assertThat(sim.control().profileStatus(serials.get(1))).isEqualTo("assigned");
            assertThat(c.removeProfile(List.of(serials.get(1))).outcome(serials.get(1))).isEqualTo(DeviceOutcome.SUCCESS);
            assertThat(sim.control().profileStatus(serials.get(1))).isEqualTo("removed");
        }
    }

    @Test
    void aTokenSupersededByANewDownloadIsRejectedWithTheReason() {
        try (var c = client()) {
            c.account();
            sim.control().expireAllSessions();
            var keys = org.depconsole.crypto.ServerKeys.generate("Lab", java.time.Clock.systemUTC());
            sim.control().uploadCertificate(keys.certificatePem().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            sim.control().downloadToken();
            assertThatThrownBy(c::account).isInstanceOf(TokenRejectedException.class)
                    .hasMessageContaining("token");
        }
        Set<Integer> statuses = new HashSet<>();
        journal.forEach(r -> statuses.add(r.status()));
        assertThat(statuses).contains(401);
    }
}
