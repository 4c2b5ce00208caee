package org.depconsole.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.depconsole.domain.business.ApiFamily;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /_sim/org/…}: the organization's control API over HTTP (JSON in, JSON out), for {@code depconsole simulator}
 * users and scripts. Like the rest of {@code /_sim/}: loopback only, no authentication, never rate limited.
 *
 * <pre>
 * GET  /_sim/org/state                      servers (id, name, devices), device counts, accounts, settings
 * POST /_sim/org/api-accounts               {"name":"…","family":"BUSINESS"|"SCHOOL"} → clientId, keyId, privateKeyPem, fileName
 * POST /_sim/org/api-accounts/revoke        {"clientId":"…"}
 * POST /_sim/org/rate-limits                {"enabled":true|false, "getsPerMinute":20, "postsPerHour":10}
 * POST /_sim/org/timing                     {"activitySeconds":8, "depDelaySeconds":120}
 * POST /_sim/org/activities/fail            {"serials":["…"]}
 * GET  /_sim/org/requests                   the API request log (simulator clock)
 * </pre>
 */
final class OrgControlHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OrgControlHandler.class);
    static final String PREFIX = ControlHandler.PREFIX + "/org";

    private final OrganizationControl control;

    OrgControlHandler(OrganizationControl control) {
        this.control = control;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        String method = exchange.getRequestMethod();
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            route(method + " " + path, body).send(exchange);
        } catch (ApiError e) {
            Response.text(e.status(), e.body()).send(exchange);
        } catch (IllegalArgumentException | IllegalStateException e) {
            Response.text(400, e.getMessage()).send(exchange);
        } catch (RuntimeException e) {
            LOG.error("control request {} {} failed", method, path, e);
            Response.text(500, "INTERNAL_SERVER_ERROR").send(exchange);
        }
    }

    private Response route(String key, byte[] body) {
        return switch (key) {
            case "GET /state" -> Response.json(state());
            case "POST /api-accounts" -> {
                ObjectNode in = body.length == 0 ? Json.object() : Json.requestObject(body);
                ApiFamily family = ApiFamily.valueOf(in.path("family").asText("BUSINESS"));
                ApiAccountFile f = control.createApiAccount(in.path("name").asText("API account"), family);
                ObjectNode o = Json.object();
                o.put("name", f.name());
                o.put("clientId", f.clientId());
                o.put("keyId", f.keyId());
                o.put("privateKeyPem", f.privateKeyPem());
                o.put("fileName", f.fileName());
                yield Response.json(o);
            }
            case "POST /api-accounts/revoke" -> {
                control.revokeKey(Json.requestObject(body).path("clientId").asText());
                yield Response.json(Json.object());
            }
            case "POST /rate-limits" -> {
                ObjectNode in = Json.requestObject(body);
                if (in.has("getsPerMinute") || in.has("postsPerHour")) {
                    control.rates(in.path("getsPerMinute").asInt(control.settings().getsPerMinute()),
                            in.path("postsPerHour").asInt(control.settings().postsPerHour()));
                }
                if (in.has("enabled")) {
                    control.rateLimited(in.get("enabled").asBoolean());
                }
                yield Response.json(state());
            }
            case "POST /timing" -> {
                ObjectNode in = Json.requestObject(body);
                BusinessApiSettings s = control.settings();
                control.timing(Duration.ofSeconds(in.path("activitySeconds").asLong(s.activityDuration().toSeconds())),
                        Duration.ofSeconds(in.path("depDelaySeconds").asLong(s.depDelay().toSeconds())));
                yield Response.json(state());
            }
            case "POST /activities/fail" -> {
                List<String> serials = new ArrayList<>();
                for (JsonNode n : Json.requestObject(body).path("serials")) {
                    serials.add(n.asText());
                }
                control.failInNextActivity(serials);
                yield Response.json(Json.object());
            }
            case "GET /requests" -> {
                ArrayNode a = Json.MAPPER.createArrayNode();
                for (OrganizationControl.ApiRequest r : control.apiRequests()) {
                    a.addObject().put("at", Json.time(r.at())).put("method", r.method()).put("path", r.path()).put("status", r.status())
                            .put("clientId", r.clientId());
                }
                yield Response.json(a);
            }
            default -> throw new ApiError(404, "NOT_FOUND");
        };
    }

    private ObjectNode state() {
        ObjectNode o = Json.object();
        ArrayNode servers = o.putArray("servers");
        for (String name : control.serverNames()) {
            SimulatorControl c = control.server(name);
            servers.addObject().put("id", c.serverUuid()).put("name", name).put("depDevices", c.deviceCount());
        }
        o.put("orgDevices", control.deviceCount());
        o.put("unassigned", control.unassignedSerials().size());
        ArrayNode accounts = o.putArray("apiAccounts");
        control.apiAccountIds().forEach(accounts::add);
        BusinessApiSettings s = control.settings();
        o.put("family", s.family().name());
        o.put("rateLimited", s.rateLimited());
        o.put("getsPerMinute", s.getsPerMinute());
        o.put("postsPerHour", s.postsPerHour());
        o.put("activitySeconds", s.activityDuration().toSeconds());
        o.put("depDelaySeconds", s.depDelay().toSeconds());
        return o;
    }
}
