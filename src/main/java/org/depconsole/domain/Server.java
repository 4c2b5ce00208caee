package org.depconsole.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * A virtual MDM server of Apple Business Manager / Apple School Manager as the console knows it.
 *
 * @param endpoint base URL of the Device Assignment service for this server (Apple's, the simulator's or a proxy's)
 * @param certificate the certificate to upload to the portal; absent only in a half-created server
 * @param token what may be shown of the imported token; empty until a token is imported
 * @param simulated true when the server talks to the built-in simulator (its data is not real)
 */
public record Server(long id, String name, URI endpoint, Instant createdAt, Optional<CertificateSummary> certificate,
                     Optional<TokenSummary> token, boolean simulated) {

    public static final URI APPLE_ENDPOINT = URI.create("https://mdmenrollment.apple.com");

    public boolean linked() {
        return token.isPresent();
    }

    public TokenState tokenState(java.time.Clock clock) {
        return token.map(t -> t.state(clock)).orElse(TokenState.NOT_LINKED);
    }
}
