package org.depconsole.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.depconsole.domain.ServerToken;
import org.depconsole.domain.oauth.OAuth1Signature;

/** A minimal DEP client for the tests: java.net.http, real loopback HTTP, no production client code. */
final class SimClient {

    static final String UA = "DEPConsoleTest/1.0";
    static final ObjectMapper JSON = new ObjectMapper();

    final DepSimulator sim;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    String session;

    SimClient(DepSimulator sim) {
        this.sim = sim;
    }

    URI uri(String pathAndQuery) {
        return URI.create(sim.baseUrl() + pathAndQuery);
    }

    static String nonce() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    long simNow() {
        return sim.control().now().getEpochSecond();
    }

    String authorization(ServerToken t, long timestamp, String nonce) {
        return OAuth1Signature.authorizationHeader("GET", uri("/session"), t.consumerKey(), t.consumerSecret(), t.accessToken(),
                t.accessSecret(), timestamp, nonce);
    }

    HttpResponse<String> sessionWith(String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/session")).GET().header("User-Agent", UA)
                .header("X-Server-Protocol-Version", "10");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    /** Signs with the current token at the simulator's time and stores the session. */
    SimClient login() {
        HttpResponse<String> r = sessionWith(authorization(sim.control().token(), simNow(), nonce()));
        if (r.statusCode() != 200) {
            throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
        }
        session = json(r).get("auth_session_token").asText();
        return this;
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    HttpResponse<String> post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> method(String method, String path, String body) {
        return send(request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("User-Agent", UA).header("X-Server-Protocol-Version", "10")
                .header("Content-Type", "application/json;charset=UTF8").timeout(Duration.ofSeconds(30));
        if (session != null) {
            b.header("X-ADM-Auth-Session", session);
        }
        return b;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST to {@code /_sim/…} with a JSON body. */
    JsonNode control(String path, String body) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/_sim" + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (r.statusCode() != 200) {
            throw new AssertionError("control " + path + " failed: " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
