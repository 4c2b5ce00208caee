package org.depconsole.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.depconsole.domain.oauth.OAuth1Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apple's Device Assignment endpoints (dep-api.md §3.15). Order of checks for every request:
 * count it, route (404/405), planned fault, {@code User-Agent}, terms, session, then the endpoint.
 */
final class ApiHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    static final String SESSION_HEADER = "X-ADM-Auth-Session";

    private interface Endpoint {
        Response handle(SimulatorState state, HttpExchange exchange, byte[] body, boolean echoCursor);
    }

    private final SimOrganization org;
    private final Faults faults;
    private final Counters counters;
    private final Map<String, Map<String, Endpoint>> routes = new LinkedHashMap<>();

    ApiHandler(SimOrganization org, Faults faults, Counters counters) {
        this.org = org;
        this.faults = faults;
        this.counters = counters;
        route("/session", "GET", (st, ex, body, echo) -> session(st, ex));
        route("/account", "GET", (st, ex, body, echo) -> Response.json(st.accountJson()));
        route("/server/devices", "POST", (st, ex, body, echo) -> fetch(st, body));
        route("/devices/sync", "POST", (st, ex, body, echo) -> sync(st, body, echo));
        route("/devices", "POST", (st, ex, body, echo) -> details(st, body));
        route("/profile", "POST", (st, ex, body, echo) -> Response.json(st.defineProfile(Json.requestObject(body))));
        route("/profile", "GET", (st, ex, body, echo) -> getProfile(st, ex));
        Endpoint assign = (st, ex, body, echo) -> Response.json(st.assignProfile(Json.requestObject(body)));
        route("/profile/devices", "POST", assign);
        route("/profile/devices", "PUT", assign);
        route("/profile/devices", "DELETE", (st, ex, body, echo) -> Response.json(st.removeProfile(Json.requestObject(body))));
        route("/devices/disown", "POST", (st, ex, body, echo) -> Response.json(st.disown(Json.requestObject(body))));
        route("/device/activationlock", "POST", (st, ex, body, echo) -> Response.json(st.activationLock(Json.requestObject(body))));
        route("/device/replacementDetails", "GET",
                (st, ex, body, echo) -> Response.json(st.replacementDetails(query(ex.getRequestURI()).get("device"))));
    }

    private void route(String path, String method, Endpoint endpoint) {
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, endpoint);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        counters.increment(path);
        try {
            byte[] body = readBody(exchange);
            Map<String, Endpoint> methods = routes.get(path);
            if (methods == null) {
                Response.text(404, "NOT_FOUND").send(exchange);
                return;
            }
            Endpoint endpoint = methods.get(exchange.getRequestMethod());
            if (endpoint == null) {
                new Response(405, null, new byte[0]).header("Allow", String.join(", ", methods.keySet())).send(exchange);
                return;
            }
            boolean echo = false;
            FaultPlan fault = faults.take(path);
            if (fault != null) {
                LOG.debug("fault {} on {} {}", fault.action(), exchange.getRequestMethod(), path);
                switch (fault.action()) {
                    case RESPOND -> {
                        Response r = Response.text(fault.status(), fault.body());
                        if (fault.retryAfterSeconds() != null) {
                            r.header("Retry-After", Long.toString(fault.retryAfterSeconds()));
                        }
                        r.send(exchange);
                        return;
                    }
                    case DROP_CONNECTION -> {
                        // closing before any header was sent makes the server close the socket: the client sees an I/O error
                        exchange.close();
                        return;
                    }
                    case DELAY -> Thread.sleep(fault.delay().toMillis());
                    case ECHO_CURSOR -> echo = true;
                    default -> throw new IllegalStateException(fault.action().name());
                }
            }
            org.tick();
            SimulatorState state = path.equals("/session") ? org.serverForConsumerKey(consumerKey(exchange))
                    : org.serverForSession(exchange.getRequestHeaders().getFirst(SESSION_HEADER));
            String ua = exchange.getRequestHeaders().getFirst("User-Agent");
            if (ua == null || ua.isBlank()) {
                throw new ApiError(400, "USER_AGENT_MISSING");
            }
            if (!state.termsAccepted()) {
                throw new ApiError(403, "T_C_NOT_SIGNED");
            }
            String rotated = null;
            if (!path.equals("/session")) {
                rotated = state.checkSession(exchange.getRequestHeaders().getFirst(SESSION_HEADER));
            }
            Response response = endpoint.handle(state, exchange, body, echo);
            if (rotated != null) {
                response.header(SESSION_HEADER, rotated);
            }
            response.send(exchange);
        } catch (ApiError e) {
            Response.text(e.status(), e.body()).send(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (RuntimeException e) {
            LOG.error("simulator failed on {} {}", exchange.getRequestMethod(), path, e);
            Response.text(500, "INTERNAL_SERVER_ERROR").send(exchange);
        }
    }

    /** The consumer key a {@code /session} request signs with, or null when the header cannot be read. */
    private static String consumerKey(HttpExchange exchange) {
        try {
            return OAuth1Signature.parseHeader(exchange.getRequestHeaders().getFirst("Authorization"))
                    .get("oauth_consumer_key");
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private Response session(SimulatorState state, HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            host = "127.0.0.1:" + exchange.getLocalAddress().getPort();
        }
        URI requestUri;
        try {
            URI raw = exchange.getRequestURI();
            requestUri = URI.create("http://" + host + raw.getRawPath() + (raw.getRawQuery() == null ? "" : "?" + raw.getRawQuery()));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "parameter_rejected");
        }
        SimulatorState.Session s = state.openSession(exchange.getRequestHeaders().getFirst("Authorization"), requestUri);
        ObjectNode o = Json.object();
        o.put("auth_session_token", s.value());
        return Response.json(o);
    }

    private Response fetch(SimulatorState state, byte[] body) {
        ObjectNode request = body.length == 0 ? Json.object() : Json.requestObject(body);
        return page(state.fetch(request));
    }

    private Response sync(SimulatorState state, byte[] body, boolean echo) {
        ObjectNode request = body.length == 0 ? Json.object() : Json.requestObject(body);
        return page(state.sync(request, echo));
    }

    private static Response page(SimulatorState.Page page) {
        int n = page.devices() != null ? page.devices().size() : page.events().size();
        return Response.json(Json.stream(256 + n * 700, g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("devices");
            if (page.devices() != null) {
                for (SimDevice d : page.devices()) {
                    Json.device(g, d, null, null, null);
                }
            } else {
                for (SimulatorState.Event e : page.events()) {
                    if (e.device() == null) {
                        Json.deleted(g, e.serial(), e.opDate(), e.releasedByReplacement());
                    } else {
                        Json.device(g, e.device(), e.opType(), e.opDate(), null);
                    }
                }
            }
            g.writeEndArray();
            g.writeStringField("cursor", page.cursor());
            g.writeStringField("fetched_until", Json.time(page.fetchedUntil()));
            g.writeBooleanField("more_to_follow", page.moreToFollow());
            g.writeEndObject();
        }));
    }

    private Response details(SimulatorState state, byte[] body) {
        var serials = Json.stringArray(Json.requestObject(body), "devices");
        if (serials == null || serials.isEmpty()) {
            throw new ApiError(400, "DEVICE_ID_REQUIRED");
        }
        Map<String, SimDevice> found = state.lookUpDevices(serials);
        return Response.json(Json.stream(64 + found.size() * 700, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("devices");
            for (Map.Entry<String, SimDevice> e : found.entrySet()) {
                g.writeFieldName(e.getKey());
                if (e.getValue() == null) {
                    g.writeStartObject();
                    g.writeStringField("response_status", "NOT_ACCESSIBLE");
                    g.writeEndObject();
                } else {
                    Json.device(g, e.getValue(), null, null, "SUCCESS");
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        }));
    }

    private Response getProfile(SimulatorState state, HttpExchange exchange) {
        String uuid = query(exchange.getRequestURI()).get("profile_uuid");
        if (uuid == null || uuid.isBlank()) {
            throw new ApiError(400, "PROFILE_UUID_REQUIRED");
        }
        ObjectNode p = state.profile(uuid.trim());
        if (p == null) {
            throw new ApiError(404, "NOT_FOUND");
        }
        return Response.json(p);
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = uri.getRawQuery();
        if (q == null || q.isEmpty()) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** The paths this handler serves, for the control page. */
    Set<String> paths() {
        return routes.keySet();
    }
}
