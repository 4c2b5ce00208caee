package org.depconsole.domain.org;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * A linked Apple Business / Apple School Manager API account (no secret: the private key stays sealed in the store).
 *
 * @param uid      stable random id, bound into the sealed key's associated data
 * @param endpoint the base URL that replaces both Apple hosts (simulator, authenticating proxy), or null for Apple's
 */
public record OrgAccount(long id, String uid, String name, String clientId, String keyId, OrgScope scope, URI endpoint,
                         boolean simulated, Instant createdAt) {

    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpoint);
    }

    /** Where the API is: the override, or Apple's host for the account's scope. */
    public URI apiBase() {
        return endpoint != null ? endpoint : scope.apiHost();
    }

    /** Where the token endpoint is: the override, or Apple's account host. */
    public URI tokenBase() {
        return endpoint != null ? endpoint : OrgScope.TOKEN_HOST;
    }
}
