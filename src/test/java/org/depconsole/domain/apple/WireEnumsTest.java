package org.depconsole.domain.apple;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireEnumsTest {

    @Test
    void profileStatusMapsEmptyAndUnknownValuesToUnknown() {
        assertThat(ProfileStatus.fromWire("empty")).isEqualTo(ProfileStatus.EMPTY);
        assertThat(ProfileStatus.fromWire("assigned")).isEqualTo(ProfileStatus.ASSIGNED);
        assertThat(ProfileStatus.fromWire("pushed")).isEqualTo(ProfileStatus.PUSHED);
        assertThat(ProfileStatus.fromWire("REMOVED")).isEqualTo(ProfileStatus.REMOVED);
        assertThat(ProfileStatus.fromWire("")).isEqualTo(ProfileStatus.UNKNOWN);
        assertThat(ProfileStatus.fromWire(null)).isEqualTo(ProfileStatus.UNKNOWN);
        assertThat(ProfileStatus.fromWire("archived")).isEqualTo(ProfileStatus.UNKNOWN);
    }

    @Test
    void opTypeDistinguishesAbsentFromUnknown() {
        assertThat(OpType.fromWire("added")).isEqualTo(OpType.ADDED);
        assertThat(OpType.fromWire(null)).isEqualTo(OpType.NONE);
        assertThat(OpType.fromWire("moved")).isEqualTo(OpType.UNKNOWN);
    }

    @Test
    void outcomesKeepRawValues() {
        DeviceStatusResult r = new DeviceStatusResult(Map.of("A", "SUCCESS", "B", "SOMETHING_NEW"));
        assertThat(r.outcome("A")).isEqualTo(DeviceOutcome.SUCCESS);
        assertThat(r.outcome("B")).isEqualTo(DeviceOutcome.UNKNOWN);
        assertThat(r.devices()).containsEntry("B", "SOMETHING_NEW");
        assertThat(r.outcome("missing")).isEqualTo(DeviceOutcome.UNKNOWN);
        assertThat(new ActivationLockResult("S", "ORG_NOT_SUPPORTED").status()).isEqualTo(ActivationLockStatus.ORG_NOT_SUPPORTED);
        assertThat(new ActivationLockResult("S", "NEW").status()).isEqualTo(ActivationLockStatus.UNKNOWN);
    }

    @Test
    void deviceDerivesTypedValuesAndCopiesCollections() {
        Map<String, Object> extra = new HashMap<>();
        extra.put("nullable", null);
        Device d = new Device("S", null, null, null, null, null, "pushed", null, null, null, null, null, null, null, null,
                "added", null, null, null, null, null, null, null, null, null, null, null, extra);
        assertThat(d.profileStatus()).isEqualTo(ProfileStatus.PUSHED);
        assertThat(d.opType()).isEqualTo(OpType.ADDED);
        assertThat(d.imei()).isEmpty();
        assertThat(d.extra()).containsKey("nullable");
    }

    @Test
    void profileBuilderKeepsUnsetFlagsNull() {
        Profile p = Profile.builder("n", "https://u").isMdmRemovable(false).skipSetupItems(List.of("Siri")).build();
        assertThat(p.isMdmRemovable()).isFalse();
        assertThat(p.isSupervised()).isNull();
        assertThat(p.toBuilder().department("IT").build()).satisfies(q -> {
            assertThat(q.department()).isEqualTo("IT");
            assertThat(q.isMdmRemovable()).isFalse();
            assertThat(q.skipSetupItems()).containsExactly("Siri");
        });
    }
}
