package org.depconsole.domain.org;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Apple Business or Apple School Manager: the client id's prefix decides the scope and Apple's API host
 * (apple-business-api.md §2, §4).
 */
public enum OrgScope {
    BUSINESS("BUSINESSAPI.", "business.api", "https://api-business.apple.com"),
    SCHOOL("SCHOOLAPI.", "school.api", "https://api-school.apple.com");

    /** Apple's token host: the same for both kinds of account. */
    public static final URI TOKEN_HOST = URI.create("https://account.apple.com");

    private final String prefix;
    private final String scope;
    private final URI apiHost;

    OrgScope(String prefix, String scope, String apiHost) {
        this.prefix = prefix;
        this.scope = scope;
        this.apiHost = URI.create(apiHost);
    }

    public String prefix() {
        return prefix;
    }

    /** The OAuth scope ({@code business.api} or {@code school.api}). */
    public String scope() {
        return scope;
    }

    public URI apiHost() {
        return apiHost;
    }

    /** The scope a client id belongs to, by its prefix (case-insensitive); empty for anything else. */
    public static Optional<OrgScope> ofClientId(String clientId) {
        if (clientId == null) {
            return Optional.empty();
        }
        String upper = clientId.strip().toUpperCase(Locale.ROOT);
        for (OrgScope s : values()) {
            if (upper.startsWith(s.prefix) && upper.length() > s.prefix.length()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static OrgScope ofWire(String scope) {
        for (OrgScope s : values()) {
            if (s.scope.equals(scope)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope " + scope);
    }
}
