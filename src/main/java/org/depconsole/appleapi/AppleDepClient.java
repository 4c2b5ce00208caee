package org.depconsole.appleapi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.depconsole.domain.apple.AccountDetail;
import org.depconsole.domain.apple.ActivationLockResult;
import org.depconsole.domain.apple.AssignResult;
import org.depconsole.domain.apple.DefineProfileResult;
import org.depconsole.domain.apple.Device;
import org.depconsole.domain.apple.DevicePage;
import org.depconsole.domain.apple.DeviceStatusResult;
import org.depconsole.domain.apple.Profile;
import org.depconsole.domain.apple.ReplacementDetails;

/**
 * Apple's Device Assignment (DEP) web service for one server token (dep-api.md §3).
 * Every method blocks, authenticates on demand and throws an {@link AppleApiException} subtype
 * whose message tells the admin what to do. Safe for concurrent use.
 * Methods taking serials accept 1 to {@link #MAX_SERIALS} non-blank serials, else {@link IllegalArgumentException}.
 */
public interface AppleDepClient extends AutoCloseable {

    /** Apple's limit per request for device arrays (dep-api.md §3.8). */
    int MAX_SERIALS = 1000;

    /** {@code GET /account}. */
    AccountDetail account();

    /** {@code POST /server/devices}: one page of the full device list; pass null on the very first call. */
    DevicePage fetchDevices(String cursorOrNull, Integer limitOrNull);

    /** {@code POST /devices/sync}: changes since the cursor (a blank cursor → {@link CursorException} REQUIRED, no call made). */
    DevicePage syncDevices(String cursor, Integer limitOrNull);

    /** {@code POST /devices}: details keyed by serial, each with its {@code response_status} kept. */
    Map<String, Device> deviceDetails(List<String> serials);

    /** {@code POST /profile}. */
    DefineProfileResult defineProfile(Profile profile);

    /** {@code GET /profile?profile_uuid=}; empty when Apple does not know the UUID (404). */
    Optional<Profile> getProfile(String profileUuid);

    /** {@code POST /profile/devices}. Never retried once Apple may have seen the request. */
    AssignResult assignProfile(String profileUuid, List<String> serials);

    /** {@code DELETE /profile/devices} with a JSON body. Never retried once Apple may have seen the request. */
    DeviceStatusResult removeProfile(List<String> serials);

    /** {@code POST /devices/disown}: permanent. Never retried once Apple may have seen the request. */
    DeviceStatusResult disown(List<String> serials);

    /** {@code POST /device/activationlock}; blank optional values are not sent. */
    ActivationLockResult activationLock(String serial, String escrowKeyOrNull, String lostMessageOrNull);

    /** {@code GET /device/replacementDetails?device=}; empty for a device that replaced nothing (404, or 400 DEVICE_NOT_FOUND). */
    Optional<ReplacementDetails> replacementDetails(String serial);

    /** Cancels calls in flight and releases connections and threads. */
    @Override
    void close();
}
