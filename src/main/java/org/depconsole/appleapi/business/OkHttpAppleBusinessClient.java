package org.depconsole.appleapi.business;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.depconsole.appleapi.AppleApiException;
import org.depconsole.appleapi.CallCause;
import org.depconsole.appleapi.CallJournal;
import org.depconsole.appleapi.CancelledException;
import org.depconsole.appleapi.InterruptibleCall;
import org.depconsole.appleapi.MalformedResponseException;
import org.depconsole.appleapi.NetworkException;
import org.depconsole.appleapi.RateLimitedException;
import org.depconsole.appleapi.RetryAfter;
import org.depconsole.appleapi.Sleeper;
import org.depconsole.domain.ApiCallRecord;
import org.depconsole.domain.AppVersion;
import org.depconsole.domain.business.ActivityResultRow;
import org.depconsole.domain.business.ActivityType;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.domain.business.AppleBusinessApi;
import org.depconsole.domain.business.AppleCareCoverage;
import org.depconsole.domain.business.MdmServer;
import org.depconsole.domain.business.MdmServerPage;
import org.depconsole.domain.business.OrgDevice;
import org.depconsole.domain.business.OrgDeviceActivity;
import org.depconsole.domain.business.OrgDevicePage;
import org.depconsole.domain.business.SerialPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AppleBusinessClient} over OkHttp. Requests of all instances for the same account and host in this JVM are
 * paced together ({@link AccountPacer}); the access token is per instance, so keep one instance per account.
 * Only method, path (no query) and status are ever logged or journalled: no header, body, token or assertion.
 */
public final class OkHttpAppleBusinessClient implements AppleBusinessClient {

    private static final Logger LOG = LoggerFactory.getLogger(OkHttpAppleBusinessClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    /** Largest answer read (a page of 1000 devices is about 1.5 MB). */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final BusinessClientConfig config;
    private final CallJournal journal;
    private final RateLimitListener listener;
    private final Sleeper sleeper;
    private final OkHttpClient http;
    private final HttpUrl apiBase;
    private final HttpUrl tokenUrl;
    private final Object tokenLock = new Object();
    private final AccountPacer pacer;
    private volatile boolean closed;

    // guarded by tokenLock
    private ClientAssertion.Minted assertion;
    private String accessToken;
    private Instant accessTokenEnds;
    private String grantedScope;

    /**
     * @param journal  one record per exchange (token requests included); null → none
     * @param listener told before every wait; null → none
     * @param sleeper  how waits happen; null → {@link Sleeper#REAL}
     */
    public OkHttpAppleBusinessClient(BusinessClientConfig config, CallJournal journal, RateLimitListener listener, Sleeper sleeper) {
        this.config = config;
        this.journal = journal == null ? CallJournal.NONE : journal;
        this.listener = listener == null ? RateLimitListener.NONE : listener;
        this.sleeper = sleeper == null ? Sleeper.REAL : sleeper;
        this.apiBase = HttpUrl.get(config.apiBase().toString());
        this.tokenUrl = HttpUrl.get(config.tokenUrl().toString());
        this.pacer = AccountPacer.of(config.credentials().clientId(), apiBase.toString());
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false);
        ProxySelector proxies = config.proxySelector() != null ? config.proxySelector() : ProxySelector.getDefault();
        if (proxies != null) {
            b.proxySelector(proxies);
        }
        this.http = b.build();
    }

    // ---- operations -----------------------------------------------------------------------------------------

    @Override
    public TokenGrant validateCredentials() {
        checkShape();
        synchronized (tokenLock) {
            accessToken = null;
            assertion = null;
        }
        token(true);
        // one cheap API call proves the token fits this host (a school key on the business host fails here) and that
        // the account's role may read devices
        JsonNode probe = get(api("/v1/mdmServers").addQueryParameter("limit", "1")
                .addQueryParameter("fields[mdmServers]", "serverName").build());
        requireArray(probe.get("data"));
        synchronized (tokenLock) {
            return new TokenGrant(grantedScope, accessTokenEnds);
        }
    }

    @Override
    public OrgDevicePage orgDevices(String cursorOrNull, int limit, Collection<String> fields) {
        HttpUrl.Builder url = paged(api("/v1/orgDevices"), cursorOrNull, limit);
        if (fields != null && !fields.isEmpty()) {
            url.addQueryParameter("fields[orgDevices]", String.join(",", fields));
        }
        JsonNode doc = get(url.build());
        List<OrgDevice> devices = new ArrayList<>();
        for (JsonNode r : requireArray(doc.get("data"))) {
            devices.add(orgDevice(r));
        }
        JsonNode total = doc.path("meta").path("paging").get("total");
        return new OrgDevicePage(devices, nextCursor(doc), total != null && total.canConvertToInt() ? total.asInt() : null);
    }

    @Override
    public Optional<OrgDevice> orgDevice(String serial) {
        try {
            JsonNode doc = get(api("/v1/orgDevices/" + required(serial, "serial")).build());
            JsonNode data = doc.get("data");
            if (data == null || !data.isObject()) {
                throw new MalformedResponseException(200);
            }
            return Optional.of(orgDevice(data));
        } catch (BusinessApiException e) {
            if (e.kind() == BusinessApiException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public MdmServerPage mdmServers(String cursorOrNull, int limit) {
        HttpUrl url = paged(api("/v1/mdmServers"), cursorOrNull, limit)
                .addQueryParameter("fields[mdmServers]", String.join(",", AppleBusinessApi.MDM_SERVER_FIELDS.stream()
                        .filter(f -> !f.equals("devices")).toList()))
                .build();
        JsonNode doc = get(url);
        List<MdmServer> servers = new ArrayList<>();
        for (JsonNode r : requireArray(doc.get("data"))) {
            servers.add(mdmServer(r));
        }
        return new MdmServerPage(servers, nextCursor(doc));
    }

    @Override
    public List<MdmServer> allMdmServers() {
        List<MdmServer> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            MdmServerPage page = mdmServers(cursor, AppleBusinessApi.MAX_PAGE_LIMIT);
            all.addAll(page.servers());
            cursor = page.nextCursor();
        } while (cursor != null && ++pages < 10_000);
        return all;
    }

    @Override
    public SerialPage serverDeviceSerials(String serverId, String cursorOrNull, int limit) {
        JsonNode doc = get(paged(api("/v1/mdmServers/" + required(serverId, "serverId") + "/relationships/devices"), cursorOrNull, limit)
                .build());
        List<String> serials = new ArrayList<>();
        for (JsonNode r : requireArray(doc.get("data"))) {
            String id = text(r, "id");
            if (id != null) {
                serials.add(id);
            }
        }
        return new SerialPage(serials, nextCursor(doc));
    }

    @Override
    public Optional<String> assignedServerId(String serial) {
        JsonNode doc = get(api("/v1/orgDevices/" + required(serial, "serial") + "/relationships/assignedServer").build());
        JsonNode data = doc.get("data");
        if (data == null || data.isNull()) {
            return Optional.empty();
        }
        return Optional.ofNullable(text(data, "id"));
    }

    @Override
    public List<AppleCareCoverage> appleCareCoverage(String serial) {
        List<AppleCareCoverage> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode doc = get(paged(api("/v1/orgDevices/" + required(serial, "serial") + "/appleCareCoverage"), cursor,
                    AppleBusinessApi.MAX_PAGE_LIMIT).build());
            for (JsonNode r : requireArray(doc.get("data"))) {
                JsonNode a = r.path("attributes");
                all.add(new AppleCareCoverage(text(r, "id"), text(a, "status"), text(a, "paymentType"), text(a, "description"),
                        text(a, "agreementNumber"), time(a, "startDateTime"), time(a, "endDateTime"), bool(a, "isRenewable"),
                        bool(a, "isCanceled"), time(a, "contractCancelDateTime")));
            }
            cursor = nextCursor(doc);
        } while (cursor != null && ++pages < 100);
        return all;
    }

    @Override
    public OrgDeviceActivity createActivity(ActivityType type, String serverId, List<String> serials) {
        if (type == null) {
            throw new IllegalArgumentException("type is required");
        }
        if (type == ActivityType.ASSIGN_DEVICES && (serverId == null || serverId.isBlank())) {
            throw new IllegalArgumentException("ASSIGN_DEVICES needs a server id");
        }
        if (serials == null || serials.isEmpty() || serials.size() > AppleBusinessApi.MAX_ACTIVITY_DEVICES) {
            throw new IllegalArgumentException("1 to " + AppleBusinessApi.MAX_ACTIVITY_DEVICES + " serials are required");
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode data = root.putObject("data");
        data.put("type", AppleBusinessApi.TYPE_ACTIVITIES);
        data.putObject("attributes").put("activityType", type.name());
        ObjectNode rel = data.putObject("relationships");
        if (serverId != null && !serverId.isBlank()) {
            rel.putObject("mdmServer").putObject("data").put("type", AppleBusinessApi.TYPE_MDM_SERVERS).put("id", serverId.strip());
        }
        ArrayNode devices = rel.putObject("devices").putArray("data");
        for (String s : serials) {
            devices.addObject().put("type", AppleBusinessApi.TYPE_ORG_DEVICES).put("id", required(s, "serial"));
        }
        byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
        JsonNode doc = call(new Spec("POST", api("/v1/orgDeviceActivities").build(), body, serials.size()));
        return activity(doc.get("data"));
    }

    @Override
    public OrgDeviceActivity activity(String activityId) {
        JsonNode doc = get(api("/v1/orgDeviceActivities/" + required(activityId, "activityId")).build());
        return activity(doc.get("data"));
    }

    @Override
    public Optional<ActivityLog> activityLog(String activityId) {
        OrgDeviceActivity fresh = activity(activityId);
        if (!fresh.isFinished() || fresh.downloadUrl() == null) {
            return Optional.empty();
        }
        HttpUrl url = HttpUrl.parse(fresh.downloadUrl().toString());
        if (url == null) {
            throw new MalformedResponseException(200);
        }
        Request request = new Request.Builder().url(url).header("User-Agent", AppVersion.userAgent()).get().build();
        Instant at = config.clock().instant();
        long start = System.nanoTime();
        Raw raw;
        try {
            raw = exchange(request);
        } catch (IOException e) {
            NetworkException failure = network(e, url.host(), true);
            record("GET", "/activity-log", at, start, 0, 0, 0, failure.code());
            throw failure;
        }
        record("GET", "/activity-log", at, start, raw.status(), raw.body().length, 0, raw.status() == 200 ? null : "HTTP_" + raw.status());
        if (raw.status() != 200) {
            throw raw.status() >= 500 ? new BusinessApiException(BusinessApiException.Kind.UNAVAILABLE, "HTTP_" + raw.status(), raw.status())
                    : new BusinessApiException(BusinessApiException.Kind.NOT_FOUND, "HTTP_" + raw.status(), raw.status());
        }
        String csv = new String(raw.body(), StandardCharsets.UTF_8);
        return Optional.of(new ActivityLog(parseCsv(csv), csv));
    }

    @Override
    public void close() {
        closed = true;
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        synchronized (tokenLock) {
            accessToken = null;
            assertion = null;
        }
    }

    @Override
    public String toString() {
        return "OkHttpAppleBusinessClient[" + config + "]";
    }

    // ---- token ----------------------------------------------------------------------------------------------

    private void checkShape() {
        if (!ApiFamily.isWellFormedClientId(config.credentials().clientId())) {
            throw new CredentialsRejectedException(CredentialsRejectedException.Reason.CLIENT_ID_MALFORMED, "CLIENT_ID_MALFORMED", 0);
        }
        if (!ApiFamily.isWellFormedKeyId(config.credentials().keyId())) {
            throw new CredentialsRejectedException(CredentialsRejectedException.Reason.KEY_ID_MALFORMED, "KEY_ID_MALFORMED", 0);
        }
    }

    /** The current access token, exchanging a (re-)minted assertion when there is none, it nears its end, or {@code force}. */
    private String token(boolean force) {
        synchronized (tokenLock) {
            Instant now = config.clock().instant();
            if (!force && accessToken != null && now.isBefore(accessTokenEnds.minus(AppleBusinessApi.ACCESS_TOKEN_RENEW_BEFORE))) {
                return accessToken;
            }
            if (assertion == null || !now.isBefore(assertion.expiresAt().minus(AppleBusinessApi.ASSERTION_RENEW_BEFORE))) {
                checkShape();
                assertion = ClientAssertion.mint(config.credentials(), config.clock());
            }
            ApiFamily family = config.family();
            RequestBody form = new FormBody.Builder()
                    .add("grant_type", AppleBusinessApi.GRANT_TYPE)
                    .add("client_id", config.credentials().clientId())
                    .add("client_assertion_type", AppleBusinessApi.ASSERTION_TYPE)
                    .add("client_assertion", assertion.value())
                    .add("scope", family.scope())
                    .build();
            Spec spec = new Spec("POST", tokenUrl, null, 0, false);
            Raw raw = send(spec, new Request.Builder().url(tokenUrl).header("Accept", "application/json")
                    .header("User-Agent", AppVersion.userAgent()).post(form).build(), true);
            if (raw.status() == 200) {
                JsonNode doc = parse(raw);
                String value = text(doc, "access_token");
                if (value == null || value.isBlank()) {
                    throw new MalformedResponseException(200);
                }
                long expiresIn = doc.path("expires_in").asLong(AppleBusinessApi.ACCESS_TOKEN_LIFETIME.toSeconds());
                accessToken = value;
                accessTokenEnds = config.clock().instant().plusSeconds(Math.max(60, expiresIn));
                grantedScope = Optional.ofNullable(text(doc, "scope")).orElse(family.scope());
                return accessToken;
            }
            accessToken = null;
            throw tokenError(raw);
        }
    }

    private AppleApiException tokenError(Raw raw) {
        if (raw.status() == 429) {
            return new RateLimitedException("TOO_MANY_REQUESTS", 429, RetryAfter.parse(raw.retryAfter(), config.clock().instant()),
                    config.clock().instant());
        }
        if (raw.status() >= 500) {
            return new BusinessApiException(BusinessApiException.Kind.UNAVAILABLE, "HTTP_" + raw.status(), raw.status());
        }
        String error = null;
        String description = "";
        try {
            JsonNode doc = JSON.readTree(raw.body());
            error = text(doc, "error");
            description = Optional.ofNullable(text(doc, "error_description")).orElse("").toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            // not JSON (a proxy's page): judged by status below
        }
        if (error == null) {
            return new BusinessApiException(BusinessApiException.Kind.BAD_REQUEST, "HTTP_" + raw.status(), raw.status());
        }
        // the simulator's specific hints first; against Apple (no known hints) the Date header tells a wrong clock
        CredentialsRejectedException.Reason reason;
        if (AppleBusinessApi.ERROR_INVALID_SCOPE.equals(error)) {
            reason = CredentialsRejectedException.Reason.WRONG_SCOPE;
        } else if (description.contains(AppleBusinessApi.HINT_UNKNOWN_CLIENT)) {
            reason = CredentialsRejectedException.Reason.UNKNOWN_CLIENT;
        } else if (description.contains(AppleBusinessApi.HINT_UNKNOWN_KEY)) {
            reason = CredentialsRejectedException.Reason.KEY_REVOKED;
        } else if (description.contains(AppleBusinessApi.HINT_BAD_SIGNATURE)) {
            reason = CredentialsRejectedException.Reason.WRONG_KEY;
        } else if (description.contains(AppleBusinessApi.HINT_EXPIRED) || description.contains(AppleBusinessApi.HINT_NOT_YET_VALID)
                || isSkewed(raw.date())) {
            reason = CredentialsRejectedException.Reason.CLOCK_SKEW;
        } else {
            reason = CredentialsRejectedException.Reason.INVALID_CLIENT;
        }
        LOG.debug("token request refused: {} ({})", error, reason);
        return new CredentialsRejectedException(reason, error, raw.status());
    }

    /** True when Apple's {@code Date} header differs from this computer's clock by more than the warning limit. */
    private boolean isSkewed(String dateHeader) {
        if (dateHeader == null) {
            return false;
        }
        try {
            Instant theirs = ZonedDateTime.parse(dateHeader, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration diff = Duration.between(theirs, config.clock().instant()).abs();
            return diff.compareTo(AppleBusinessApi.CLOCK_SKEW_WARNING) > 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    // ---- the exchange loop ----------------------------------------------------------------------------------

    /** One request; {@code paced} false for the token endpoint (another host, not part of the API's limits). */
    private record Spec(String method, HttpUrl url, byte[] body, int requestDevices, boolean paced) {

        Spec(String method, HttpUrl url, byte[] body, int requestDevices) {
            this(method, url, body, requestDevices, true);
        }

        boolean idempotent() {
            return "GET".equals(method);
        }

        String path() {
            return url.encodedPath();
        }
    }

    private record Raw(int status, byte[] body, String retryAfter, String date) {
    }

    private JsonNode get(HttpUrl url) {
        return call(new Spec("GET", url, null, 0));
    }

    private JsonNode call(Spec spec) {
        boolean reauthenticated = false;
        int failures = 0;
        int limited = 0;
        while (true) {
            String bearer = token(false);
            Request.Builder rb = new Request.Builder().url(spec.url())
                    .header("Authorization", "Bearer " + bearer)
                    .header("Accept", "application/json")
                    .header("User-Agent", AppVersion.userAgent());
            rb.method(spec.method(), spec.body() == null ? null : RequestBody.create(spec.body(), JSON_TYPE));
            Raw raw;
            try {
                raw = send(spec, rb.build(), spec.idempotent());
            } catch (NetworkException e) {
                if (spec.idempotent() && e.kind() != NetworkException.Kind.TLS && e.kind() != NetworkException.Kind.PROXY
                        && ++failures < config.retry().maxAttempts()) {
                    backoff(failures);
                    continue;
                }
                throw e;
            }
            int status = raw.status();
            if (status >= 200 && status < 300) {
                return parse(raw);
            }
            if (status == 401 && !reauthenticated) {
                reauthenticated = true;
                synchronized (tokenLock) {
                    if (bearer.equals(accessToken)) {
                        accessToken = null;
                    }
                }
                continue;
            }
            if (status == 429) {
                Duration wait = RetryAfter.parse(raw.retryAfter(), config.clock().instant());
                Duration pause = wait != null ? wait : config.retry().backoffCap(limited + 1).plusSeconds(1);
                // whatever this call does next, no request of the account leaves before Apple's time
                holdUntil(config.clock().instant().plus(pause));
                if (pause.compareTo(config.pacing().maxRetryAfter()) > 0 || limited++ >= config.pacing().max429Retries()) {
                    throw new RateLimitedException(errorCode(raw, "TOO_MANY_REQUESTS"), 429, wait, config.clock().instant());
                }
                continue;
            }
            if (status >= 500 && spec.idempotent() && ++failures < config.retry().maxAttempts()) {
                backoff(failures);
                continue;
            }
            throw error(spec, raw, reauthenticated);
        }
    }

    private AppleApiException error(Spec spec, Raw raw, boolean reauthenticated) {
        int status = raw.status();
        String code = errorCode(raw, "HTTP_" + status);
        if (status == 401) {
            String text = new String(raw.body(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            return new CredentialsRejectedException(text.contains("scope") ? CredentialsRejectedException.Reason.WRONG_SCOPE
                    : CredentialsRejectedException.Reason.TOKEN_REFUSED, code, status);
        }
        if (status == 409 && spec.path().startsWith("/v1/orgDeviceActivities")) {
            return conflict(raw, code);
        }
        if (status >= 500) {
            return new BusinessApiException(BusinessApiException.Kind.UNAVAILABLE, code, status);
        }
        BusinessApiException.Kind kind = switch (status) {
            case 403 -> BusinessApiException.Kind.FORBIDDEN;
            case 404 -> BusinessApiException.Kind.NOT_FOUND;
            case 406 -> BusinessApiException.Kind.NOT_ACCEPTABLE;
            case 400 -> isCursorError(raw) ? BusinessApiException.Kind.CURSOR_INVALID : BusinessApiException.Kind.BAD_REQUEST;
            default -> BusinessApiException.Kind.BAD_REQUEST;
        };
        return new BusinessApiException(kind, code, status);
    }

    /** 409: which serials or the server Apple named (by {@code source.pointer}/{@code parameter} or the detail text). */
    private static ActivityConflictException conflict(Raw raw, String code) {
        boolean server = false;
        List<String> serials = new ArrayList<>();
        try {
            for (JsonNode e : JSON.readTree(raw.body()).path("errors")) {
                String pointer = e.path("source").path("pointer").asText("") + e.path("source").path("parameter").asText("");
                String detail = e.path("detail").asText("");
                JsonNode meta = e.path("meta");
                if (pointer.contains("mdmServer") || detail.toLowerCase(Locale.ROOT).contains("server")) {
                    server = true;
                }
                for (JsonNode s : meta.path("serialNumbers")) {
                    serials.add(s.asText());
                }
                if (meta.hasNonNull("serialNumber")) {
                    serials.add(meta.get("serialNumber").asText());
                }
            }
        } catch (IOException e) {
            // no readable detail: the general sentence
        }
        return new ActivityConflictException(code, server && serials.isEmpty(), serials);
    }

    private static boolean isCursorError(Raw raw) {
        try {
            for (JsonNode e : JSON.readTree(raw.body()).path("errors")) {
                if ("cursor".equals(e.path("source").path("parameter").asText())) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static String errorCode(Raw raw, String fallback) {
        try {
            JsonNode first = JSON.readTree(raw.body()).path("errors").path(0);
            String code = first.path("code").asText(null);
            if (code != null && code.matches("[A-Za-z0-9_.\\-]{1,64}")) {
                return code;
            }
        } catch (IOException e) {
            // not JSON
        }
        return fallback;
    }

    /** Paces, sends once, journals. Network failures become {@link NetworkException}. */
    private Raw send(Spec spec, Request request, boolean idempotent) {
        if (spec.paced()) {
            pace(spec.method());
        }
        if (closed || Thread.currentThread().isInterrupted()) {
            throw new CancelledException();
        }
        Instant at = config.clock().instant();
        long start = System.nanoTime();
        try {
            Raw raw = exchange(request);
            record(spec.method(), spec.path(), at, start, raw.status(), raw.body().length, spec.requestDevices(),
                    raw.status() >= 400 ? errorCode(raw, "HTTP_" + raw.status()) : null);
            LOG.debug("{} {} -> {}", spec.method(), spec.path(), raw.status());
            return raw;
        } catch (IOException e) {
            NetworkException failure = network(e, request.url().host(), !idempotent);
            record(spec.method(), spec.path(), at, start, 0, 0, spec.requestDevices(), failure.code());
            throw failure;
        }
    }

    /** Waits for this request's slot: pacing per method, and never before a {@code Retry-After} (shared per account). */
    private void pace(String method) {
        AccountPacer.Slot reserved = pacer.reserve("GET".equals(method), config.clock().instant(), config.pacing());
        Instant slot = reserved.at();
        Duration wait = Duration.between(config.clock().instant(), slot);
        if (reserved.reason() == RateLimitListener.Reason.RETRY_AFTER && wait.compareTo(config.pacing().maxRetryAfter()) > 0) {
            throw new RateLimitedException("TOO_MANY_REQUESTS", 429, wait, config.clock().instant());
        }
        if (!wait.isNegative() && !wait.isZero()) {
            listener(wait, reserved.reason());
            sleep(wait);
            // a sleeper may return early (spurious wake-up): never send before the slot
            Duration rest = Duration.between(config.clock().instant(), slot);
            while (!rest.isNegative() && !rest.isZero()) {
                sleep(rest);
                rest = Duration.between(config.clock().instant(), slot);
            }
        }
    }

    /** After a 429: no request of this account leaves before {@code until}. */
    private void holdUntil(Instant until) {
        pacer.holdUntil(until);
    }

    private void backoff(int failures) {
        long cap = config.retry().backoffCap(failures).toMillis();
        Duration d = Duration.ofMillis(cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1));
        if (!d.isNegative() && !d.isZero()) {
            listener(d, RateLimitListener.Reason.BACKOFF);
            sleep(d);
        }
    }

    private void listener(Duration wait, RateLimitListener.Reason reason) {
        try {
            listener.waiting(wait, reason);
            RateLimitListener own = RateLimitWaits.current();
            if (own != null) {
                own.waiting(wait, reason);
            }
        } catch (RuntimeException e) {
            LOG.warn("rate-limit listener failed", e);
        }
    }

    private void sleep(Duration d) {
        if (closed) {
            throw new CancelledException();
        }
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        if (closed) {
            throw new CancelledException();
        }
    }

    /** One exchange on OkHttp's dispatcher, waited for interruptibly (an interrupt cancels the call). */
    private Raw exchange(Request request) throws IOException {
        return InterruptibleCall.execute(http, request, response -> {
            var source = response.body().source();
            if (source.request(MAX_BYTES + 1)) {
                throw new IOException("answer larger than " + MAX_BYTES + " bytes");
            }
            return new Raw(response.code(), source.readByteArray(), response.header("Retry-After"), response.header("Date"));
        }, () -> closed);
    }

    private static NetworkException network(IOException e, String host, boolean mayHaveBeenSent) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        NetworkException.Kind kind;
        if (e instanceof UnknownHostException) {
            kind = NetworkException.Kind.DNS;
        } else if (message.contains("proxy") || message.contains("tunnel")) {
            kind = NetworkException.Kind.PROXY;
        } else if (e instanceof SSLException) {
            kind = NetworkException.Kind.TLS;
        } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException && message.contains("timeout")) {
            kind = NetworkException.Kind.TIMEOUT;
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            kind = NetworkException.Kind.CONNECT;
        } else {
            kind = NetworkException.Kind.DROPPED;
        }
        boolean sent = mayHaveBeenSent && kind != NetworkException.Kind.DNS && kind != NetworkException.Kind.CONNECT;
        return new NetworkException(e, kind, host, sent);
    }

    private void record(String method, String path, Instant at, long startNanos, int status, long bytes, int devices, String errorCode) {
        long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        try {
            journal.record(new ApiCallRecord(at, config.accountId(), method, path, status, millis, bytes, devices, errorCode,
                    CallCause.current()));
        } catch (RuntimeException e) {
            LOG.warn("API call journal failed for {} {}", method, path, e);
        }
    }

    // ---- JSON:API reading ------------------------------------------------------------------------------------

    private HttpUrl.Builder api(String path) {
        return apiBase.newBuilder().addPathSegments(path.substring(1));
    }

    private static HttpUrl.Builder paged(HttpUrl.Builder url, String cursor, int limit) {
        if (limit < 1 || limit > AppleBusinessApi.MAX_PAGE_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + AppleBusinessApi.MAX_PAGE_LIMIT + ": " + limit);
        }
        url.addQueryParameter("limit", Integer.toString(limit));
        if (cursor != null && !cursor.isEmpty()) {
            url.addQueryParameter("cursor", cursor);
        }
        return url;
    }

    private static JsonNode parse(Raw raw) {
        try {
            JsonNode doc = JSON.readTree(raw.body());
            if (doc == null || !doc.isObject()) {
                throw new MalformedResponseException(raw.status());
            }
            return doc;
        } catch (IOException e) {
            throw new MalformedResponseException(raw.status());
        }
    }

    private static JsonNode requireArray(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new MalformedResponseException(200);
        }
        return node;
    }

    /** {@code meta.paging.nextCursor}, else the {@code cursor} of {@code links.next}, else null (§5, §8.4). */
    static String nextCursor(JsonNode doc) {
        String c = text(doc.path("meta").path("paging"), "nextCursor");
        if (c != null && !c.isEmpty()) {
            return c;
        }
        String next = text(doc.path("links"), "next");
        if (next != null) {
            HttpUrl u = HttpUrl.parse(next);
            String fromLink = u == null ? null : u.queryParameter("cursor");
            if (fromLink != null && !fromLink.isEmpty()) {
                return fromLink;
            }
        }
        return null;
    }

    static OrgDevice orgDevice(JsonNode r) {
        JsonNode a = r.path("attributes");
        String serial = Optional.ofNullable(text(a, "serialNumber")).orElse(text(r, "id"));
        if (serial == null) {
            throw new MalformedResponseException(200);
        }
        String purchaseSource = Optional.ofNullable(text(a, "purchaseSourceId")).orElse(text(a, "purchaseSourceUid"));
        JsonNode server = r.path("relationships").path("assignedServer").path("data");
        return new OrgDevice(serial, time(a, "addedToOrgDateTime"), time(a, "releasedFromOrgDateTime"), time(a, "updatedDateTime"),
                text(a, "deviceModel"), text(a, "productFamily"), text(a, "productType"), text(a, "deviceCapacity"),
                text(a, "partNumber"), text(a, "orderNumber"), time(a, "orderDateTime"), text(a, "color"), text(a, "status"),
                strings(a.get("imei")), strings(a.get("meid")), text(a, "eid"), purchaseSource, text(a, "purchaseSourceType"),
                strings(a.get("wifiMacAddress")), strings(a.get("bluetoothMacAddress")), strings(a.get("ethernetMacAddress")),
                bool(a, "isMdmMigrationCapable"), text(a, "mdmMigrationStatus"), time(a, "mdmMigrationDeadlineDateTime"),
                server.isObject() ? text(server, "id") : null);
    }

    static MdmServer mdmServer(JsonNode r) {
        JsonNode a = r.path("attributes");
        String id = text(r, "id");
        if (id == null) {
            throw new MalformedResponseException(200);
        }
        JsonNode count = a.get("deviceCount");
        return new MdmServer(id, text(a, "serverName"), text(a, "serverType"), text(a, "status"),
                count != null && count.canConvertToInt() ? count.asInt() : null, bool(a, "enableMdmDisownFlag"),
                strings(a.get("defaultProductFamilies")), time(a, "createdDateTime"), time(a, "updatedDateTime"),
                time(a, "lastConnectedDateTime"), text(a, "lastConnectedIp"));
    }

    private static OrgDeviceActivity activity(JsonNode r) {
        if (r == null || !r.isObject() || text(r, "id") == null) {
            throw new MalformedResponseException(200);
        }
        JsonNode a = r.path("attributes");
        String url = text(a, "downloadUrl");
        URI download = null;
        if (url != null && !url.isBlank()) {
            try {
                download = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new MalformedResponseException(200);
            }
        }
        return new OrgDeviceActivity(text(r, "id"), text(a, "status"), text(a, "subStatus"), time(a, "createdDateTime"),
                time(a, "completedDateTime"), download);
    }

    static List<ActivityResultRow> parseCsv(String csv) {
        List<ActivityResultRow> rows = new ArrayList<>();
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get().parse(new StringReader(text))) {
            List<String> headers = parser.getHeaderNames();
            String serialCol = column(headers, "serial");
            String resultCol = column(headers, "status", "result");
            String messageCol = column(headers, "message", "error", "reason", "detail");
            for (CSVRecord rec : parser) {
                Map<String, String> columns = new LinkedHashMap<>();
                for (String h : headers) {
                    columns.put(h, rec.isMapped(h) && rec.isSet(h) ? rec.get(h) : "");
                }
                String serial = serialCol == null ? "" : columns.getOrDefault(serialCol, "");
                if (serial.isEmpty()) {
                    continue;
                }
                String result = resultCol == null ? "" : columns.getOrDefault(resultCol, "");
                String upper = result.toUpperCase(Locale.ROOT);
                boolean ok = upper.equals("SUCCESS") || upper.equals("SUCCEEDED") || upper.equals("COMPLETED") || upper.equals("OK");
                rows.add(new ActivityResultRow(serial, ok, result, messageCol == null ? "" : columns.getOrDefault(messageCol, ""), columns));
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new MalformedResponseException(200);
        }
        return rows;
    }

    private static String column(List<String> headers, String... words) {
        for (String w : words) {
            for (String h : headers) {
                if (h.toLowerCase(Locale.ROOT).contains(w)) {
                    return h;
                }
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : null;
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.isBoolean() ? v.asBoolean() : Boolean.valueOf("true".equalsIgnoreCase(v.asText()));
    }

    /** ISO-8601 with or without milliseconds or offset; unreadable → null (lenient, §5). */
    private static Instant time(JsonNode node, String field) {
        String s = text(node, field);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** A string or an array of strings (§6.3: MACs, IMEI and MEID came in both shapes). */
    private static List<String> strings(JsonNode v) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isArray()) {
            List<String> out = new ArrayList<>();
            v.forEach(x -> {
                if (x.isValueNode() && !x.isNull()) {
                    out.add(x.asText());
                }
            });
            return out;
        }
        return v.isValueNode() ? List.of(v.asText()) : List.of();
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        String v = value.strip();
        if (v.contains("/") || v.contains("?") || v.contains("#")) {
            throw new IllegalArgumentException(name + " contains characters that cannot be part of an identifier");
        }
        return v;
    }
}
