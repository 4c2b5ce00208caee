package org.depconsole.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.ServerToken;

/** The stored (then sealed) form of a token: Apple's own JSON field names. */
final class TokenJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenJson() {
    }

    static String write(ServerToken t) {
        ObjectNode n = JSON.createObjectNode();
        n.put("consumer_key", t.consumerKey());
        n.put("consumer_secret", t.consumerSecret());
        n.put("access_token", t.accessToken());
        n.put("access_secret", t.accessSecret());
        n.put("access_token_expiry", t.accessTokenExpiry().toString());
        return n.toString();
    }

    static ServerToken read(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return new ServerToken(n.path("consumer_key").asText(), n.path("consumer_secret").asText(), n.path("access_token").asText(),
                    n.path("access_secret").asText(), Instant.parse(n.path("access_token_expiry").asText()));
        } catch (IOException | RuntimeException e) {
            // never include the JSON: it is the secret
            throw new ConsoleException("servers.error.storedTokenDamaged");
        }
    }
}
