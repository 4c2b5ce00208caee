package org.depconsole.domain.business;

import java.time.Duration;
import java.util.List;

/**
 * The wire constants of Apple's School Manager / Business REST API in ONE place, shared by the client
 * ({@code appleapi.business}) and the simulator. Values marked "unverified" in apple-business-api.md are
 * guesses: when the live service proves one wrong, change it here.
 */
public final class AppleBusinessApi {

    private AppleBusinessApi() {
    }

    /** Apple's token service (§4): scheme and host. */
    public static final String TOKEN_BASE_URL = "https://account.apple.com";
    /** Where the client POSTs the token request (§4: form body to this path is the safest form). */
    public static final String TOKEN_PATH = "/auth/oauth2/token";
    /** The other token path in production use (nanoaxm); the simulator serves both. */
    public static final String TOKEN_PATH_V2 = "/auth/oauth2/v2/token";
    /** The exact {@code aud} of the client assertion (§3; note {@code /v2/} even when posting to {@link #TOKEN_PATH}). */
    public static final String AUDIENCE = "https://account.apple.com/auth/oauth2/v2/token";
    public static final String GRANT_TYPE = "client_credentials";
    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** JWS algorithm of the assertion. */
    public static final String ALGORITHM = "ES256";

    /** Apple's maximum of {@code exp - iat} (§3: "may not exceed 180 days"). */
    public static final Duration MAX_ASSERTION_LIFETIME = Duration.ofDays(180);
    /**
     * The lifetime the console gives its assertions. The assertion lives only in memory (never on disk), so it is
     * re-minted per process; one day keeps a leaked assertion useless soon while staying far inside Apple's maximum.
     */
    public static final Duration ASSERTION_LIFETIME = Duration.ofDays(1);
    /** A fresh assertion is minted this long before the current one expires. */
    public static final Duration ASSERTION_RENEW_BEFORE = Duration.ofHours(1);
    /** {@code expires_in} of Apple's access tokens (§4). */
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(3600);
    /** The client renews the access token this long before it ends (§4: clients renew 5 min early). */
    public static final Duration ACCESS_TOKEN_RENEW_BEFORE = Duration.ofMinutes(5);
    /** How far the token endpoint tolerates an {@code iat} in the future (simulator; Apple's value unverified). */
    public static final Duration ALLOWED_CLOCK_SKEW = Duration.ofSeconds(60);
    /** The client reports clock skew when Apple's {@code Date} header differs from local time by more than this. */
    public static final Duration CLOCK_SKEW_WARNING = Duration.ofMinutes(2);

    /** Largest {@code limit} per page (§5). */
    public static final int MAX_PAGE_LIMIT = 1000;
    /** Apple's default {@code limit} when none is sent (§5). */
    public static final int DEFAULT_PAGE_LIMIT = 100;
    /** Most devices the console puts into one activity (undocumented by Apple; §6.11 advises ≤ 1000). */
    public static final int MAX_ACTIVITY_DEVICES = 1000;
    /** Activities are retrievable this long (§6.12). */
    public static final Duration ACTIVITY_RETENTION = Duration.ofDays(30);

    /** Observed rate limits (§8.3, Terraform provider README; Apple publishes none). */
    public static final int OBSERVED_GETS_PER_MINUTE = 20;
    public static final int OBSERVED_POSTS_PER_HOUR = 10;

    /** JSON:API resource types. */
    public static final String TYPE_ORG_DEVICES = "orgDevices";
    public static final String TYPE_MDM_SERVERS = "mdmServers";
    public static final String TYPE_ACTIVITIES = "orgDeviceActivities";
    public static final String TYPE_APPLE_CARE = "appleCareCoverage";

    /** {@code fields[orgDevices]} values (§6.1, §6.3). */
    public static final List<String> ORG_DEVICE_FIELDS = List.of("serialNumber", "addedToOrgDateTime", "releasedFromOrgDateTime",
            "updatedDateTime", "deviceModel", "productFamily", "productType", "deviceCapacity", "partNumber", "orderNumber",
            "color", "status", "orderDateTime", "imei", "meid", "eid", "purchaseSourceId", "purchaseSourceType",
            "wifiMacAddress", "bluetoothMacAddress", "ethernetMacAddress", "isMdmMigrationCapable", "mdmMigrationStatus",
            "mdmMigrationDeadlineDateTime", "assignedServer", "appleCareCoverage");
    /** {@code fields[mdmServers]} values (§6.7). */
    public static final List<String> MDM_SERVER_FIELDS = List.of("serverName", "enableMdmDisownFlag", "defaultProductFamilies",
            "status", "serverType", "deviceCount", "lastConnectedDateTime", "lastConnectedIp", "createdDateTime",
            "updatedDateTime", "devices");
    /** {@code fields[appleCareCoverage]} values (§6.6). */
    public static final List<String> APPLE_CARE_FIELDS = List.of("status", "paymentType", "description", "agreementNumber",
            "startDateTime", "endDateTime", "isRenewable", "isCanceled", "contractCancelDateTime");

    /** OAuth error codes of the token endpoint (§4). */
    public static final String ERROR_INVALID_CLIENT = "invalid_client";
    public static final String ERROR_INVALID_SCOPE = "invalid_scope";
    public static final String ERROR_INVALID_REQUEST = "invalid_request";
    public static final String ERROR_UNSUPPORTED_GRANT = "unsupported_grant_type";

    /**
     * Hints the simulator puts into {@code error_description} after {@code invalid_client} so the console can name the
     * exact fix. Apple's own descriptions are unknown (§3, unverified): against Apple the client falls back to one
     * sentence listing the possible causes.
     */
    public static final String HINT_UNKNOWN_CLIENT = "unknown client_id";
    public static final String HINT_UNKNOWN_KEY = "unknown or revoked kid";
    public static final String HINT_BAD_SIGNATURE = "signature does not verify";
    public static final String HINT_EXPIRED = "assertion expired";
    public static final String HINT_NOT_YET_VALID = "iat in the future";
    public static final String HINT_WRONG_AUDIENCE = "wrong aud";
    public static final String HINT_LIFETIME = "exp more than 180 days after iat";
    public static final String HINT_WRONG_ISSUER = "iss or sub differ from client_id";
}
