package org.depconsole.appleapi.business;

import java.security.PrivateKey;
import java.util.Objects;
import org.depconsole.domain.business.ApiFamily;

/**
 * What an API account signs in with (§2): the client ID, the key ID and the P-256 private key (read with
 * {@code crypto.ApiKeys}). {@link #toString()} never shows the key.
 */
public record ApiCredentials(String clientId, String keyId, PrivateKey privateKey) {

    public ApiCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(privateKey, "privateKey");
        clientId = clientId.strip();
        keyId = keyId.strip();
    }

    /** Business or school, by the client ID's prefix; empty for a client ID of neither shape. */
    public java.util.Optional<ApiFamily> family() {
        return ApiFamily.ofClientId(clientId);
    }

    @Override
    public String toString() {
        return "ApiCredentials[clientId=" + clientId + ", keyId=" + keyId + ", privateKey=(hidden)]";
    }
}
