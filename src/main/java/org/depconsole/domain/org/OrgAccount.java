package org.depconsole.domain.org;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.depconsole.domain.business.ApiFamily;

/**
 * A linked Apple Business / Apple School Manager API account (no secret: the private key stays sealed in the store).
 *
 * @param uid      stable random id, bound into the sealed key's associated data
 * @param endpoint the base URL that replaces both Apple hosts (simulator, authenticating proxy), or null for Apple's
 */
public record OrgAccount(long id, String uid, String name, String clientId, String keyId, ApiFamily family, URI endpoint,
                         boolean simulated, Instant createdAt) {

    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpoint);
    }

    /** The OAuth scope of the account ({@code business.api} or {@code school.api}). */
    public String scope() {
        return family.scope();
    }
}
