package org.depconsole.domain.business;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which of Apple's two REST services an API account belongs to (apple-business-api.md §2): the client ID's prefix
 * decides the API host and the OAuth scope.
 */
public enum ApiFamily {

    /** Apple Business (formerly Apple Business Manager). */
    BUSINESS("BUSINESSAPI.", "business.api", "api-business.apple.com"),
    /** Apple School Manager. */
    SCHOOL("SCHOOLAPI.", "school.api", "api-school.apple.com");

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String clientIdPrefix;
    private final String scope;
    private final String apiHost;

    ApiFamily(String clientIdPrefix, String scope, String apiHost) {
        this.clientIdPrefix = clientIdPrefix;
        this.scope = scope;
        this.apiHost = apiHost;
    }

    /** {@code BUSINESSAPI.} or {@code SCHOOLAPI.}, dot included. */
    public String clientIdPrefix() {
        return clientIdPrefix;
    }

    /** The OAuth scope to request: {@code business.api} or {@code school.api}. */
    public String scope() {
        return scope;
    }

    /** The API host without scheme: {@code api-business.apple.com} or {@code api-school.apple.com}. */
    public String apiHost() {
        return apiHost;
    }

    /** The family whose prefix the client ID carries (case-sensitive, as Apple issues it), or empty. */
    public static Optional<ApiFamily> ofClientId(String clientId) {
        if (clientId == null) {
            return Optional.empty();
        }
        for (ApiFamily f : values()) {
            if (clientId.startsWith(f.clientIdPrefix)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The family whose scope this is, or empty. */
    public static Optional<ApiFamily> ofScope(String scope) {
        for (ApiFamily f : values()) {
            if (f.scope.equals(scope)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** True for a known prefix followed by a lower-case hyphenated UUID, e.g. {@code BUSINESSAPI.c75c0a8a-a026-4dae-99aa-89ea1e1103e5}. */
    public static boolean isWellFormedClientId(String clientId) {
        return ofClientId(clientId).map(f -> UUID.matcher(clientId.substring(f.clientIdPrefix.length())).matches()).orElse(false);
    }

    /** True for a bare lower-case hyphenated UUID (Apple's key IDs). Upper case is tolerated: callers may lower-case first. */
    public static boolean isWellFormedKeyId(String keyId) {
        return keyId != null && UUID.matcher(keyId.toLowerCase(Locale.ROOT)).matches();
    }
}
