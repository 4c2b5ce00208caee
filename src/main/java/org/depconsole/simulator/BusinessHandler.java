package org.depconsole.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.depconsole.domain.business.ActivityType;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.domain.business.AppleBusinessApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apple's School Manager / Business REST API for the simulated organization (apple-business-api.md §4–§8, checklist
 * §10): the OAuth token endpoint ({@code /auth/oauth2/token} and {@code /auth/oauth2/v2/token}), {@code /v1/…} with
 * JSON:API documents, cursors, sparse fieldsets, 401/403/404/406/409/429 answers, and the activity CSV downloads under
 * {@code /_blob/}. Checks per API request: tick the organization, planned fault, {@code Accept}, bearer token, rate
 * limit, then the endpoint. Every request is logged with the simulator clock's time.
 */
final class BusinessHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(BusinessHandler.class);
    static final String BLOB_PREFIX = "/_blob/activity-logs/";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Set<String> DEVICE_FIELDS = new HashSet<>(AppleBusinessApi.ORG_DEVICE_FIELDS);
    private static final Set<String> SERVER_FIELDS = new HashSet<>(AppleBusinessApi.MDM_SERVER_FIELDS);

    /** A JSON:API error answer, raised anywhere in handling. */
    static final class Refusal extends RuntimeException {
        final int status;
        final String code;
        final String detail;
        final String parameter;
        final Long retryAfter;
        /** Serials the error is about (written to {@code meta.serialNumbers}). */
        List<String> serials = List.of();

        Refusal(int status, String code, String detail, String parameter, Long retryAfter) {
            super(status + " " + code, null, false, false);
            this.status = status;
            this.code = code;
            this.detail = detail;
            this.parameter = parameter;
            this.retryAfter = retryAfter;
        }

        Refusal(int status, String code, String detail) {
            this(status, code, detail, null, null);
        }
    }

    private final SimOrganization org;
    private final Faults faults;
    private final Counters counters;

    BusinessHandler(SimOrganization org, Faults faults, Counters counters) {
        this.org = org;
        this.faults = faults;
        this.counters = counters;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        counters.increment(path);
        Instant arrived = org.now();
        String clientId = null;
        Response r;
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            org.tick();
            if (path.startsWith(BLOB_PREFIX)) {
                r = blob(path);
            } else if (path.equals(AppleBusinessApi.TOKEN_PATH) || path.equals(AppleBusinessApi.TOKEN_PATH_V2)) {
                r = faulted(path);
                if (r == null) {
                    r = token(exchange, method, body);
                }
            } else {
                r = faulted(path);
                if (r == null) {
                    SimOrganization.AccessToken t = authorize(exchange);
                    clientId = t.clientId();
                    long wait = org.admit(clientId, !"GET".equals(method));
                    if (wait > 0) {
                        throw new Refusal(429, "RATE_LIMIT_EXCEEDED", "The request rate limit has been reached.", null, wait);
                    }
                    r = route(exchange, method, path, body, t);
                }
            }
        } catch (Refusal e) {
            r = new Response(e.status, "application/json", error(e));
            if (e.retryAfter != null) {
                r.header("Retry-After", Long.toString(e.retryAfter));
            }
        } catch (RuntimeException e) {
            LOG.error("simulator failed on {} {}", method, path, e);
            r = new Response(500, "application/json", error(new Refusal(500, "INTERNAL_ERROR", "Internal error.")));
        }
        // logged before the answer leaves, so whoever reads the log after the answer sees this request
        org.log(new SimOrganization.LoggedRequest(arrived, method, path, r.status, clientId));
        if (r == DROPPED) {
            exchange.close();
            return;
        }
        send(exchange, r);
    }

    private Response faulted(String path) {
        FaultPlan fault = faults.take(path);
        if (fault == null) {
            return null;
        }
        switch (fault.action()) {
            case RESPOND -> {
                Response r = new Response(fault.status(), "application/json", fault.body().getBytes(StandardCharsets.UTF_8));
                if (fault.retryAfterSeconds() != null) {
                    r.header("Retry-After", Long.toString(fault.retryAfterSeconds()));
                }
                return r;
            }
            case DELAY -> {
                try {
                    Thread.sleep(fault.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
            case DROP_CONNECTION -> {
                return DROPPED;
            }
            default -> {
                return null;
            }
        }
    }

    /** Marker: close the connection without any answer (a dropped network). */
    private static final Response DROPPED = new Response(0, null, new byte[0]);

    private void send(HttpExchange exchange, Response r) throws IOException {
        r.header("Server", "Apple");
        r.header("X-Apple-Request-Uuid", UUID.randomUUID().toString());
        r.header("Date", HTTP_DATE.format(org.now()));
        r.send(exchange);
    }

    private static byte[] error(Refusal e) {
        ObjectNode root = Json.object();
        ObjectNode err = root.putArray("errors").addObject();
        err.put("id", UUID.randomUUID().toString());
        err.put("status", Integer.toString(e.status));
        err.put("code", e.code);
        err.put("title", titleFor(e.status));
        err.put("detail", e.detail);
        if (e.parameter != null) {
            err.putObject("source").put(e.parameter.startsWith("/") ? "pointer" : "parameter", e.parameter);
        }
        if (!e.serials.isEmpty()) {
            var list = err.putObject("meta").putArray("serialNumbers");
            e.serials.forEach(list::add);
        }
        return Json.bytes(root);
    }

    private static String titleFor(int status) {
        return switch (status) {
            case 400 -> "A parameter has an invalid value";
            case 401 -> "Authentication credentials are missing or invalid";
            case 403 -> "This request is forbidden for security reasons";
            case 404 -> "The specified resource does not exist";
            case 406 -> "The requested representation is not available";
            case 409 -> "The request conflicts with the current state";
            case 429 -> "The request rate limit has been reached";
            default -> "An unexpected error occurred";
        };
    }

    // ---------------------------------------------------------------- token endpoint

    private Response token(HttpExchange exchange, String method, byte[] body) {
        if (!"POST".equals(method)) {
            return oauthError(400, AppleBusinessApi.ERROR_INVALID_REQUEST, "POST required");
        }
        Map<String, String> p = ApiHandler.query(exchange.getRequestURI());
        if (body.length > 0) {
            ApiHandler.query(java.net.URI.create("x:/?" + new String(body, StandardCharsets.UTF_8).replace(' ', '+')
                    .replace("%20", "+"))).forEach(p::putIfAbsent);
        }
        if (!AppleBusinessApi.GRANT_TYPE.equals(p.get("grant_type"))) {
            return oauthError(400, AppleBusinessApi.ERROR_UNSUPPORTED_GRANT, "grant_type must be client_credentials");
        }
        if (!AppleBusinessApi.ASSERTION_TYPE.equals(p.get("client_assertion_type")) || p.get("client_assertion") == null) {
            return oauthError(400, AppleBusinessApi.ERROR_INVALID_REQUEST, "client_assertion_type and client_assertion required");
        }
        String clientId = p.get("client_id");
        SimOrganization.Account acc = clientId == null ? null : org.account(clientId);
        if (acc == null) {
            return invalidClient(AppleBusinessApi.HINT_UNKNOWN_CLIENT);
        }
        String scope = p.get("scope");
        if (scope == null || !scope.equals(acc.family.scope())) {
            return oauthError(400, AppleBusinessApi.ERROR_INVALID_SCOPE, "scope does not match the client");
        }
        String problem = verifyAssertion(p.get("client_assertion"), acc);
        if (problem != null) {
            return invalidClient(problem);
        }
        SimOrganization.AccessToken t = org.issueToken(acc);
        ObjectNode o = Json.object();
        o.put("access_token", t.value());
        o.put("token_type", "Bearer");
        o.put("expires_in", AppleBusinessApi.ACCESS_TOKEN_LIFETIME.toSeconds());
        o.put("scope", acc.family.scope());
        return new Response(200, "application/json", Json.bytes(o));
    }

    /** §10.3: null when the assertion is acceptable, else the hint for {@code error_description}. */
    private String verifyAssertion(String jwt, SimOrganization.Account acc) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            return "malformed assertion";
        }
        JsonNode header;
        JsonNode claims;
        byte[] signature;
        try {
            Base64.Decoder d = Base64.getUrlDecoder();
            header = Json.MAPPER.readTree(d.decode(parts[0]));
            claims = Json.MAPPER.readTree(d.decode(parts[1]));
            signature = d.decode(parts[2]);
        } catch (IOException | IllegalArgumentException e) {
            return "malformed assertion";
        }
        if (!AppleBusinessApi.ALGORITHM.equals(header.path("alg").asText())) {
            return "alg must be ES256";
        }
        String kid = header.path("kid").asText("");
        if (acc.keyId == null || !acc.keyId.equals(kid)) {
            return AppleBusinessApi.HINT_UNKNOWN_KEY;
        }
        if (signature.length != 64 || !verifies(acc, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), signature)) {
            return AppleBusinessApi.HINT_BAD_SIGNATURE;
        }
        if (!acc.clientId.equals(claims.path("sub").asText()) || !acc.clientId.equals(claims.path("iss").asText())) {
            return AppleBusinessApi.HINT_WRONG_ISSUER;
        }
        if (!AppleBusinessApi.AUDIENCE.equals(claims.path("aud").asText())) {
            return AppleBusinessApi.HINT_WRONG_AUDIENCE;
        }
        if (!claims.path("exp").canConvertToLong() || !claims.path("iat").canConvertToLong()) {
            return "iat and exp required";
        }
        long now = org.now().getEpochSecond();
        long iat = claims.path("iat").asLong();
        long exp = claims.path("exp").asLong();
        if (exp <= now) {
            return AppleBusinessApi.HINT_EXPIRED;
        }
        if (iat > now + AppleBusinessApi.ALLOWED_CLOCK_SKEW.toSeconds()) {
            return AppleBusinessApi.HINT_NOT_YET_VALID;
        }
        if (exp - iat > AppleBusinessApi.MAX_ASSERTION_LIFETIME.toSeconds()) {
            return AppleBusinessApi.HINT_LIFETIME;
        }
        return null;
    }

    private static boolean verifies(SimOrganization.Account acc, byte[] data, byte[] rs) {
        try {
            Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
            v.initVerify(acc.publicKey);
            v.update(data);
            return v.verify(rs);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Response invalidClient(String hint) {
        return oauthError(400, AppleBusinessApi.ERROR_INVALID_CLIENT, hint);
    }

    private static Response oauthError(int status, String error, String description) {
        ObjectNode o = Json.object();
        o.put("error", error);
        o.put("error_description", description);
        return new Response(status, "application/json", Json.bytes(o));
    }

    // ---------------------------------------------------------------- API requests

    private SimOrganization.AccessToken authorize(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept != null && !accept.contains("application/json") && !accept.contains("*/*")) {
            throw new Refusal(406, "NOT_ACCEPTABLE", "Only application/json is available.");
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            throw new Refusal(401, "NOT_AUTHORIZED", "Provide a bearer access token.");
        }
        SimOrganization.AccessToken t = org.token(auth.substring(7).strip());
        if (t == null || !org.now().isBefore(t.expiresAt())) {
            throw new Refusal(401, "NOT_AUTHORIZED", "The access token is unknown or has expired.");
        }
        ApiFamily host = org.settings().family();
        if (t.family() != host) {
            throw new Refusal(401, "NOT_AUTHORIZED", "The token's scope " + t.family().scope() + " is not valid on this host, which serves "
                    + host.scope() + ".");
        }
        return t;
    }

    private Response route(HttpExchange exchange, String method, String path, byte[] body, SimOrganization.AccessToken t) {
        String[] s = path.substring(1).split("/");
        if (s.length < 2 || !"v1".equals(s[0])) {
            throw new Refusal(404, "NOT_FOUND", "The path is not served.");
        }
        Map<String, String> q = ApiHandler.query(exchange.getRequestURI());
        String base = "http://" + host(exchange);
        switch (s[1]) {
            case "orgDevices" -> {
                requireGet(method, "GET_COLLECTION, GET_INSTANCE");
                if (s.length == 2) {
                    return orgDevices(q, base);
                }
                SimOrganization.View e = org.device(s[2]);
                if (e == null) {
                    throw new Refusal(404, "NOT_FOUND", "There is no resource of type 'orgDevices' with id '" + s[2] + "'", "id", null);
                }
                if (s.length == 3) {
                    return Response.json(Json.stream(2048, g -> {
                        g.writeStartObject();
                        g.writeFieldName("data");
                        device(g, e, fields(q, "orgDevices", DEVICE_FIELDS), base, true);
                        g.writeObjectFieldStart("links");
                        g.writeStringField("self", base + path);
                        g.writeEndObject();
                        g.writeEndObject();
                    }));
                }
                if (s.length == 5 && "relationships".equals(s[3]) && "assignedServer".equals(s[4])) {
                    ObjectNode root = Json.object();
                    String server = e.server() == null ? null : e.server().serverUuid;
                    if (server == null) {
                        root.putNull("data");
                    } else {
                        root.putObject("data").put("type", AppleBusinessApi.TYPE_MDM_SERVERS).put("id", server);
                    }
                    root.putObject("links").put("self", base + path).put("related", base + "/v1/orgDevices/" + e.serial() + "/assignedServer");
                    return Response.json(root);
                }
                if (s.length == 4 && "assignedServer".equals(s[3])) {
                    if (e.server() == null) {
                        throw new Refusal(404, "NOT_FOUND", "The device is not assigned to a device management service.");
                    }
                    ObjectNode root = Json.object();
                    root.set("data", server(e.server(), fields(q, "mdmServers", SERVER_FIELDS), base));
                    root.putObject("links").put("self", base + path);
                    return Response.json(root);
                }
                if (s.length == 4 && "appleCareCoverage".equals(s[3])) {
                    return coverage(e, base + path);
                }
                throw new Refusal(404, "NOT_FOUND", "The path is not served.");
            }
            case "mdmServers" -> {
                requireGet(method, "GET_COLLECTION, GET_INSTANCE, GET_RELATIONSHIP");
                if (s.length == 2) {
                    return servers(q, base);
                }
                SimulatorState server = org.server(s[2]);
                if (server == null) {
                    throw new Refusal(404, "NOT_FOUND", "There is no resource of type 'mdmServers' with id '" + s[2] + "'", "id", null);
                }
                if (s.length == 3) {
                    ObjectNode root = Json.object();
                    root.set("data", server(server, fields(q, "mdmServers", SERVER_FIELDS), base));
                    root.putObject("links").put("self", base + path);
                    return Response.json(root);
                }
                if (s.length == 5 && "relationships".equals(s[3]) && "devices".equals(s[4])) {
                    return serverDevices(server, q, base + path);
                }
                if (s.length == 4 && "devices".equals(s[3])) {
                    throw new Refusal(403, "FORBIDDEN_ERROR", "The resource 'mdmServers' does not allow 'GET_RELATED'. Allowed operations are: "
                            + "GET_RELATIONSHIP");
                }
                throw new Refusal(404, "NOT_FOUND", "The path is not served.");
            }
            case "orgDeviceActivities" -> {
                if (s.length == 2 && "POST".equals(method)) {
                    return createActivity(body, t, base);
                }
                if (s.length == 3 && "GET".equals(method)) {
                    SimOrganization.Activity a = org.activity(s[2]);
                    if (a == null) {
                        throw new Refusal(404, "NOT_FOUND", "There is no resource of type 'orgDeviceActivities' with id '" + s[2] + "'",
                                "id", null);
                    }
                    return activity(a, base, fields(q, "orgDeviceActivities",
                            Set.of("status", "subStatus", "createdDateTime", "completedDateTime", "downloadUrl")));
                }
                throw new Refusal(403, "FORBIDDEN_ERROR", "Allowed operations are: CREATE, GET_INSTANCE");
            }
            default -> throw new Refusal(404, "NOT_FOUND", "The path is not served.");
        }
    }

    private static String host(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host == null || host.isBlank() ? "127.0.0.1:" + exchange.getLocalAddress().getPort() : host;
    }

    private static void requireGet(String method, String allowed) {
        if (!"GET".equals(method)) {
            throw new Refusal(403, "FORBIDDEN_ERROR", "Allowed operations are: " + allowed);
        }
    }

    /** {@code fields[type]}: null = everything; unknown names → 400. */
    private static Set<String> fields(Map<String, String> q, String type, Set<String> known) {
        String raw = q.get("fields[" + type + "]");
        if (raw == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String f : raw.split(",")) {
            String name = f.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!known.contains(name)) {
                throw new Refusal(400, "PARAMETER_ERROR.INVALID", "'" + name + "' is not a valid field name", "fields[" + type + "]", null);
            }
            out.add(name);
        }
        return out;
    }

    private static int limit(Map<String, String> q) {
        String raw = q.get("limit");
        if (raw == null) {
            return AppleBusinessApi.DEFAULT_PAGE_LIMIT;
        }
        try {
            int l = Integer.parseInt(raw.strip());
            if (l >= 1 && l <= AppleBusinessApi.MAX_PAGE_LIMIT) {
                return l;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new Refusal(400, "PARAMETER_ERROR.INVALID", "limit must be between 1 and " + AppleBusinessApi.MAX_PAGE_LIMIT, "limit", null);
    }

    /** Cursor = base64url("k:" + last serial of the previous page); anything else → 400 on {@code cursor}. */
    private static String after(Map<String, String> q) {
        String raw = q.get("cursor");
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
            if (decoded.startsWith("k:") && decoded.length() > 2) {
                return decoded.substring(2);
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw new Refusal(400, "PARAMETER_ERROR.INVALID", "The cursor is not valid.", "cursor", null);
    }

    private static String cursor(String lastSerial) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("k:" + lastSerial).getBytes(StandardCharsets.UTF_8));
    }

    private Response orgDevices(Map<String, String> q, String base) {
        int limit = limit(q);
        String after = after(q);
        Set<String> fields = fields(q, "orgDevices", DEVICE_FIELDS);
        List<SimOrganization.View> page = org.page(after, limit);
        String next = page.size() == limit && org.hasAfter(page.get(page.size() - 1).serial()) ? cursor(page.get(page.size() - 1).serial()) : null;
        String self = base + "/v1/orgDevices";
        return Response.json(Json.stream(512 + page.size() * 900, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            for (SimOrganization.View e : page) {
                device(g, e, fields, base, false);
            }
            g.writeEndArray();
            links(g, self, next);
            paging(g, limit, next);
            g.writeEndObject();
        }));
    }

    private static void links(JsonGenerator g, String self, String next) throws IOException {
        g.writeObjectFieldStart("links");
        g.writeStringField("self", self);
        if (next != null) {
            g.writeStringField("next", self + "?cursor=" + next);
        }
        g.writeEndObject();
    }

    private static void paging(JsonGenerator g, int limit, String next) throws IOException {
        g.writeObjectFieldStart("meta");
        g.writeObjectFieldStart("paging");
        g.writeNumberField("limit", limit);
        if (next != null) {
            g.writeStringField("nextCursor", next);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private void device(JsonGenerator g, SimOrganization.View e, Set<String> fields, String base, boolean single) throws IOException {
        SimOrganization.OrgFacts f = e.facts();
        SimDevice d = f.device();
        g.writeStartObject();
        g.writeStringField("type", AppleBusinessApi.TYPE_ORG_DEVICES);
        g.writeStringField("id", e.serial());
        g.writeObjectFieldStart("attributes");
        if (want(fields, "serialNumber")) {
            g.writeStringField("serialNumber", e.serial());
        }
        time(g, fields, "addedToOrgDateTime", f.addedToOrg());
        if (want(fields, "releasedFromOrgDateTime")) {
            // Apple: only the single-device call reports it
            if (single && e.released() != null) {
                g.writeStringField("releasedFromOrgDateTime", millis(e.released()));
            } else {
                g.writeNullField("releasedFromOrgDateTime");
            }
        }
        time(g, fields, "updatedDateTime", e.updated());
        text(g, fields, "deviceModel", d.model());
        text(g, fields, "productFamily", family(d.family()));
        text(g, fields, "productType", productType(d));
        text(g, fields, "deviceCapacity", f.capacity());
        text(g, fields, "partNumber", f.partNumber());
        text(g, fields, "orderNumber", f.orderNumber());
        time(g, fields, "orderDateTime", f.orderDate());
        text(g, fields, "color", d.color() == null ? "" : d.color());
        text(g, fields, "status", e.server() == null ? "UNASSIGNED" : "ASSIGNED");
        array(g, fields, "imei", d.imei());
        array(g, fields, "meid", List.of());
        if (want(fields, "eid")) {
            if (d.eid() == null) {
                g.writeNullField("eid");
            } else {
                g.writeStringField("eid", d.eid());
            }
        }
        text(g, fields, "purchaseSourceId", f.purchaseSourceId());
        text(g, fields, "purchaseSourceType", f.purchaseSourceType());
        text(g, fields, "wifiMacAddress", d.wifiMac());
        text(g, fields, "bluetoothMacAddress", d.bluetoothMac());
        array(g, fields, "ethernetMacAddress", d.ethernetMac() == null ? List.of() : List.of(d.ethernetMac()));
        if (fields == null) {
            // Apple adds attributes without a version bump (§1); these two were listed in 2.0 and dropped later
            g.writeNullField("releaserId");
            g.writeNullField("releaserEntityType");
        }
        if (want(fields, "isMdmMigrationCapable")) {
            g.writeBooleanField("isMdmMigrationCapable", "Mac".equals(d.family()) || "iPhone".equals(d.family()) || "iPad".equals(d.family()));
        }
        g.writeEndObject();
        boolean server = want(fields, "assignedServer");
        boolean care = want(fields, "appleCareCoverage");
        if (server || care) {
            String self = base + "/v1/orgDevices/" + e.serial();
            g.writeObjectFieldStart("relationships");
            if (server) {
                g.writeObjectFieldStart("assignedServer");
                g.writeObjectFieldStart("links");
                g.writeStringField("self", self + "/relationships/assignedServer");
                g.writeStringField("related", self + "/assignedServer");
                g.writeEndObject();
                g.writeEndObject();
            }
            if (care) {
                g.writeObjectFieldStart("appleCareCoverage");
                g.writeObjectFieldStart("links");
                g.writeStringField("related", self + "/appleCareCoverage");
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeObjectFieldStart("links");
        g.writeStringField("self", base + "/v1/orgDevices/" + e.serial());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static String family(String depFamily) {
        return depFamily == null ? null : depFamily;
    }

    private static String productType(SimDevice d) {
        int h = Math.floorMod(d.serial().hashCode(), 9);
        return switch (d.family() == null ? "" : d.family()) {
            case "iPhone" -> "iPhone1" + (5 + h % 3) + "," + (1 + h % 4);
            case "iPad" -> "iPad1" + (3 + h % 4) + "," + (1 + h % 8);
            case "Mac" -> "Mac1" + (4 + h % 3) + "," + (2 + h % 12);
            case "AppleTV" -> "AppleTV14,1";
            case "Vision" -> "RealityDevice14,1";
            default -> d.family() + "1,1";
        };
    }

    private static boolean want(Set<String> fields, String name) {
        return fields == null || fields.contains(name);
    }

    private static void text(JsonGenerator g, Set<String> fields, String name, String value) throws IOException {
        if (want(fields, name)) {
            if (value == null) {
                g.writeNullField(name);
            } else {
                g.writeStringField(name, value);
            }
        }
    }

    private static void time(JsonGenerator g, Set<String> fields, String name, Instant value) throws IOException {
        text(g, fields, name, value == null ? null : millis(value));
    }

    private static void array(JsonGenerator g, Set<String> fields, String name, List<String> values) throws IOException {
        if (want(fields, name)) {
            g.writeArrayFieldStart(name);
            if (values != null) {
                for (String v : values) {
                    g.writeString(v);
                }
            }
            g.writeEndArray();
        }
    }

    /** Apple's timestamps carry milliseconds (§10.12). */
    static String millis(Instant t) {
        return MILLIS.format(t);
    }

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Response coverage(SimOrganization.View e, String self) {
        ObjectNode root = Json.object();
        var data = root.putArray("data");
        Instant start = e.facts().addedToOrg().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        Instant end = start.atZone(ZoneOffset.UTC).plusYears(1).toInstant();
        ObjectNode lw = data.addObject();
        lw.put("type", AppleBusinessApi.TYPE_APPLE_CARE).put("id", e.serial());
        lw.putObject("attributes").put("status", org.now().isBefore(end) ? "ACTIVE" : "INACTIVE").put("paymentType", "NONE")
                .put("description", "Limited Warranty").put("startDateTime", Json.time(start)).put("endDateTime", Json.time(end))
                .put("isRenewable", false).put("isCanceled", false).putNull("contractCancelDateTime").putNull("agreementNumber");
        if (Math.floorMod(e.serial().hashCode(), 10) < 3) {
            ObjectNode abe = data.addObject();
            abe.put("type", AppleBusinessApi.TYPE_APPLE_CARE).put("id", "abe-" + e.serial());
            abe.putObject("attributes").put("status", "ACTIVE").put("paymentType", "ABE_SUBSCRIPTION")
                    .put("description", "AppleCare+ for Business").put("startDateTime", Json.time(start.plus(Duration.ofDays(14))))
                    .putNull("endDateTime").put("isRenewable", true).put("isCanceled", false).putNull("contractCancelDateTime")
                    .putNull("agreementNumber");
        }
        root.putObject("links").put("self", self);
        root.putObject("meta").putObject("paging").put("limit", AppleBusinessApi.DEFAULT_PAGE_LIMIT);
        return Response.json(root);
    }

    private Response servers(Map<String, String> q, String base) {
        int limit = limit(q);
        String after = after(q);
        Set<String> fields = fields(q, "mdmServers", SERVER_FIELDS);
        List<SimulatorState> all = new ArrayList<>(org.servers());
        all.sort((a, b) -> a.serverUuid.compareTo(b.serverUuid));
        List<SimulatorState> page = new ArrayList<>();
        boolean more = false;
        for (SimulatorState s : all) {
            if (after != null && s.serverUuid.compareTo(after) <= 0) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(s);
        }
        String next = more ? cursor(page.get(page.size() - 1).serverUuid) : null;
        ObjectNode root = Json.object();
        var data = root.putArray("data");
        for (SimulatorState s : page) {
            data.add(server(s, fields, base));
        }
        ObjectNode links = root.putObject("links").put("self", base + "/v1/mdmServers");
        ObjectNode paging = root.putObject("meta").putObject("paging").put("limit", limit);
        if (next != null) {
            links.put("next", base + "/v1/mdmServers?cursor=" + next);
            paging.put("nextCursor", next);
        }
        return Response.json(root);
    }

    private ObjectNode server(SimulatorState s, Set<String> fields, String base) {
        ObjectNode o = Json.object();
        o.put("type", AppleBusinessApi.TYPE_MDM_SERVERS);
        o.put("id", s.serverUuid);
        // Apple's default subset without fields[]: the first four attributes (§6.7)
        Set<String> f = fields != null ? fields : Set.of("serverName", "serverType", "createdDateTime", "updatedDateTime", "devices");
        ObjectNode a = o.putObject("attributes");
        Instant created = org.serverCreated(s);
        if (f.contains("serverName")) {
            a.put("serverName", s.config().serverName());
        }
        if (f.contains("serverType")) {
            a.put("serverType", "MDM");
        }
        if (f.contains("status")) {
            a.put("status", "ACTIVE");
        }
        if (f.contains("deviceCount")) {
            a.put("deviceCount", org.deviceCount(s));
        }
        if (f.contains("enableMdmDisownFlag")) {
            a.put("enableMdmDisownFlag", false);
        }
        if (f.contains("defaultProductFamilies")) {
            a.putArray("defaultProductFamilies");
        }
        Instant contact = s.lastContact();
        if (f.contains("lastConnectedDateTime")) {
            if (contact == null) {
                a.putNull("lastConnectedDateTime");
            } else {
                a.put("lastConnectedDateTime", millis(contact));
            }
        }
        if (f.contains("lastConnectedIp")) {
            if (contact == null) {
                a.putNull("lastConnectedIp");
            } else {
                a.put("lastConnectedIp", "127.0.0.1");
            }
        }
        if (f.contains("createdDateTime")) {
            a.put("createdDateTime", millis(created));
        }
        if (f.contains("updatedDateTime")) {
            a.put("updatedDateTime", millis(created.plus(Duration.ofSeconds(2))));
        }
        if (f.contains("devices")) {
            o.putObject("relationships").putObject("devices").putObject("links")
                    .put("self", base + "/v1/mdmServers/" + s.serverUuid + "/relationships/devices");
        }
        return o;
    }

    private Response serverDevices(SimulatorState s, Map<String, String> q, String self) {
        int limit = limit(q);
        String after = after(q);
        boolean[] more = new boolean[1];
        List<String> serials = org.serverSerials(s, after, limit, more);
        String next = more[0] && !serials.isEmpty() ? cursor(serials.get(serials.size() - 1)) : null;
        return Response.json(Json.stream(256 + serials.size() * 50, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            for (String serial : serials) {
                g.writeStartObject();
                g.writeStringField("type", AppleBusinessApi.TYPE_ORG_DEVICES);
                g.writeStringField("id", serial);
                g.writeEndObject();
            }
            g.writeEndArray();
            links(g, self, next);
            paging(g, limit, next);
            g.writeEndObject();
        }));
    }

    // ---------------------------------------------------------------- activities

    private Response createActivity(byte[] body, SimOrganization.AccessToken t, String base) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new Refusal(400, "PARAMETER_ERROR.INVALID", "The request body is not JSON.", "/data", null);
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !AppleBusinessApi.TYPE_ACTIVITIES.equals(data.path("type").asText())) {
            throw new Refusal(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "data.type must be orgDeviceActivities", "/data/type", null);
        }
        String typeName = data.path("attributes").path("activityType").asText("");
        ActivityType type;
        if (typeName.isEmpty()) {
            throw new Refusal(400, "PARAMETER_ERROR.REQUIRED", "activityType is required", "/data/attributes/activityType", null);
        }
        try {
            type = ActivityType.valueOf(typeName);
        } catch (IllegalArgumentException e) {
            throw new Refusal(409, "ENTITY_ERROR.ATTRIBUTE.INVALID", "activityType '" + typeName + "' is not supported by the simulator",
                    "/data/attributes/activityType", null);
        }
        JsonNode rel = data.path("relationships");
        String serverId = rel.path("mdmServer").path("data").path("id").asText(null);
        if (type == ActivityType.ASSIGN_DEVICES && serverId == null) {
            throw new Refusal(400, "PARAMETER_ERROR.REQUIRED", "mdmServer is required for ASSIGN_DEVICES", "/data/relationships/mdmServer",
                    null);
        }
        if (serverId != null && org.server(serverId) == null) {
            throw new Refusal(409, "ENTITY_ERROR.RELATIONSHIP.INVALID", "The device management service '" + serverId + "' was not found",
                    "/data/relationships/mdmServer", null);
        }
        List<String> serials = new ArrayList<>();
        for (JsonNode d : rel.path("devices").path("data")) {
            String id = d.path("id").asText("");
            if (!id.isEmpty()) {
                serials.add(id);
            }
        }
        if (serials.isEmpty()) {
            throw new Refusal(400, "PARAMETER_ERROR.REQUIRED", "devices are required", "/data/relationships/devices", null);
        }
        if (serials.size() > AppleBusinessApi.MAX_ACTIVITY_DEVICES) {
            throw new Refusal(400, "PARAMETER_ERROR.INVALID", "at most " + AppleBusinessApi.MAX_ACTIVITY_DEVICES + " devices",
                    "/data/relationships/devices", null);
        }
        List<String> unknown = serials.stream().filter(x -> org.device(x) == null).toList();
        if (!unknown.isEmpty()) {
            Refusal r = new Refusal(409, "ENTITY_ERROR.RELATIONSHIP.INVALID", "The following serial numbers were not found: "
                    + String.join(", ", unknown), "/data/relationships/devices", null);
            r.serials = unknown;
            throw r;
        }
        SimOrganization.Activity a = org.createActivity(t.clientId(), type, serverId, serials);
        Response r = activity(a, base, null);
        return new Response(201, "application/json", r.body);
    }

    private Response activity(SimOrganization.Activity a, String base, Set<String> fields) {
        Instant now = org.now();
        Duration total = Duration.between(a.created, a.completes);
        Duration elapsed = Duration.between(a.created, now);
        String status;
        String sub;
        if (a.applied || !now.isBefore(a.completes)) {
            status = "COMPLETED";
            sub = a.failures.isEmpty() ? "COMPLETED_WITH_SUCCESS" : "COMPLETED_WITH_ERROR";
        } else if (elapsed.compareTo(total.dividedBy(4)) < 0) {
            status = "IN_PROGRESS";
            sub = "SUBMITTED";
        } else if (elapsed.compareTo(total.dividedBy(4).multipliedBy(3)) < 0) {
            status = "IN_PROGRESS";
            sub = "PROCESSING";
        } else {
            status = "IN_PROGRESS";
            sub = "POST_PROCESSING";
        }
        ObjectNode root = Json.object();
        ObjectNode data = root.putObject("data");
        data.put("type", AppleBusinessApi.TYPE_ACTIVITIES);
        data.put("id", a.id);
        ObjectNode attrs = data.putObject("attributes");
        if (want(fields, "status")) {
            attrs.put("status", status);
        }
        if (want(fields, "subStatus")) {
            attrs.put("subStatus", sub);
        }
        if (want(fields, "createdDateTime")) {
            attrs.put("createdDateTime", millis(a.created));
        }
        if ("COMPLETED".equals(status)) {
            if (want(fields, "completedDateTime")) {
                attrs.put("completedDateTime", millis(a.completes));
            }
            if (want(fields, "downloadUrl") && a.csv != null) {
                String token = org.downloadToken(a);
                long expires = org.now().plus(SimOrganization.DOWNLOAD_LIFETIME).getEpochSecond();
                attrs.put("downloadUrl", base + BLOB_PREFIX + token + "?response-content-disposition="
                        + java.net.URLEncoder.encode("attachment;filename=\"" + SimOrganization.logFileName(a.completes) + "\"",
                                StandardCharsets.UTF_8) + "&Expires=" + expires);
            }
        }
        data.putObject("links").put("self", base + "/v1/orgDeviceActivities/" + a.id);
        root.putObject("links").put("self", base + "/v1/orgDeviceActivities/" + a.id);
        return Response.json(root);
    }

    private Response blob(String path) {
        String token = path.substring(BLOB_PREFIX.length());
        String csv = org.download(token);
        if (csv == null) {
            return new Response(403, "application/xml", "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
                    .getBytes(StandardCharsets.UTF_8));
        }
        return new Response(200, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }
}
