package org.depconsole.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer, built by a handler and written once. */
final class Response {

    static final String JSON = "application/json;charset=UTF8";
    static final String TEXT = "text/plain;charset=UTF-8";

    final int status;
    final String contentType;
    final byte[] body;
    final Map<String, String> headers = new LinkedHashMap<>();

    Response(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    static Response json(byte[] body) {
        return new Response(200, JSON, body);
    }

    static Response json(JsonNode node) {
        return json(Json.bytes(node));
    }

    /** Apple's error style: a bare string, no JSON, no quotes. */
    static Response text(int status, String body) {
        return new Response(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    void send(HttpExchange exchange) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
