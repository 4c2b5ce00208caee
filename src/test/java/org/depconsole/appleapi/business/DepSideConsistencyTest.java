package org.depconsole.appleapi.business;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.depconsole.appleapi.ClientConfig;
import org.depconsole.appleapi.OkHttpAppleDepClient;
import org.depconsole.appleapi.RetryPolicy;
import org.depconsole.crypto.ApiKeys;
import org.depconsole.domain.ServerToken;
import org.depconsole.domain.apple.Device;
import org.depconsole.domain.apple.DevicePage;
import org.depconsole.domain.apple.OpType;
import org.depconsole.domain.apple.ProfileStatus;
import org.depconsole.domain.business.ActivityType;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.domain.business.OrgDeviceActivity;
import org.depconsole.simulator.ApiAccountFile;
import org.depconsole.simulator.BusinessApiSettings;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.MutableClock;
import org.depconsole.simulator.SimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An assignment made through the Apple Business API reaches the DEP side of the same simulated organization after
 * the configured delay (apple-business-api.md §9, §10.10): the target server's sync lists a moved device as
 * {@code modified} with {@code profile_status: removed}, a device new to any server as {@code added}, and the old
 * server's sync lists it as {@code deleted}. Both real clients, real loopback HTTP.
 */
class DepSideConsistencyTest {

    static final Duration DELAY = Duration.ofMinutes(2);

    MutableClock clock;
    DepSimulator sim;
    ApiAccountFile account;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.parse("2026-12-03T09:00:00Z"));
        sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(30).withSeed(3).withClock(clock)
                .withExtraServers(List.of(new SimulatorConfig.ExtraServer("Classroom iPads", 10)))
                .withUnassignedDevices(4)
                .withApi(BusinessApiSettings.defaults().withRateLimited(false).withTiming(Duration.ofSeconds(8), DELAY)));
        account = sim.organization().createApiAccount("Console", ApiFamily.BUSINESS);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    OkHttpAppleDepClient dep(String serverName) {
        ServerToken token = sim.organization().server(serverName).token();
        return new OkHttpAppleDepClient(new ClientConfig(sim.baseUrl(), 1, () -> token, clock, RetryPolicy.none(), null, null, null),
                null, d -> clock.advance(d));
    }

    OkHttpAppleBusinessClient business() {
        var credentials = new ApiCredentials(account.clientId(), account.keyId(),
                ApiKeys.readPrivateKey(account.privateKeyPem().getBytes(StandardCharsets.US_ASCII)));
        return new OkHttpAppleBusinessClient(BusinessClientConfig.of(credentials, sim.baseUrl()).withClock(clock)
                .withPacing(RequestPacing.off()), null, null, d -> clock.advance(d));
    }

    /** Full fetch to the end; returns the cursor for the following syncs. */
    static String fetchAll(OkHttpAppleDepClient client) {
        String cursor = null;
        DevicePage page;
        do {
            page = client.fetchDevices(cursor, 1000);
            cursor = page.cursor();
        } while (page.moreToFollow());
        return cursor;
    }

    static Map<String, Device> sync(OkHttpAppleDepClient client, String[] cursor) {
        List<Device> all = new ArrayList<>();
        DevicePage page;
        do {
            page = client.syncDevices(cursor[0], 1000);
            all.addAll(page.devices());
            cursor[0] = page.cursor();
        } while (page.moreToFollow());
        return all.stream().collect(Collectors.toMap(Device::serialNumber, d -> d, (a, b) -> b));
    }

    @Test
    void anAssignmentReachesBothServersDepSyncAfterTheDelay() {
        var org = sim.organization();
        String moved = org.server("DEP Console Simulator").serials().get(0);
        String fresh = org.unassignedSerials().get(0);
        String target = org.serverId("Classroom iPads");
        try (var main = dep("DEP Console Simulator"); var classroom = dep("Classroom iPads"); var api = business()) {
            String[] mainCursor = {fetchAll(main)};
            String[] classroomCursor = {fetchAll(classroom)};

            OrgDeviceActivity activity = api.createActivity(ActivityType.ASSIGN_DEVICES, target, List.of(moved, fresh));
            clock.advance(Duration.ofSeconds(8));
            assertThat(api.activity(activity.id()).subStatus()).isEqualTo("COMPLETED_WITH_SUCCESS");
            assertThat(api.assignedServerId(moved)).contains(target);

            // Apple's organization view changed at once; the DEP side has not yet
            assertThat(sync(classroom, classroomCursor)).isEmpty();
            assertThat(sync(main, mainCursor)).isEmpty();
            assertThat(org.pendingDepMoves()).isEqualTo(2);

            clock.advance(DELAY);
            Map<String, Device> arrived = sync(classroom, classroomCursor);
            assertThat(arrived).containsOnlyKeys(moved, fresh);
            assertThat(arrived.get(moved).opType()).isEqualTo(OpType.MODIFIED);
            assertThat(arrived.get(moved).profileStatus()).isEqualTo(ProfileStatus.REMOVED);
            assertThat(arrived.get(fresh).opType()).isEqualTo(OpType.ADDED);
            assertThat(arrived.get(fresh).profileStatus()).isEqualTo(ProfileStatus.EMPTY);

            Map<String, Device> left = sync(main, mainCursor);
            assertThat(left).containsOnlyKeys(moved);
            assertThat(left.get(moved).opType()).isEqualTo(OpType.DELETED);

            assertThat(classroom.deviceDetails(List.of(moved)).get(moved).responseStatus()).isEqualTo("SUCCESS");
            assertThat(main.deviceDetails(List.of(moved)).get(moved).responseStatus()).isEqualTo("NOT_ACCESSIBLE");
            assertThat(org.server("Classroom iPads").deviceCount()).isEqualTo(12);

            // unassign: the server's sync reports it deleted, the organization keeps it on no server
            OrgDeviceActivity unassign = api.createActivity(ActivityType.UNASSIGN_DEVICES, target, List.of(moved));
            clock.advance(Duration.ofSeconds(8).plus(DELAY));
            assertThat(api.activity(unassign.id()).status()).isEqualTo("COMPLETED");
            assertThat(sync(classroom, classroomCursor)).containsOnlyKeys(moved)
                    .satisfies(m -> assertThat(m.get(moved).opType()).isEqualTo(OpType.DELETED));
            assertThat(api.orgDevice(moved)).get().satisfies(d -> assertThat(d.status()).isEqualTo("UNASSIGNED"));
        }
    }

    @Test
    void depSideChangesShowInTheOrganization() {
        var org = sim.organization();
        try (var api = business()) {
            List<String> added = org.server("Classroom iPads").addDevices(2);
            assertThat(api.assignedServerId(added.get(0))).contains(org.serverId("Classroom iPads"));
            List<String> gone = org.server("DEP Console Simulator").deleteDevices(1);
            assertThat(api.orgDevice(gone.get(0))).get().satisfies(d -> assertThat(d.status()).isEqualTo("UNASSIGNED"));
            assertThat(org.deviceCount()).isEqualTo(30 + 10 + 4 + 2);
        }
    }
}
