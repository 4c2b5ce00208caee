package org.depconsole.appleapi;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.depconsole.domain.ApiCallRecord;
import org.depconsole.domain.AppVersion;
import org.depconsole.domain.ServerToken;
import org.depconsole.domain.apple.AccountDetail;
import org.depconsole.domain.apple.ActivationLockResult;
import org.depconsole.domain.apple.AssignResult;
import org.depconsole.domain.apple.DefineProfileResult;
import org.depconsole.domain.apple.Device;
import org.depconsole.domain.apple.DevicePage;
import org.depconsole.domain.apple.DeviceStatusResult;
import org.depconsole.domain.apple.Profile;
import org.depconsole.domain.apple.ReplacementDetails;
import org.depconsole.domain.oauth.OAuth1Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AppleDepClient} over OkHttp (dep-api.md §2, §3, §6).
 *
 * <p>One instance per server token. Sessions are opened single-flight and re-opened once on 401 or
 * 403 {@code FORBIDDEN}; a session Apple rotates in a response header is adopted. Idempotent calls
 * (GET, fetch, sync, details) are retried on network failures, 429 and 5xx with capped exponential
 * backoff and full jitter or Apple's {@code Retry-After}; changes (define, assign, remove, disown,
 * activation lock) are retried only when the request never left this computer. OkHttp's own silent
 * retries and redirects are off, so every exchange is visible in the {@link CallJournal}.
 *
 * <p>Secrets stay out of logs by construction: only method, path and status are logged, no header or body.
 */
public final class OkHttpAppleDepClient implements AppleDepClient {

    private static final Logger LOG = LoggerFactory.getLogger(OkHttpAppleDepClient.class);

    static final String PROTOCOL_VERSION = "10";
    static final String SESSION_HEADER = "X-ADM-Auth-Session";
    static final String JSON_CONTENT_TYPE = "application/json;charset=UTF8";
    private static final MediaType JSON = MediaType.get(JSON_CONTENT_TYPE);
    /** Largest success body read; a page of 1000 devices is about 1 MiB. */
    static final long MAX_SUCCESS_BYTES = 64L * 1024 * 1024;

    private static final Spec SESSION = new Spec("GET", "/session", null, null, null, true, 0, true);

    private final ClientConfig config;
    private final CallJournal journal;
    private final Sleeper sleeper;
    private final OkHttpClient http;
    private final HttpUrl base;
    private final SessionManager sessions;
    private final SecureRandom random = new SecureRandom();
    private final long maxSuccessBytes;
    private volatile boolean closed;

    public OkHttpAppleDepClient(ClientConfig config, CallJournal journal, Sleeper sleeper) {
        this(config, journal, sleeper, MAX_SUCCESS_BYTES);
    }

    OkHttpAppleDepClient(ClientConfig config, CallJournal journal, Sleeper sleeper, long maxSuccessBytes) {
        this.config = config;
        this.journal = journal == null ? CallJournal.NONE : journal;
        this.sleeper = sleeper == null ? Sleeper.REAL : sleeper;
        this.maxSuccessBytes = maxSuccessBytes;
        this.base = HttpUrl.get(config.baseUrl().toString());
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(16);
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .eventListenerFactory(ProgressListener::forCall);
        ProxySelector proxies = config.proxySelector() != null ? config.proxySelector() : ProxySelector.getDefault();
        if (proxies != null) {
            builder.proxySelector(proxies);
        }
        this.http = builder.build();
        this.sessions = new SessionManager(this::openSession);
    }

    // ---- endpoints ------------------------------------------------------------------------------------------

    @Override
    public AccountDetail account() {
        return call(new Spec("GET", "/account", null, null, null, true, 0, false), Dto.Account.class, Json::account, a -> 0);
    }

    @Override
    public DevicePage fetchDevices(String cursorOrNull, Integer limitOrNull) {
        byte[] body = Json.write(Json.cursorRequest(cursorOrNull, limitOrNull));
        return call(new Spec("POST", "/server/devices", null, null, body, true, 0, false), Dto.Page.class, Json::page,
                p -> p.devices().size());
    }

    @Override
    public DevicePage syncDevices(String cursor, Integer limitOrNull) {
        if (cursor == null || cursor.isBlank()) {
            throw new CursorException(CursorException.Kind.REQUIRED, 0);
        }
        byte[] body = Json.write(Json.cursorRequest(cursor, limitOrNull));
        return call(new Spec("POST", "/devices/sync", null, null, body, true, 0, false), Dto.Page.class, Json::page,
                p -> p.devices().size());
    }

    @Override
    public Map<String, Device> deviceDetails(List<String> serials) {
        List<String> checked = serials(serials);
        byte[] body = Json.write(Map.of("devices", checked));
        return call(new Spec("POST", "/devices", null, null, body, true, checked.size(), false), Dto.Details.class,
                Json::details, Map::size);
    }

    @Override
    public DefineProfileResult defineProfile(Profile profile) {
        if (profile == null) {
            throw new IllegalArgumentException("profile is required");
        }
        int devices = profile.devices() == null ? 0 : profile.devices().size();
        if (devices > MAX_SERIALS) {
            throw new IllegalArgumentException("at most " + MAX_SERIALS + " serials per request, got " + devices);
        }
        byte[] body = Json.write(Json.profileRequest(profile));
        return call(new Spec("POST", "/profile", null, null, body, false, devices, false), Dto.Statuses.class,
                Json::defineResult, r -> r.devices().size());
    }

    @Override
    public Optional<Profile> getProfile(String profileUuid) {
        String uuid = required(profileUuid, "profileUuid");
        try {
            return Optional.of(call(new Spec("GET", "/profile", "profile_uuid", uuid, null, true, 0, false), Dto.Profile.class,
                    Json::profile, p -> 0));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public AssignResult assignProfile(String profileUuid, List<String> serials) {
        String uuid = required(profileUuid, "profileUuid");
        List<String> checked = serials(serials);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("profile_uuid", uuid);
        request.put("devices", checked);
        return call(new Spec("POST", "/profile/devices", null, null, Json.write(request), false, checked.size(), false),
                Dto.Statuses.class, Json::assignResult, r -> r.devices().size());
    }

    @Override
    public DeviceStatusResult removeProfile(List<String> serials) {
        List<String> checked = serials(serials);
        byte[] body = Json.write(Map.of("devices", checked));
        return call(new Spec("DELETE", "/profile/devices", null, null, body, false, checked.size(), false),
                Dto.Statuses.class, Json::statusResult, r -> r.devices().size());
    }

    @Override
    public DeviceStatusResult disown(List<String> serials) {
        List<String> checked = serials(serials);
        byte[] body = Json.write(Map.of("devices", checked));
        return call(new Spec("POST", "/devices/disown", null, null, body, false, checked.size(), false),
                Dto.Statuses.class, Json::statusResult, r -> r.devices().size());
    }

    @Override
    public ActivationLockResult activationLock(String serial, String escrowKeyOrNull, String lostMessageOrNull) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("device", required(serial, "serial"));
        if (escrowKeyOrNull != null && !escrowKeyOrNull.isBlank()) {
            request.put("escrow_key", escrowKeyOrNull.strip());
        }
        if (lostMessageOrNull != null && !lostMessageOrNull.isBlank()) {
            request.put("lost_message", lostMessageOrNull);
        }
        return call(new Spec("POST", "/device/activationlock", null, null, Json.write(request), false, 1, false),
                Dto.ActivationLock.class, Json::activationLock, r -> 1);
    }

    @Override
    public Optional<ReplacementDetails> replacementDetails(String serial) {
        String checked = required(serial, "serial");
        try {
            return Optional.of(call(new Spec("GET", "/device/replacementDetails", "device", checked, null, true, 1, false),
                    Dto.Replacement.class, Json::replacement, r -> 1));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (BadRequestException e) {
            if ("DEVICE_NOT_FOUND".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        sessions.clear();
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "OkHttpAppleDepClient[baseUrl=" + base + ", serverId=" + config.serverId() + ", " + sessions + "]";
    }

    // ---- the exchange loop ----------------------------------------------------------------------------------

    /**
     * One request of an endpoint.
     *
     * @param idempotent     retried after a response or a failure once sent; otherwise only when never sent
     * @param requestDevices serials the request carries (journal), 0 when the response's count is wanted
     * @param session        the {@code GET /session} call itself (OAuth instead of a session header)
     */
    private record Spec(String method, String path, String queryName, String queryValue, byte[] body, boolean idempotent,
                        int requestDevices, boolean session) {
    }

    /** A response as read: status, the two headers the client needs, and a bounded body. */
    private record Raw(int status, String sessionHeader, String retryAfter, byte[] body, long bytes, boolean tooLarge) {
    }

    /** A successful exchange waiting for its journal record until the body is parsed. */
    private record Success(Raw raw, Instant at, long startNanos, String cause) {
    }

    private <D, T> T call(Spec spec, Class<D> type, Function<D, T> mapper, ToIntFunction<T> responseDevices) {
        Success ok = run(spec, CallCause.current());
        T result;
        try {
            if (ok.raw().tooLarge()) {
                throw new MalformedResponseException(ok.raw().status());
            }
            result = mapper.apply(Json.read(ok.raw().body(), type, ok.raw().status()));
        } catch (MalformedResponseException e) {
            record(spec, ok.at(), ok.startNanos(), ok.raw().status(), ok.raw().bytes(), spec.requestDevices(), e.code(), ok.cause());
            throw e;
        }
        int devices = spec.requestDevices() > 0 ? spec.requestDevices() : responseDevices.applyAsInt(result);
        record(spec, ok.at(), ok.startNanos(), ok.raw().status(), ok.raw().bytes(), devices, null, ok.cause());
        return result;
    }

    /** {@code GET /session}: called by {@link SessionManager} on the leading caller's thread. */
    private String openSession() {
        Success ok = run(SESSION, CallCause.current());
        String token = null;
        try {
            if (!ok.raw().tooLarge()) {
                token = Json.read(ok.raw().body(), Dto.Session.class, ok.raw().status()).authSessionToken;
            }
            if (token == null || token.isBlank()) {
                throw new MalformedResponseException(ok.raw().status());
            }
        } catch (MalformedResponseException e) {
            record(SESSION, ok.at(), ok.startNanos(), ok.raw().status(), ok.raw().bytes(), 0, e.code(), ok.cause());
            throw e;
        }
        record(SESSION, ok.at(), ok.startNanos(), ok.raw().status(), ok.raw().bytes(), 0, null, ok.cause());
        return token.strip();
    }

    private Success run(Spec spec, String cause) {
        int failures = 0;
        boolean reauthenticated = false;
        while (true) {
            if (closed || Thread.currentThread().isInterrupted()) {
                throw new CancelledException();
            }
            String session = spec.session() ? null : sessions.current();
            Request request = request(spec, session);
            Instant at = config.clock().instant();
            long start = System.nanoTime();
            ProgressListener.Progress progress = request.tag(ProgressListener.Progress.class);
            Raw raw;
            try {
                raw = exchange(request);
            } catch (CancelledException e) {
                record(spec, at, start, 0, 0, spec.requestDevices(), e.code(), cause);
                throw e;
            } catch (IOException e) {
                NetworkException failure = network(e, progress);
                record(spec, at, start, 0, 0, spec.requestDevices(), failure.code(), cause);
                boolean retryable = failure.kind() != NetworkException.Kind.TLS && failure.kind() != NetworkException.Kind.PROXY
                        && (spec.idempotent() || !failure.requestSent());
                if (retryable && ++failures < config.retry().maxAttempts()) {
                    LOG.debug("{} {} failed ({}), retry {} of {}", spec.method(), spec.path(), failure.code(), failures,
                            config.retry().maxAttempts() - 1);
                    pause(jitter(failures));
                    continue;
                }
                throw failure;
            }
            if (!spec.session()) {
                sessions.adopt(session, raw.sessionHeader());
            }
            if (raw.status() >= 200 && raw.status() < 300) {
                return new Success(raw, at, start, cause);
            }

            String code = ErrorBody.code(raw.body());
            record(spec, at, start, raw.status(), raw.bytes(), spec.requestDevices(),
                    code != null ? code : "HTTP_" + raw.status(), cause);
            if (!spec.session() && !reauthenticated && needsNewSession(raw.status(), code)) {
                reauthenticated = true;
                LOG.debug("{} {} answered {}: opening a new session", spec.method(), spec.path(), raw.status());
                sessions.refresh(session);
                continue;
            }
            Duration wait = null;
            boolean retryable = false;
            if (raw.status() == 429 || raw.status() >= 500) {
                wait = RetryAfter.parse(raw.retryAfter(), config.clock().instant());
                if (wait != null && wait.compareTo(config.retry().maxDelay()) > 0) {
                    throw new RateLimitedException(code != null ? code : "HTTP_" + raw.status(), raw.status(), wait,
                            config.clock().instant());
                }
                retryable = spec.idempotent();
            }
            AppleApiException error = raw.status() == 429
                    ? new RateLimitedException(code != null ? code : "TOO_MANY_REQUESTS", 429, wait, config.clock().instant())
                    : error(spec, raw.status(), code);
            if (retryable && ++failures < config.retry().maxAttempts()) {
                LOG.debug("{} {} answered {}, retry {} of {}", spec.method(), spec.path(), raw.status(), failures,
                        config.retry().maxAttempts() - 1);
                pause(wait != null ? wait : jitter(failures));
                continue;
            }
            throw error;
        }
    }

    /** 401, or 403 whose body says FORBIDDEN/UNAUTHORIZED (a stale session), but never terms or access problems. */
    private static boolean needsNewSession(int status, String code) {
        if (status == 401) {
            return true;
        }
        return status == 403 && ("FORBIDDEN".equals(code) || "UNAUTHORIZED".equals(code));
    }

    private AppleApiException error(Spec spec, int status, String code) {
        String orStatus = code != null ? code : "HTTP_" + status;
        if (isTokenCode(code)) {
            return new TokenRejectedException(code, status);
        }
        if (status == 401) {
            return new TokenRejectedException(orStatus, status);
        }
        if (status == 403) {
            if (TermsNotAcceptedException.CODE.equals(code)) {
                return new TermsNotAcceptedException(status);
            }
            if ("ACCESS_DENIED".equals(code) || "APPLE_SEED_FOR_IT_TURNED_OFF".equals(code)) {
                return new AccessDeniedException(code, status);
            }
            if (spec.session() || "FORBIDDEN".equals(code) || "UNAUTHORIZED".equals(code)) {
                return new TokenRejectedException("FORBIDDEN", status);
            }
            return new AccessDeniedException(orStatus, status);
        }
        if (status >= 500) {
            return new AppleUnavailableException(status);
        }
        if (spec.session() && status == 400) {
            return new BadRequestException(BadRequestException.SESSION_REQUEST_INVALID, status);
        }
        if (status == 400) {
            CursorException.Kind kind = CursorException.Kind.fromCode(code);
            return kind != null ? new CursorException(kind, status) : new BadRequestException(orStatus, status);
        }
        if (status == 404) {
            return new NotFoundException(code != null ? code : "NOT_FOUND");
        }
        if (status >= 400) {
            return new BadRequestException(orStatus, status);
        }
        return new MalformedResponseException(status); // 1xx/3xx: redirects are not followed on purpose
    }

    private static boolean isTokenCode(String code) {
        return "token_rejected".equals(code) || "signature_invalid".equals(code) || "token_expired".equals(code);
    }

    private Request request(Spec spec, String session) {
        HttpUrl.Builder url = base.newBuilder().addPathSegments(spec.path().substring(1));
        if (spec.queryName() != null) {
            url.addQueryParameter(spec.queryName(), spec.queryValue());
        }
        HttpUrl target = url.build();
        Request.Builder b = new Request.Builder()
                .url(target)
                .header("User-Agent", AppVersion.userAgent())
                .header("X-Server-Protocol-Version", PROTOCOL_VERSION)
                .header("Accept", "application/json")
                .tag(ProgressListener.Progress.class, new ProgressListener.Progress());
        if (spec.session()) {
            b.header("Authorization", authorization(target));
            b.header("Content-Type", JSON_CONTENT_TYPE);
        } else {
            b.header(SESSION_HEADER, session);
        }
        // the same bytes on every attempt: a retry replays exactly what was sent before
        b.method(spec.method(), spec.body() == null ? null : RequestBody.create(spec.body(), JSON));
        return b.build();
    }

    /** A fresh OAuth 1.0a header per attempt: a new nonce and timestamp each time (dep-api.md §2.2). */
    private String authorization(HttpUrl target) {
        ServerToken token = config.token().get();
        if (token == null) {
            throw new TokenRejectedException("token_missing", 0);
        }
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return OAuth1Signature.authorizationHeader("GET", target.uri(), token.consumerKey(), token.consumerSecret(),
                token.accessToken(), token.accessSecret(), config.clock().instant().getEpochSecond(),
                HexFormat.of().formatHex(nonce));
    }

    /**
     * Runs one exchange on OkHttp's dispatcher and waits interruptibly: an interrupt cancels the call at once
     * instead of waiting for a blocked socket read.
     */
    private Raw exchange(Request request) throws IOException {
        return InterruptibleCall.execute(http, request, this::read, () -> closed);
    }

    private Raw read(Response response) throws IOException {
        int status = response.code();
        boolean success = response.isSuccessful();
        long limit = success ? maxSuccessBytes : ErrorBody.MAX_BYTES;
        ResponseBody body = response.body();
        BufferedSource source = body.source();
        byte[] bytes;
        boolean tooLarge = false;
        long size;
        if (success && body.contentLength() > limit) {
            tooLarge = true;
            bytes = new byte[0];
            size = body.contentLength();
        } else if (success) {
            if (source.request(limit + 1)) {
                tooLarge = true;
                bytes = new byte[0];
                size = source.getBuffer().size();
            } else {
                bytes = source.readByteArray();
                size = bytes.length;
            }
        } else {
            source.request(limit);
            bytes = source.getBuffer().readByteArray(Math.min(source.getBuffer().size(), limit));
            size = bytes.length;
        }
        LOG.debug("{} {} -> {}", response.request().method(), response.request().url().encodedPath(), status);
        return new Raw(status, response.header(SESSION_HEADER), response.header("Retry-After"), bytes, size, tooLarge);
    }

    private NetworkException network(IOException e, ProgressListener.Progress progress) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        NetworkException.Kind kind;
        if (e instanceof UnknownHostException) {
            kind = NetworkException.Kind.DNS;
        } else if (progress.proxyFailed || message.contains("proxy") || message.contains("tunnel")
                || message.contains("for connect")) {
            kind = NetworkException.Kind.PROXY;
        } else if (e instanceof SSLException) {
            kind = NetworkException.Kind.TLS;
        } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException && message.contains("timeout")) {
            kind = NetworkException.Kind.TIMEOUT;
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof PortUnreachableException) {
            kind = NetworkException.Kind.CONNECT;
        } else {
            kind = NetworkException.Kind.DROPPED;
        }
        return new NetworkException(e, kind, base.host(), progress.requestSent);
    }

    private Duration jitter(int failures) {
        long cap = config.retry().backoffCap(failures).toMillis();
        return Duration.ofMillis(cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1));
    }

    private void pause(Duration d) {
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

    private void record(Spec spec, Instant at, long startNanos, int status, long bytes, int devices, String errorCode, String cause) {
        long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        ApiCallRecord entry = new ApiCallRecord(at, config.serverId(), spec.method(), spec.path(), status, millis, bytes,
                devices, errorCode, cause);
        try {
            journal.record(entry);
        } catch (RuntimeException e) {
            // the journal is bookkeeping: a failure there must not fail or repeat a call to Apple
            LOG.warn("API call journal failed for {} {}", spec.method(), spec.path(), e);
        }
    }

    private static List<String> serials(List<String> serials) {
        if (serials == null || serials.isEmpty()) {
            throw new IllegalArgumentException("at least one serial number is required");
        }
        if (serials.size() > MAX_SERIALS) {
            throw new IllegalArgumentException("at most " + MAX_SERIALS + " serials per request, got " + serials.size());
        }
        List<String> out = new ArrayList<>(serials.size());
        for (String s : serials) {
            out.add(required(s, "serial"));
        }
        return out;
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.strip();
    }

    /** Tells, per exchange, whether the request started leaving this computer and whether a proxy failed. */
    static final class ProgressListener extends EventListener {

        static final class Progress {
            volatile boolean requestSent;
            volatile boolean proxyFailed;
        }

        private final Progress progress;

        private ProgressListener(Progress progress) {
            this.progress = progress;
        }

        static EventListener forCall(Call call) {
            Progress p = call.request().tag(Progress.class);
            return p == null ? EventListener.NONE : new ProgressListener(p);
        }

        @Override
        public void requestHeadersStart(Call call) {
            progress.requestSent = true;
        }

        @Override
        public void connectFailed(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol, IOException ioe) {
            if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
                progress.proxyFailed = true;
            }
        }
    }
}
