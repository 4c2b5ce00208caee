package org.depconsole.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /_sim/…}: the control API over HTTP (JSON in, JSON out) for a demo UI and the benchmark,
 * plus a tiny portal page. Not part of Apple's service: no session, no User-Agent needed, never
 * counted, never faulted.
 */
final class ControlHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ControlHandler.class);
    static final String PREFIX = "/_sim";

    private final SimulatorControl control;
    private final SimulatorState state;

    ControlHandler(SimulatorControl control, SimulatorState state) {
        this.control = control;
        this.state = state;
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
            route(exchange, method, path, body).send(exchange);
        } catch (ApiError e) {
            Response.text(e.status(), e.body()).send(exchange);
        } catch (ConsoleException | IllegalArgumentException | IllegalStateException e) {
            Response.text(400, e.getMessage()).send(exchange);
        } catch (RuntimeException e) {
            LOG.error("control request {} {} failed", method, path, e);
            Response.text(500, "INTERNAL_SERVER_ERROR").send(exchange);
        }
    }

    private Response route(HttpExchange exchange, String method, String path, byte[] body) {
        String key = method + " " + path;
        return switch (key) {
            case "GET /portal", "GET /portal/", "GET /" -> portalPage();
            case "POST /portal/certificate" -> uploadCertificate(exchange, body);
            case "GET /portal/token" -> {
                TokenFile file = control.downloadToken();
                yield new Response(200, "application/pkcs7-mime", file.content())
                        .header("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"");
            }
            case "GET /state" -> Response.json(stateJson());
            case "POST /devices/add" -> serials(count(body), control::addDevices);
            case "POST /devices/modify" -> serials(count(body), control::modifyDevices);
            case "POST /devices/delete" -> serials(count(body), control::deleteDevices);
            case "POST /devices/move-in" -> serials(count(body), control::moveInDevices);
            case "POST /devices/activate" -> serialsResult(control.activate(serialList(body)));
            case "POST /clock/advance" -> {
                long seconds = number(body, "seconds");
                ObjectNode o = Json.object();
                o.put("now", Json.time(control.advanceClock(Duration.ofSeconds(seconds))));
                yield Response.json(o);
            }
            case "POST /cursors/expire" -> {
                JsonNode n = body.length == 0 ? null : Json.requestObject(body).get("older_than_seconds");
                int expired = control.expireCursorsOlderThan(Duration.ofSeconds(n == null ? 0 : n.asLong()));
                ObjectNode o = Json.object();
                o.put("expired", expired);
                yield Response.json(o);
            }
            case "POST /sessions/expire" -> {
                control.expireAllSessions();
                yield ok();
            }
            case "POST /sessions/rotation" -> {
                control.rotateSessionEvery((int) number(body, "every"));
                yield ok();
            }
            case "POST /assign/throttle" -> {
                control.throttle(serialList(body), number(body, "retry_after_seconds"));
                yield ok();
            }
            case "POST /assign/fail" -> {
                control.failAssign(serialList(body));
                yield ok();
            }
            case "POST /assign/clear" -> {
                control.clearAssignFaults();
                yield ok();
            }
            case "POST /faults" -> {
                control.addFault(fault(Json.requestObject(body)));
                yield ok();
            }
            case "DELETE /faults" -> {
                control.clearFaults();
                yield ok();
            }
            case "POST /sync/echo-cursor" -> {
                control.echoCursorOnNextSync();
                yield ok();
            }
            case "POST /terms" -> {
                JsonNode accepted = Json.requestObject(body).get("accepted");
                if (accepted == null || !accepted.isBoolean()) {
                    throw new ApiError(400, "accepted (true/false) is required");
                }
                control.termsNotAccepted(!accepted.booleanValue());
                yield ok();
            }
            case "GET /counters" -> {
                ObjectNode o = Json.object();
                control.requestCounts().forEach(o::put);
                yield Response.json(o);
            }
            case "DELETE /counters" -> {
                control.resetCounters();
                yield ok();
            }
            default -> Response.text(404, "NOT_FOUND");
        };
    }

    private Response uploadCertificate(HttpExchange exchange, byte[] body) {
        control.uploadCertificate(body);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.startsWith("multipart/form-data")) {
            // a browser form: back to the page
            return new Response(303, null, new byte[0]).header("Location", PREFIX + "/portal");
        }
        X509Certificate cert = state.certificate();
        ObjectNode o = Json.object();
        o.put("subject", cert.getSubjectX500Principal().getName());
        o.put("serial", cert.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
        return Response.json(o);
    }

    private ObjectNode stateJson() {
        ObjectNode o = Json.object();
        o.put("server_name", state.config().serverName());
        o.put("server_uuid", state.serverUuid);
        o.put("org_name", state.config().orgName());
        o.put("now", Json.time(state.now()));
        o.put("devices", state.deviceCount());
        o.put("events", state.eventCount());
        o.put("profiles", state.profileCount());
        o.put("sessions", state.sessionCount());
        o.put("terms_accepted", state.termsAccepted());
        o.put("certificate_uploaded", state.certificate() != null);
        o.put("token_expiry", Json.time(state.token().accessTokenExpiry()));
        o.put("pending_faults", control.pendingFaults());
        return o;
    }

    private static FaultPlan fault(ObjectNode o) {
        FaultPlan plan;
        if (o.path("drop").asBoolean(false)) {
            plan = FaultPlan.dropConnection();
        } else if (o.path("echo_cursor").asBoolean(false)) {
            plan = FaultPlan.echoCursor();
        } else if (o.hasNonNull("delay_ms")) {
            plan = FaultPlan.delay(Duration.ofMillis(o.get("delay_ms").asLong()));
        } else if (o.hasNonNull("status")) {
            plan = FaultPlan.respond(o.get("status").asInt(), o.path("body").asText(""));
            if (o.hasNonNull("retry_after_seconds")) {
                plan = plan.withRetryAfter(o.get("retry_after_seconds").asLong());
            }
        } else {
            throw new ApiError(400, "one of status, delay_ms, drop or echo_cursor is required");
        }
        if (o.hasNonNull("times")) {
            plan = plan.times(o.get("times").asInt());
        }
        if (o.hasNonNull("path")) {
            plan = plan.onPath(o.get("path").asText());
        }
        return plan;
    }

    private static int count(byte[] body) {
        return (int) number(body, "count");
    }

    private static long number(byte[] body, String field) {
        JsonNode n = Json.requestObject(body).get(field);
        if (n == null || !n.canConvertToLong()) {
            throw new ApiError(400, field + " (a number) is required");
        }
        return n.asLong();
    }

    private static List<String> serialList(byte[] body) {
        List<String> serials = Json.stringArray(Json.requestObject(body), "serials");
        return serials == null ? new ArrayList<>() : serials;
    }

    private static Response serials(int count, IntFunction<List<String>> action) {
        return serialsResult(action.apply(count));
    }

    private static Response serialsResult(List<String> serials) {
        ObjectNode o = Json.object();
        var a = o.putArray("serials");
        serials.forEach(a::add);
        return Response.json(o);
    }

    private static Response ok() {
        ObjectNode o = Json.object();
        o.put("ok", true);
        return Response.json(o);
    }

    private Response portalPage() {
        String server = html(state.config().serverName());
        X509Certificate cert = state.certificate();
        String certLine = cert == null ? Messages.format("simulator.portal.noCertificate")
                : Messages.format("simulator.portal.certificate", cert.getSubjectX500Principal().getName(),
                        cert.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
        String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
                + html(Messages.format("simulator.portal.title", state.config().serverName())) + "</title></head><body>"
                + "<h1>" + html(Messages.format("simulator.portal.title", state.config().serverName())) + "</h1>"
                + "<p>" + html(Messages.format("simulator.portal.intro", state.config().serverName(), state.config().orgName())) + "</p>"
                + "<p>" + html(certLine) + "</p>"
                + "<form method=\"post\" action=\"" + PREFIX + "/portal/certificate\" enctype=\"multipart/form-data\">"
                + "<input type=\"file\" name=\"certificate\" accept=\".pem,.crt,.cer\"> "
                + "<button type=\"submit\">" + html(Messages.format("simulator.portal.upload")) + "</button></form>"
                + (cert == null ? "" : "<p><a href=\"" + PREFIX + "/portal/token\">" + html(Messages.format("simulator.portal.download"))
                        + " (" + server + ")</a></p>")
                + "</body></html>";
        return new Response(200, "text/html;charset=UTF-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
