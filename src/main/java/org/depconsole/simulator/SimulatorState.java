package org.depconsole.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.depconsole.domain.ServerToken;
import org.depconsole.domain.oauth.OAuth1Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Apple's side knows about one MDM server: its token, sessions, devices, the change
 * log behind sync cursors, profiles, and the per-device assignment faults. One lock (this object)
 * guards it all; HTTP handlers take snapshots under the lock and serialize outside it.
 */
final class SimulatorState {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorState.class);

    static final int FETCH_DEFAULT_LIMIT = 100;
    static final int ACCOUNT_DEFAULT_LIMIT = 1000;
    static final int ACCOUNT_MAX_LIMIT = 1000;
    static final int MAX_DEVICES_PER_REQUEST = 1000;
    static final Duration CURSOR_LIFETIME = Duration.ofDays(7);
    static final Duration TIMESTAMP_WINDOW = Duration.ofMinutes(5);
    static final Duration TOKEN_LIFETIME = Duration.ofDays(365);

    /** One change in the sync log. {@code device} is the state right after the change. */
    record Event(String serial, String opType, Instant opDate, SimDevice device, boolean releasedByReplacement) {
    }

    /** A fetch in progress: the device list as it was when the fetch started, and the cursors that point into it. */
    private record FetchRun(List<SimDevice> snapshot, int startEvent, Instant startedAt, List<String> cursorValues) {
    }

    /** Fetch snapshots kept for resuming; older unfinished fetches are forgotten (their cursors become INVALID_CURSOR). */
    static final int LIVE_FETCH_RUNS = 8;

    private enum CursorKind { FETCH, SYNC }

    private static final class Cursor {
        final CursorKind kind;
        final FetchRun run;
        final int offset;
        final int eventPosition;
        final Instant issuedAt;
        final boolean finished;
        boolean forcedExpired;

        Cursor(CursorKind kind, FetchRun run, int offset, int eventPosition, Instant issuedAt, boolean finished) {
            this.kind = kind;
            this.run = run;
            this.offset = offset;
            this.eventPosition = eventPosition;
            this.issuedAt = issuedAt;
            this.finished = finished;
        }
    }

    /** A page of fetch ({@code devices}) or sync ({@code events}) results. */
    record Page(List<SimDevice> devices, List<Event> events, String cursor, Instant fetchedUntil, boolean moreToFollow) {
    }

    record Session(String value, String accessToken, Instant expiresAt) {
    }

    /** A device joined or left this server through a DEP-side change (portal controls, disown), for the organization to follow. */
    record MemberChange(String serial, SimDevice device, MemberKind kind) {
    }

    enum MemberKind { JOINED, LEFT, RELEASED }

    /** DEP-side membership changes not yet seen by the organization; drained by {@link SimOrganization}. */
    final java.util.concurrent.ConcurrentLinkedQueue<MemberChange> memberChanges = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private Instant lastContact;

    private final SimulatorConfig config;
    private final Clock clock;
    private final SecureRandom secure = new SecureRandom();
    private final SplittableRandom control;
    private final DeviceFactory factory;

    final String serverUuid;
    final String adminId;
    final String orgDomain;
    final String orgId;
    final String orgIdHash;

    // token and sessions
    private final String consumerKey;
    private ServerToken token;
    private final Set<String> supersededAccessTokens = new HashSet<>();
    private X509Certificate certificate;
    private final Map<String, Long> nonces = new HashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();
    private int rotateEvery;
    private long authenticatedCalls;
    private boolean termsAccepted = true;

    // devices and changes
    private final LinkedHashMap<String, SimDevice> devices = new LinkedHashMap<>();
    private final ArrayDeque<SimDevice> otherServers = new ArrayDeque<>();
    private final List<Event> events = new ArrayList<>();
    private final Map<String, Cursor> cursors = new HashMap<>();
    private final ArrayDeque<FetchRun> liveRuns = new ArrayDeque<>();
    private long cursorCounter;
    private long arrivals;

    // profiles and per-device faults
    private final LinkedHashMap<String, ObjectNode> profiles = new LinkedHashMap<>();
    private final Map<String, Instant> throttledUntil = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final Set<String> activationLocked = new HashSet<>();

    SimulatorState(SimulatorConfig config) {
        this.config = config;
        this.clock = config.clock();
        SplittableRandom ids = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        this.control = new SplittableRandom(config.seed() * 31 + 7);
        this.serverUuid = hex(ids, 16).toUpperCase(Locale.ROOT);
        String slug = config.orgName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        this.orgDomain = (slug.isEmpty() ? "example" : slug) + ".example";
        this.adminId = "dep-admin@" + orgDomain;
        this.orgId = Long.toString(1_000_000 + ids.nextLong(9_000_000));
        this.orgIdHash = hex(ids, 32);
        List<String> assigners = List.of(adminId, "it-procurement@" + orgDomain, "jane.appleseed@" + orgDomain,
                "mdm-team@" + orgDomain);
        List<String> profileUuids = seedProfiles(ids);
        String assetPrefix = config.orgName().replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
        assetPrefix = assetPrefix.length() >= 3 ? assetPrefix.substring(0, 3) : "ORG";
        Instant start = now();
        this.factory = new DeviceFactory(config.seed(), start, assigners, profileUuids, assetPrefix);
        long t0 = System.nanoTime();
        for (int i = 0; i < config.deviceCount(); i++) {
            SimDevice d = factory.initial(i);
            devices.put(d.serial(), d);
        }
        LOG.debug("generated {} devices in {} ms", devices.size(), (System.nanoTime() - t0) / 1_000_000);
        this.consumerKey = "CK_" + randomHex(48);
        this.token = newToken();
    }

    private List<String> seedProfiles(SplittableRandom ids) {
        String[][] seeds = {
            {"Default Enrollment", "https://mdm." + "example.org/mdm/enroll"},
            {"Shared iPad Lab", "https://mdm." + "example.org/mdm/enroll?lab=1"},
            {"Staff Macs", "https://mdm." + "example.org/mdm/enroll?mac=1"}};
        List<String> uuids = new ArrayList<>();
        for (String[] s : seeds) {
            String uuid = hex(ids, 16).toUpperCase(Locale.ROOT);
            ObjectNode p = Json.object();
            p.put("profile_name", s[0]);
            p.put("url", s[1]);
            p.put("is_supervised", true);
            p.put("allow_pairing", true);
            p.put("is_mandatory", true);
            p.put("is_mdm_removable", false);
            p.put("await_device_configured", true);
            p.put("is_multi_user", s[0].contains("Shared"));
            p.put("auto_advance_setup", false);
            p.put("department", "IT");
            p.putArray("skip_setup_items").add("AppleID").add("Siri").add("Diagnostics");
            p.put("profile_uuid", uuid);
            profiles.put(uuid, p);
            uuids.add(uuid);
        }
        return uuids;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    SimulatorConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- token, portal, sessions

    private ServerToken newToken() {
        String accessToken = "AT_O" + (1_000_000_000L + secure.nextInt(Integer.MAX_VALUE)) + "O" + randomHex(20) + "O"
                + now().getEpochSecond();
        return new ServerToken(consumerKey, "CS_" + randomHex(20), accessToken, "AS_" + randomHex(20), now().plus(TOKEN_LIFETIME));
    }

    synchronized ServerToken token() {
        return token;
    }

    synchronized void uploadCertificate(X509Certificate cert) {
        this.certificate = cert;
        LOG.info("portal: certificate uploaded for MDM server {} (subject {}, serial {})", config.serverName(),
                cert.getSubjectX500Principal().getName(), cert.getSerialNumber().toString(16));
    }

    synchronized X509Certificate certificate() {
        return certificate;
    }

    /** A new download: fresh secrets, the previous token stops working (dep-api.md §1.8). The consumer key stays, as for one admin. */
    synchronized ServerToken renewToken() {
        supersededAccessTokens.add(token.accessToken());
        token = newToken();
        LOG.info("portal: new token issued ({}), previous one superseded", token);
        return token;
    }

    /** The suggested download name: {@code <ServerName>_Token_<UTC yyyy-MM-ddTHH-mm-ssZ>_smime.p7m}. */
    String tokenFileName(Instant at) {
        String name = config.serverName().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]+", "_");
        return name + "_Token_" + Json.time(at.truncatedTo(ChronoUnit.SECONDS)).replace(':', '-') + "_smime.p7m";
    }

    /** {@code GET /session}: verifies the OAuth 1.0a header of a request to {@code requestUri} and opens a session. */
    synchronized Session openSession(String authorization, URI requestUri) {
        Map<String, String> p;
        try {
            p = OAuth1Signature.parseHeader(authorization);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, authorization == null || authorization.isBlank() ? "parameter_absent" : "parameter_rejected");
        }
        for (String name : p.keySet()) {
            if (!name.equals("realm") && !name.equals("oauth_version") && !List.of("oauth_consumer_key", "oauth_token",
                    "oauth_signature_method", "oauth_signature", "oauth_timestamp", "oauth_nonce").contains(name)) {
                throw new ApiError(400, "parameter_rejected");
            }
        }
        for (String required : List.of("oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_signature",
                "oauth_timestamp", "oauth_nonce")) {
            if (p.get(required) == null || p.get(required).isEmpty()) {
                throw new ApiError(400, "parameter_absent");
            }
        }
        if (!OAuth1Signature.METHOD.equals(p.get("oauth_signature_method"))) {
            throw new ApiError(400, "signature_method_rejected");
        }
        if (p.containsKey("oauth_version") && !"1.0".equals(p.get("oauth_version"))) {
            throw new ApiError(400, "version_rejected");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(p.get("oauth_timestamp"));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "parameter_rejected");
        }
        if (!consumerKey.equals(p.get("oauth_consumer_key"))) {
            throw new ApiError(401, "consumer_key_unknown");
        }
        String accessToken = p.get("oauth_token");
        if (supersededAccessTokens.contains(accessToken)) {
            throw new ApiError(401, "token_rejected");
        }
        if (!token.accessToken().equals(accessToken)) {
            throw new ApiError(401, "token_rejected");
        }
        List<Map.Entry<String, String>> signed = new ArrayList<>();
        p.forEach((k, v) -> {
            if (!k.equals("realm") && !k.equals("oauth_signature")) {
                signed.add(Map.entry(k, v));
            }
        });
        signed.addAll(queryParameters(requestUri));
        String expected = OAuth1Signature.sign(OAuth1Signature.baseString("GET", requestUri, signed), token.consumerSecret(),
                token.accessSecret());
        if (!java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.get("oauth_signature").getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiError(401, "signature_invalid");
        }
        Instant now = now();
        if (Math.abs(now.getEpochSecond() - timestamp) > TIMESTAMP_WINDOW.toSeconds()) {
            throw new ApiError(401, "timestamp_refused");
        }
        long cutoff = now.getEpochSecond() - 2 * TIMESTAMP_WINDOW.toSeconds();
        nonces.values().removeIf(ts -> ts < cutoff);
        if (nonces.putIfAbsent(consumerKey + "\u0000" + p.get("oauth_nonce"), timestamp) != null) {
            throw new ApiError(401, "nonce_used");
        }
        if (!now.isBefore(token.accessTokenExpiry())) {
            throw new ApiError(401, "token_expired");
        }
        lastContact = now;
        return newSession();
    }

    private static List<Map.Entry<String, String>> queryParameters(URI uri) {
        String q = uri.getRawQuery();
        if (q == null || q.isEmpty()) {
            return List.of();
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(Map.entry(java.net.URLDecoder.decode(k, StandardCharsets.UTF_8), java.net.URLDecoder.decode(v, StandardCharsets.UTF_8)));
        }
        return out;
    }

    private Session newSession() {
        String value = clock.millis() + "O1O" + randomHex(32).toUpperCase(Locale.ROOT);
        Session s = new Session(value, token.accessToken(), now().plus(config.sessionLifetime()));
        sessions.put(value, s);
        return s;
    }

    /**
     * Checks {@code X-ADM-Auth-Session} of an API call. Returns a new session value when it is time
     * to rotate (the caller sends it back in the response header), otherwise null.
     */
    synchronized String checkSession(String value) {
        Session s = value == null ? null : sessions.get(value);
        if (s == null) {
            throw new ApiError(401, "UNAUTHORIZED");
        }
        if (!now().isBefore(s.expiresAt()) || !s.accessToken().equals(token.accessToken())) {
            sessions.remove(value);
            throw new ApiError(401, "UNAUTHORIZED");
        }
        authenticatedCalls++;
        if (rotateEvery > 0 && authenticatedCalls % rotateEvery == 0) {
            return newSession().value();
        }
        return null;
    }

    synchronized void expireAllSessions() {
        sessions.clear();
    }

    synchronized void rotateSessionEvery(int n) {
        this.rotateEvery = Math.max(0, n);
        this.authenticatedCalls = 0;
    }

    synchronized void termsAccepted(boolean accepted) {
        this.termsAccepted = accepted;
    }

    synchronized boolean termsAccepted() {
        return termsAccepted;
    }

    // ---------------------------------------------------------------- account

    synchronized byte[] accountJson() {
        ObjectNode a = Json.object();
        a.put("server_name", config.serverName());
        a.put("server_uuid", serverUuid);
        a.put("admin_id", adminId);
        a.put("facilitator_id", adminId);
        a.put("org_name", config.orgName());
        a.put("org_email", "it@" + orgDomain);
        a.put("org_phone", "+1 555 0100");
        a.put("org_address", "1 Example Way, Springfield");
        a.put("org_id", orgId);
        a.put("org_id_hash", orgIdHash);
        a.put("org_type", "org");
        a.put("org_version", "v2");
        var urls = a.putArray("urls");
        url(urls, "/session", "GET");
        url(urls, "/account", "GET");
        url(urls, "/server/devices", "POST").putObject("limit").put("default", ACCOUNT_DEFAULT_LIMIT).put("maximum", ACCOUNT_MAX_LIMIT);
        url(urls, "/devices/sync", "POST").putObject("limit").put("default", ACCOUNT_DEFAULT_LIMIT).put("maximum", ACCOUNT_MAX_LIMIT);
        url(urls, "/devices", "POST");
        url(urls, "/devices/disown", "POST");
        url(urls, "/profile", "GET", "POST");
        url(urls, "/profile/devices", "DELETE", "POST", "PUT");
        url(urls, "/device/activationlock", "POST");
        url(urls, "/device/replacementDetails", "GET");
        return Json.bytes(a);
    }

    private static ObjectNode url(com.fasterxml.jackson.databind.node.ArrayNode urls, String uri, String... methods) {
        ObjectNode u = urls.addObject();
        u.put("uri", uri);
        var m = u.putArray("http_method");
        for (String s : methods) {
            m.add(s);
        }
        return u;
    }

    // ---------------------------------------------------------------- fetch and sync

    private static int limit(JsonNode requested) {
        if (requested == null || requested.isNull()) {
            return FETCH_DEFAULT_LIMIT;
        }
        if (!requested.canConvertToInt()) {
            throw new ApiError(400, "MALFORMED_REQUEST_BODY");
        }
        int l = requested.asInt();
        return l < 1 ? FETCH_DEFAULT_LIMIT : Math.min(l, ACCOUNT_MAX_LIMIT);
    }

    private static String cursorValue(ObjectNode body) {
        JsonNode c = body.get("cursor");
        if (c == null || c.isNull()) {
            return null;
        }
        if (!c.isTextual()) {
            throw new ApiError(400, "INVALID_CURSOR");
        }
        return c.asText();
    }

    private Cursor lookUp(String value) {
        Cursor c = cursors.get(value);
        if (c == null) {
            throw new ApiError(400, "INVALID_CURSOR");
        }
        if (c.forcedExpired || !now().isBefore(c.issuedAt.plus(CURSOR_LIFETIME))) {
            throw new ApiError(400, "EXPIRED_CURSOR");
        }
        return c;
    }

    private String issue(Cursor c) {
        cursorCounter++;
        String raw = cursorCounter + ":" + (c.kind == CursorKind.FETCH ? 0 : 1) + ":" + (c.kind == CursorKind.FETCH ? c.offset
                : c.eventPosition) + ":" + c.issuedAt.toEpochMilli() + ":" + (c.finished ? "true" : "false");
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
        cursors.put(value, c);
        return value;
    }

    /** {@code POST /server/devices}. */
    synchronized Page fetch(ObjectNode body) {
        int limit = limit(body.get("limit"));
        String value = cursorValue(body);
        Instant now = now();
        FetchRun run;
        int offset;
        if (value == null || value.isEmpty()) {
            run = new FetchRun(List.copyOf(devices.values()), events.size(), now, new ArrayList<>());
            offset = 0;
            liveRuns.addLast(run);
            if (liveRuns.size() > LIVE_FETCH_RUNS) {
                liveRuns.pollFirst().cursorValues().forEach(cursors::remove);
            }
        } else {
            Cursor c = lookUp(value);
            if (c.kind == CursorKind.SYNC || c.finished) {
                throw new ApiError(400, "EXHAUSTED_CURSOR");
            }
            run = c.run;
            offset = c.offset;
        }
        int end = Math.min(run.snapshot().size(), offset + limit);
        boolean more = end < run.snapshot().size();
        // a finished fetch cursor only needs its place in the change log, not the snapshot
        String next = issue(new Cursor(CursorKind.FETCH, more ? run : null, end, run.startEvent(), now, !more));
        if (more) {
            run.cursorValues().add(next);
        }
        return new Page(run.snapshot().subList(offset, end), null, next, run.startedAt(), more);
    }

    /** {@code POST /devices/sync}; {@code echo} answers with the request's own cursor (a fault). */
    synchronized Page sync(ObjectNode body, boolean echo) {
        int limit = limit(body.get("limit"));
        String value = cursorValue(body);
        if (value == null || value.isEmpty()) {
            throw new ApiError(400, "CURSOR_REQUIRED");
        }
        Cursor c = lookUp(value);
        Instant now = now();
        if (echo) {
            return new Page(null, List.of(), value, now, true);
        }
        int from = c.eventPosition;
        int end = Math.min(events.size(), from + limit);
        boolean more = end < events.size();
        String next = issue(new Cursor(CursorKind.SYNC, null, 0, end, now, false));
        return new Page(null, List.copyOf(events.subList(from, end)), next, now, more);
    }

    synchronized int expireCursorsOlderThan(Duration age) {
        Instant cutoff = now().minus(age);
        int n = 0;
        for (Cursor c : cursors.values()) {
            if (!c.issuedAt.isAfter(cutoff) && !c.forcedExpired) {
                c.forcedExpired = true;
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- details, profiles, assignment

    /** The current state of {@code serial} on this server, or null (NOT_ACCESSIBLE). */
    synchronized Map<String, SimDevice> lookUpDevices(List<String> serials) {
        Map<String, SimDevice> out = new LinkedHashMap<>();
        for (String s : serials) {
            out.put(s, devices.get(s));
        }
        return out;
    }

    synchronized ObjectNode profile(String uuid) {
        ObjectNode p = profiles.get(uuid.toUpperCase(Locale.ROOT));
        return p == null ? null : p.deepCopy();
    }

    /** {@code POST /profile}: validated body in, stored profile's UUID and per-device results out. */
    synchronized ObjectNode defineProfile(ObjectNode body) {
        ProfileValidator.validate(body);
        List<String> serials = Json.stringArray(body, "devices");
        if (serials != null && serials.size() > MAX_DEVICES_PER_REQUEST) {
            throw new ApiError(400, "DEVICE_LIMIT_EXCEEDED");
        }
        String uuid;
        do {
            uuid = randomHex(16).toUpperCase(Locale.ROOT);
        } while (profiles.containsKey(uuid));
        ObjectNode stored = body.deepCopy();
        stored.remove("devices");
        stored.remove("profile_uuid");
        stored.put("profile_uuid", uuid);
        profiles.put(uuid, stored);
        ObjectNode response = Json.object();
        response.put("profile_uuid", uuid);
        ObjectNode results = response.putObject("devices");
        if (serials != null) {
            assignInto(uuid, serials, results);
        }
        LOG.debug("profile {} defined ({} devices)", uuid, serials == null ? 0 : serials.size());
        return response;
    }

    /** {@code POST|PUT /profile/devices}. */
    synchronized ObjectNode assignProfile(ObjectNode body) {
        JsonNode uuidNode = body.get("profile_uuid");
        if (uuidNode == null || !uuidNode.isTextual() || uuidNode.asText().isBlank()) {
            throw new ApiError(400, "PROFILE_UUID_REQUIRED");
        }
        List<String> serials = requiredSerials(body);
        String uuid = uuidNode.asText().toUpperCase(Locale.ROOT);
        if (!profiles.containsKey(uuid)) {
            throw new ApiError(404, "NOT_FOUND");
        }
        ObjectNode response = Json.object();
        response.put("profile_uuid", uuidNode.asText());
        ObjectNode results = response.putObject("devices");
        long retryAfter = assignInto(uuid, serials, results);
        if (retryAfter > 0) {
            response.put("retry_after_seconds", retryAfter);
        }
        return response;
    }

    private static List<String> requiredSerials(ObjectNode body) {
        List<String> serials = Json.stringArray(body, "devices");
        if (serials == null || serials.isEmpty()) {
            throw new ApiError(400, "DEVICE_ID_REQUIRED");
        }
        if (serials.size() > MAX_DEVICES_PER_REQUEST) {
            throw new ApiError(400, "DEVICE_LIMIT_EXCEEDED");
        }
        return serials;
    }

    /** Assigns and records per-device results; returns the largest retry-after of throttled devices (0 when none). */
    private long assignInto(String uuid, List<String> serials, ObjectNode results) {
        Instant now = now();
        long retryAfter = 0;
        for (String serial : serials) {
            SimDevice d = devices.get(serial);
            Instant until = throttledUntil.get(serial);
            if (until != null && !now.isBefore(until)) {
                throttledUntil.remove(serial);
                until = null;
            }
            if (d == null) {
                results.put(serial, "NOT_ACCESSIBLE");
            } else if (failing.contains(serial)) {
                results.put(serial, "FAILED");
            } else if (until != null) {
                results.put(serial, "THROTTLED");
                retryAfter = Math.max(retryAfter, Duration.between(now, until).toSeconds());
            } else {
                results.put(serial, "SUCCESS");
                change(d.withProfile(SimDevice.ASSIGNED, uuid, now, null), "modified");
            }
        }
        return retryAfter;
    }

    /** {@code DELETE /profile/devices}. */
    synchronized ObjectNode removeProfile(ObjectNode body) {
        List<String> serials = requiredSerials(body);
        ObjectNode response = Json.object();
        ObjectNode results = response.putObject("devices");
        for (String serial : serials) {
            SimDevice d = devices.get(serial);
            if (d == null) {
                results.put(serial, "NOT_ACCESSIBLE");
            } else {
                results.put(serial, "SUCCESS");
                change(d.withProfile(SimDevice.REMOVED, d.profileUuid(), d.profileAssignTime(), d.profilePushTime()), "modified");
            }
        }
        return response;
    }

    /** {@code POST /devices/disown}: the organization gives the device up; it leaves this server for good. */
    synchronized ObjectNode disown(ObjectNode body) {
        List<String> serials = requiredSerials(body);
        ObjectNode response = Json.object();
        ObjectNode results = response.putObject("devices");
        for (String serial : serials) {
            SimDevice d = devices.remove(serial);
            if (d == null) {
                results.put(serial, "NOT_ACCESSIBLE");
            } else {
                results.put(serial, "SUCCESS");
                events.add(new Event(serial, "deleted", now(), null, false));
                memberChanges.add(new MemberChange(serial, d, MemberKind.RELEASED));
            }
        }
        return response;
    }

    /** {@code POST /device/activationlock}. */
    synchronized ObjectNode activationLock(ObjectNode body) {
        JsonNode device = body.get("device");
        if (device == null || !device.isTextual() || device.asText().isBlank()) {
            throw new ApiError(400, "MALFORMED_REQUEST_BODY");
        }
        JsonNode escrow = body.get("escrow_key");
        if (escrow != null && !escrow.isNull() && (!escrow.isTextual() || !escrow.asText().matches("[0-9A-Fa-f]{64}"))) {
            throw new ApiError(400, "MALFORMED_REQUEST_BODY");
        }
        String serial = device.asText();
        SimDevice d = devices.get(serial);
        String status;
        if (d == null) {
            status = "NOT_ACCESSIBLE";
        } else if ("AppleTV".equals(d.family())) {
            status = "DEVICE_NOT_SUPPORTED";
        } else if (!activationLocked.add(serial)) {
            status = "DEVICE_ALREADY_LOCKED";
        } else {
            status = "SUCCESS";
        }
        ObjectNode response = Json.object();
        response.put("serial_number", serial);
        response.put("response_status", status);
        return response;
    }

    /** {@code GET /device/replacementDetails?device=}. */
    synchronized ObjectNode replacementDetails(String serial) {
        if (serial == null || serial.isBlank()) {
            throw new ApiError(400, "DEVICE_ID_REQUIRED");
        }
        SimDevice d = devices.get(serial);
        if (d == null || !d.replacement()) {
            throw new ApiError(400, "DEVICE_NOT_FOUND");
        }
        ObjectNode response = Json.object();
        response.put("serial_number", d.serial());
        response.put("original_device_serial_number", d.originalSerial());
        response.put("replacement_date", d.replacementDate().toString());
        return response;
    }

    // ---------------------------------------------------------------- control: portal-side changes

    private void change(SimDevice updated, String opType) {
        devices.put(updated.serial(), updated);
        events.add(new Event(updated.serial(), opType, now(), updated, false));
    }

    private List<String> pick(int n) {
        List<String> all = new ArrayList<>(devices.keySet());
        int k = Math.min(Math.max(n, 0), all.size());
        for (int i = 0; i < k; i++) {
            Collections.swap(all, i, i + control.nextInt(all.size() - i));
        }
        return new ArrayList<>(all.subList(0, k));
    }

    synchronized List<String> addDevices(int n) {
        Instant now = now();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SimDevice d = factory.arriving(arrivals++, now).withAssignment(now, adminId);
            devices.put(d.serial(), d);
            events.add(new Event(d.serial(), "added", now, d, false));
            memberChanges.add(new MemberChange(d.serial(), d, MemberKind.JOINED));
            out.add(d.serial());
        }
        return out;
    }

    synchronized List<String> modifyDevices(int n) {
        List<String> out = pick(n);
        for (String serial : out) {
            SimDevice d = devices.get(serial);
            change(d.withAssetTag(factory.assetTag(control)), "modified");
        }
        return out;
    }

    synchronized List<String> deleteDevices(int n) {
        List<String> out = pick(n);
        Instant now = now();
        for (String serial : out) {
            SimDevice d = devices.remove(serial);
            activationLocked.remove(serial);
            otherServers.addLast(d);
            events.add(new Event(serial, "deleted", now, null, false));
            memberChanges.add(new MemberChange(serial, d, MemberKind.LEFT));
        }
        return out;
    }

    /** Devices moved here from another MDM server: Apple reports them as {@code modified} with profile_status {@code removed}. */
    synchronized List<String> moveInDevices(int n) {
        Instant now = now();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SimDevice d = otherServers.pollFirst();
            if (d == null) {
                d = factory.arriving(arrivals++, now);
                if (control.nextBoolean()) {
                    // it had a profile on the other server; the UUID means nothing here
                    d = d.withProfile(SimDevice.EMPTY, randomHex(16).toUpperCase(Locale.ROOT), now.minus(Duration.ofDays(30)), null);
                }
            }
            SimDevice moved = d.withAssignment(now, adminId)
                    .withProfile(SimDevice.REMOVED, d.profileUuid(), d.profileAssignTime(), d.profilePushTime());
            change(moved, "modified");
            memberChanges.add(new MemberChange(moved.serial(), moved, MemberKind.JOINED));
            out.add(moved.serial());
        }
        return out;
    }

    /**
     * The admin reassigns devices in the portal to the server they already belong to: Apple reports {@code modified}
     * with profile_status {@code removed} while profile_uuid still shows the old value (dep-api.md §6.3 pitfall 5).
     */
    synchronized List<String> reassignInPortal(List<String> serials) {
        Instant now = now();
        List<String> out = new ArrayList<>();
        for (String serial : serials) {
            SimDevice d = devices.get(serial);
            if (d != null) {
                change(d.withAssignment(now, adminId).withProfile(SimDevice.REMOVED, d.profileUuid(), d.profileAssignTime(),
                        d.profilePushTime()), "modified");
                out.add(serial);
            }
        }
        return out;
    }

    /** Devices that ran Setup Assistant and downloaded their profile: {@code assigned} becomes {@code pushed}. */
    synchronized List<String> activate(List<String> serials) {
        Instant now = now();
        List<String> out = new ArrayList<>();
        for (String serial : serials) {
            SimDevice d = devices.get(serial);
            if (d != null && SimDevice.ASSIGNED.equals(d.profileStatus())) {
                change(d.withProfile(SimDevice.PUSHED, d.profileUuid(), d.profileAssignTime(), now), "modified");
                out.add(serial);
            }
        }
        return out;
    }

    synchronized void throttle(List<String> serials, long retryAfterSeconds) {
        Instant until = now().plusSeconds(retryAfterSeconds);
        for (String s : serials) {
            throttledUntil.put(s, until);
        }
    }

    synchronized void failAssign(List<String> serials) {
        failing.addAll(serials);
    }

    synchronized void clearAssignFaults() {
        throttledUntil.clear();
        failing.clear();
    }

    // ---------------------------------------------------------------- the organization (Apple Business API side)

    String consumerKey() {
        return consumerKey;
    }

    synchronized boolean hasSession(String value) {
        return value != null && sessions.containsKey(value);
    }

    /** When this server last opened a session (Apple's {@code lastConnectedDateTime}), or null. */
    synchronized Instant lastContact() {
        return lastContact;
    }

    /** An assignment through the API took the device to another server (or unassigned it): {@code deleted} here at {@code at}. */
    synchronized SimDevice removeForMove(String serial, Instant at) {
        SimDevice d = devices.remove(serial);
        if (d != null) {
            activationLocked.remove(serial);
            throttledUntil.remove(serial);
            events.add(new Event(serial, "deleted", at, null, false));
        }
        return d;
    }

    /**
     * An assignment through the API brought the device here at {@code at}: {@code added} for a device that was never on
     * a server (or when the organization is configured so), else {@code modified} with {@code profile_status: removed}
     * and the old profile UUID still shown (apple-business-api.md §9).
     */
    synchronized void insertMoved(SimDevice d, boolean asAdded, String assignedBy, Instant at) {
        SimDevice moved = d.withAssignment(at, assignedBy);
        if (asAdded) {
            moved = moved.withProfile(SimDevice.EMPTY, null, null, null);
        } else {
            moved = moved.withProfile(SimDevice.REMOVED, d.profileUuid(), d.profileAssignTime(), d.profilePushTime());
        }
        devices.put(moved.serial(), moved);
        events.add(new Event(moved.serial(), asAdded ? "added" : "modified", at, moved, false));
    }

    // ---------------------------------------------------------------- inspection

    synchronized int deviceCount() {
        return devices.size();
    }

    synchronized List<String> serials() {
        return new ArrayList<>(devices.keySet());
    }

    synchronized SimDevice device(String serial) {
        return devices.get(serial);
    }

    synchronized int eventCount() {
        return events.size();
    }

    synchronized int profileCount() {
        return profiles.size();
    }

    synchronized int sessionCount() {
        Instant now = now();
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().expiresAt())) {
                it.remove();
            }
        }
        return sessions.size();
    }

    private String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        secure.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String hex(SplittableRandom r, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return HexFormat.of().formatHex(b);
    }
}
