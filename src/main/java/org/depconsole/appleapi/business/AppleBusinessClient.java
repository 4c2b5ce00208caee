package org.depconsole.appleapi.business;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.depconsole.domain.business.ActivityResultRow;
import org.depconsole.domain.business.ActivityType;
import org.depconsole.domain.business.AppleCareCoverage;
import org.depconsole.domain.business.MdmServer;
import org.depconsole.domain.business.MdmServerPage;
import org.depconsole.domain.business.OrgDevice;
import org.depconsole.domain.business.OrgDevicePage;
import org.depconsole.domain.business.OrgDeviceActivity;
import org.depconsole.domain.business.SerialPage;

/**
 * Apple School Manager / Apple Business REST API for one API account (apple-business-api.md §4–§8).
 *
 * <p>Every method blocks and may wait: requests are paced on the client side ({@link RequestPacing}) and a 429 is
 * answered by waiting for {@code Retry-After}; every wait is reported to the {@link RateLimitListener} before it
 * starts. Interrupting the calling thread or {@link #close() closing} the client stops a wait or a call at once with
 * a {@link org.depconsole.appleapi.CancelledException}. Failures are {@link org.depconsole.appleapi.AppleApiException}
 * subtypes whose message is one sentence for the admin: {@link CredentialsRejectedException} (the account's
 * credentials), {@link ActivityConflictException} (409), {@link BusinessApiException} (other refusals and server
 * errors), {@link org.depconsole.appleapi.RateLimitedException} (Apple asked for a wait longer than the client accepts),
 * {@link org.depconsole.appleapi.NetworkException}, {@link org.depconsole.appleapi.MalformedResponseException}.
 *
 * <p>The access token is obtained on first use, cached, renewed before its hour ends and once after a 401; it and
 * the client assertion are never logged, journalled or put into exceptions. Safe for concurrent use.
 *
 * <p>Incremental sync: Apple's reference lists no filter for {@code orgDevices} (only {@code fields}, {@code limit},
 * {@code cursor}), so there is no "updated since" parameter; callers page through everything and compare
 * {@link OrgDevice#updatedDateTime()} with what they stored. Ask for fewer {@code fields} to make pages smaller.
 */
public interface AppleBusinessClient extends AutoCloseable {

    /**
     * Exchanges a fresh client assertion for an access token (the "validate before storing" step) and keeps the token
     * for the following calls.
     *
     * @return the granted scope and when the token ends; never the token itself
     * @throws CredentialsRejectedException when Apple refuses the client ID, key ID, key, scope or the clock
     */
    TokenGrant validateCredentials();

    /**
     * {@code GET /v1/orgDevices}: one page of every device of the organization.
     *
     * @param cursorOrNull null for the first page, else {@link OrgDevicePage#nextCursor()} of the previous page
     * @param limit        1 to {@value org.depconsole.domain.business.AppleBusinessApi#MAX_PAGE_LIMIT}
     * @param fields       {@code fields[orgDevices]} names (see {@code AppleBusinessApi.ORG_DEVICE_FIELDS}); empty → all attributes
     */
    OrgDevicePage orgDevices(String cursorOrNull, int limit, Collection<String> fields);

    /** {@code GET /v1/orgDevices/{serial}} (the only call that reports {@code releasedFromOrgDateTime}); empty when Apple does not know the serial. */
    Optional<OrgDevice> orgDevice(String serial);

    /** {@code GET /v1/mdmServers} with every attribute requested explicitly (§5: the default subset lacks some). */
    MdmServerPage mdmServers(String cursorOrNull, int limit);

    /** Every MDM server, all pages. */
    List<MdmServer> allMdmServers();

    /**
     * {@code GET /v1/mdmServers/{id}/relationships/devices}: the serials on one server.
     *
     * @throws BusinessApiException with {@link BusinessApiException.Kind#NOT_FOUND} for an unknown server id
     */
    SerialPage serverDeviceSerials(String serverId, String cursorOrNull, int limit);

    /**
     * {@code GET /v1/orgDevices/{serial}/relationships/assignedServer}: the id of the device's server, empty when it is
     * on none.
     *
     * @throws BusinessApiException with {@link BusinessApiException.Kind#NOT_FOUND} for an unknown serial
     */
    Optional<String> assignedServerId(String serial);

    /**
     * {@code GET /v1/orgDevices/{serial}/appleCareCoverage}, all pages.
     *
     * @throws BusinessApiException with {@link BusinessApiException.Kind#NOT_FOUND} for an unknown serial
     */
    List<AppleCareCoverage> appleCareCoverage(String serial);

    /**
     * {@code POST /v1/orgDeviceActivities}: assigns devices to a server or unassigns them. Not retried after it may
     * have reached Apple (a lost answer is a {@link org.depconsole.appleapi.NetworkException} with
     * {@code requestSent()}: check the devices before repeating).
     *
     * @param serverId required for {@link ActivityType#ASSIGN_DEVICES}; for unassign the devices' current server
     *                 (sent like every known client does) or null
     * @param serials  1 to {@value org.depconsole.domain.business.AppleBusinessApi#MAX_ACTIVITY_DEVICES} serials
     * @throws ActivityConflictException (409) when Apple does not know a serial or the server
     */
    OrgDeviceActivity createActivity(ActivityType type, String serverId, List<String> serials);

    /**
     * {@code GET /v1/orgDeviceActivities/{id}}: the activity's current state.
     *
     * @throws BusinessApiException with {@link BusinessApiException.Kind#NOT_FOUND} when unknown or older than 30 days
     */
    OrgDeviceActivity activity(String activityId);

    /**
     * The per-device result CSV of a finished activity: re-reads the activity for a fresh download URL (they expire
     * within about a minute, §6.12), downloads it without the bearer token and parses it by header names.
     *
     * @return the rows, or empty when Apple offers no file (not finished, or no {@code downloadUrl})
     */
    Optional<ActivityLog> activityLog(String activityId);

    /** Stops waits and running calls of this client (they end with a CancelledException) and releases its threads. */
    @Override
    void close();

    /**
     * What a successful token exchange granted.
     *
     * @param scope     the scope Apple echoed ({@code business.api} / {@code school.api})
     * @param expiresAt when the access token ends
     */
    record TokenGrant(String scope, java.time.Instant expiresAt) {
    }

    /**
     * An activity's result file.
     *
     * @param rows   one per device line
     * @param csv    the file as Apple sent it (UTF-8 text), to save for the admin
     */
    record ActivityLog(List<ActivityResultRow> rows, String csv) {

        public ActivityLog {
            rows = List.copyOf(rows);
        }
    }
}
