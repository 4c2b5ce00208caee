package org.depconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.JournalQuery;
import org.depconsole.domain.apple.Profile;
import org.depconsole.domain.inventory.SyncRun;
import org.depconsole.domain.profile.AssignmentOutcome;
import org.depconsole.domain.profile.AssignmentPreview;
import org.depconsole.domain.profile.AssignmentReport;
import org.depconsole.domain.profile.DefaultAssignment;
import org.depconsole.domain.profile.ProfileVersion;
import org.depconsole.persistence.InventoryRepository;
import org.depconsole.persistence.ProfileRepository;
import org.depconsole.testsupport.SimulatedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presets, define, assign, remove, retry and the default profile against the simulator over loopback, into a real H2 file. */
class ProfilesAgainstSimulatorTest {

    @TempDir
    Path dir;
    private SimulatedServer s;
    private ProfileService profiles;

    @BeforeEach
    void start() {
        s = SimulatedServer.start(dir, 2500);
        profiles = s.core().profiles();
        s.core().sync().runNow(s.id(), null, "Test");
    }

    @AfterEach
    void stop() {
        s.close();
    }

    static Profile lab() {
        return Profile.builder("Lab", "https://mdm.example.org/enroll").isSupervised(true).isMdmRemovable(false)
                .skipSetupItems(List.of("AppleID", "Siri")).build();
    }

    private long calls(String path) {
        return s.sim().control().requestCount(path);
    }

    @Test
    void defineRecordsTheUuidOnANewVersionAndInvalidProfilesNeverReachApple() {
        ProfileVersion v1 = profiles.define(s.id(), "Lab", lab());
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.profileUuid()).isNotBlank();
        assertThat(s.sim().control().requestCount("/profile")).isEqualTo(1);
        assertThat(profiles.fetch(s.id(), v1.profileUuid())).get().extracting(Profile::profileName).isEqualTo("Lab");

        ProfileVersion v2 = profiles.define(s.id(), "Lab", lab().toBuilder().department("IT").build());
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.profileUuid()).isNotEqualTo(v1.profileUuid());
        assertThat(profiles.resolveUuid(s.id(), "lab")).isEqualTo(v2.profileUuid());
        assertThat(ProfileService.profileOf(v2).department()).isEqualTo("IT");

        long before = calls("/profile");
        for (Profile bad : List.of(lab().toBuilder().profileName("").build(), lab().toBuilder().url("http://mdm.example.org").build(),
                lab().toBuilder().isSupervised(false).build(), lab().toBuilder().language("en").region("us").build(),
                lab().toBuilder().supportEmailAddress("e".repeat(245) + "@x.org").build(), lab().toBuilder().supportPhoneNumber("x".repeat(51)).build(),
                lab().toBuilder().department("d".repeat(126)).build(), lab().toBuilder().orgMagic("m".repeat(257)).build())) {
            assertThatThrownBy(() -> profiles.define(s.id(), "Lab", bad)).isInstanceOf(ProfileLintException.class)
                    .hasMessageContaining("not sent to Apple");
        }
        assertThat(calls("/profile")).isEqualTo(before);
        assertThat(s.core().journal().find(new JournalQuery(s.id(), null, null, "Define profile", null, 50))).hasSize(2);
        assertThatThrownBy(() -> profiles.resolveUuid(s.id(), "no such preset")).isInstanceOf(ConsoleException.class)
                .hasMessageContaining("neither a preset");
    }

    @Test
    void assignTwoAndAHalfThousandInThreeBatchesWithMixedResultsThenRetryTheThrottledOnesOnlyWhenAllowed() throws Exception {
        String uuid = profiles.define(s.id(), "Lab", lab()).profileUuid();
        List<String> serials = s.sim().control().serials();
        List<String> failing = serials.subList(0, 5);
        List<String> throttled = serials.subList(1500, 1510);
        s.sim().control().failAssign(failing);
        s.sim().control().throttle(throttled, 600);
        List<String> wanted = new java.util.ArrayList<>(serials);
        wanted.add("NOTMINE00001");

        AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
        Clock clock = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        AssignmentService assignments = new AssignmentService(s.core().clients(), new InventoryRepository(s.core().database()),
                new ProfileRepository(s.core().database()), clock);

        AssignmentPreview preview = assignments.preview(s.id(), uuid, wanted);
        assertThat(preview.notInInventory()).containsExactly("NOTMINE00001");
        assertThat(preview.total()).isEqualTo(2501);

        long before = calls("/profile/devices");
        AssignmentReport r = assignments.assign(s.id(), uuid, wanted, "Test assign");
        assertThat(calls("/profile/devices") - before).as("2501 serials, batches of 1000").isEqualTo(3);
        assertThat(r.calls()).isEqualTo(3);
        assertThat(r.counts()).containsEntry(AssignmentOutcome.SUCCESS, 2500 - 15).containsEntry(AssignmentOutcome.FAILED, 5)
                .containsEntry(AssignmentOutcome.THROTTLED, 10).containsEntry(AssignmentOutcome.NOT_ACCESSIBLE, 1);
        assertThat(r.results()).filteredOn(x -> x.outcome() == AssignmentOutcome.THROTTLED)
                .allSatisfy(x -> assertThat(x.retryAt()).isAfter(now.get().plusSeconds(590)));

        // the inventory follows Apple's answers only
        InventoryRepository inv = new InventoryRepository(s.core().database());
        assertThat(inv.find(s.id(), serials.get(10)).orElseThrow().device().profileUuid()).isEqualTo(uuid);
        assertThat(inv.find(s.id(), serials.get(10)).orElseThrow().device().profileStatusRaw()).isEqualTo("assigned");
        assertThat(inv.find(s.id(), failing.get(0)).orElseThrow().device().profileUuid()).isNotEqualTo(uuid);
        assertThat(profiles.usage(s.id(), false).get(0).assigned()).isEqualTo(2500 - 15);
        assertThat(s.core().devices().profileNames(s.id())).containsEntry(uuid, "Lab (v1)");
        assertThat(assignments.preview(s.id(), uuid, serials.subList(10, 20)).alreadyDone()).hasSize(10);

        Path csv = dir.resolve("results.csv");
        AssignmentService.writeCsv(r, csv);
        assertThat(Files.readAllLines(csv)).hasSize(2502).first().isEqualTo("serial_number,operation,profile_uuid,result,retry_after");

        assertThatThrownBy(() -> assignments.retryThrottled(s.id(), "Test retry")).isInstanceOf(ConsoleException.class)
                .hasMessageContaining("only from");
        s.sim().control().clearAssignFaults();
        now.set(now.get().plusSeconds(601));
        AssignmentReport retry = assignments.retryThrottled(s.id(), "Test retry");
        assertThat(retry.results()).extracting(AssignmentReport.Result::serial).containsExactlyInAnyOrderElementsOf(throttled);
        assertThat(retry.counts()).containsEntry(AssignmentOutcome.SUCCESS, 10);
        assertThat(assignments.throttled(s.id())).isEmpty();
        assertThat(s.core().journal().find(new JournalQuery(s.id(), null, null, "Test retry", null, 50))).hasSize(1);

        // a newer version makes these devices "on an older version"
        profiles.define(s.id(), "Lab", lab().toBuilder().department("IT").build());
        assertThat(profiles.devicesOnOlderVersion(s.id(), "Lab")).hasSize(2500 - 5).containsValue(1);

        // remove: devices that pushed keep theirs until erased
        s.sim().control().activate(serials.subList(0, 100));
        AssignmentPreview rp = assignments.previewRemove(s.id(), serials.subList(20, 30));
        assertThat(rp.willChange()).hasSize(10);
        AssignmentReport removed = assignments.remove(s.id(), serials.subList(20, 30), "Test remove");
        assertThat(removed.counts()).containsEntry(AssignmentOutcome.SUCCESS, 10);
        assertThat(inv.find(s.id(), serials.get(25)).orElseThrow().device().profileStatusRaw()).isEqualTo("removed");
        assertThat(s.sim().control().profileStatus(serials.get(25))).isEqualTo("removed");
    }

    @Test
    void theDefaultProfileGoesToNewAndRemovedDevicesAfterASyncAndCanBeSwitchedOff() {
        String uuid = profiles.define(s.id(), "Lab", lab()).profileUuid();
        DefaultProfileService defaults = s.core().defaultProfiles();
        assertThat(defaults.set(s.id(), "Lab").profileUuid()).isEqualTo(uuid);

        List<String> arrived = s.sim().control().addDevices(3);
        List<String> moved = s.sim().control().moveInDevices(2);
        SyncRun run = s.core().sync().runNow(s.id(), null, "Test");

        List<DefaultAssignment> log = defaults.history(s.id(), 50);
        assertThat(log).extracting(DefaultAssignment::serial).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(arrived.stream(), moved.stream()).toList());
        assertThat(log).allSatisfy(d -> {
            assertThat(d.outcome()).isEqualTo("SUCCESS");
            assertThat(d.runId()).isEqualTo(run.id());
        });
        // moved in from another server: modified + removed at Apple (pitfall 4), new to this inventory, so an arrival here
        assertThat(log).filteredOn(d -> moved.contains(d.serial())).extracting(DefaultAssignment::reason).containsOnly("ADDED");
        for (String serial : arrived) {
            assertThat(s.sim().control().profileStatus(serial)).isEqualTo("assigned");
            assertThat(s.core().devices().find(s.id(), serial).orElseThrow().device().profileUuid()).isEqualTo(uuid);
        }
        assertThat(s.core().journal().find(new JournalQuery(s.id(), null, null, DefaultProfileService.CAUSE, null, 50))).hasSize(1);

        defaults.turnOff(s.id());
        s.sim().control().addDevices(2);
        s.core().sync().runNow(s.id(), null, "Test");
        assertThat(defaults.history(s.id(), 50)).hasSize(5);
        assertThat(defaults.get(s.id()).orElseThrow().enabled()).isFalse();
    }

    @Test
    void knownDevicesWhoseProfileIsRemovedAtAppleGetTheDefaultProfileAgain() {
        String uuid = profiles.define(s.id(), "Lab", lab()).profileUuid();
        List<String> serials = s.sim().control().serials().subList(10, 14);
        assertThat(s.core().assignments().assign(s.id(), uuid, serials, "Test").counts().get(
                org.depconsole.domain.profile.AssignmentOutcome.SUCCESS)).isEqualTo(4);
        s.core().sync().runNow(s.id(), null, "Test");
        DefaultProfileService defaults = s.core().defaultProfiles();
        defaults.set(s.id(), "Lab");

        // pitfall 5: reassigned to the same server in the portal → modified + removed, the old UUID still shown
        List<String> reassigned = s.sim().control().reassignInPortal(serials.subList(0, 2));
        SyncRun run = s.core().sync().runNow(s.id(), null, "Test");

        List<DefaultAssignment> log = defaults.history(s.id(), 50);
        assertThat(log).extracting(DefaultAssignment::serial).containsExactlyInAnyOrderElementsOf(reassigned);
        assertThat(log).allSatisfy(d -> {
            assertThat(d.reason()).isEqualTo("REMOVED");
            assertThat(d.runId()).isEqualTo(run.id());
            assertThat(d.outcome()).isEqualTo("SUCCESS");
        });
        for (String serial : reassigned) {
            assertThat(s.sim().control().profileStatus(serial)).isEqualTo("assigned");
            assertThat(s.core().devices().find(s.id(), serial).orElseThrow().device().profileStatus())
                    .isEqualTo(org.depconsole.domain.apple.ProfileStatus.ASSIGNED);
        }
        assertThat(s.sim().control().profileStatus(serials.get(3))).as("untouched devices keep their state").isEqualTo("assigned");
    }
}
