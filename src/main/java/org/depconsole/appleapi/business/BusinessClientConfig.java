package org.depconsole.appleapi.business;

import java.net.ProxySelector;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.depconsole.appleapi.RetryPolicy;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.domain.business.AppleBusinessApi;

/**
 * Settings of one {@link OkHttpAppleBusinessClient}.
 *
 * @param credentials    client ID, key ID, private key
 * @param endpoint       null → Apple's hosts (token at {@code https://account.apple.com/auth/oauth2/token}, API at
 *                       {@code https://api-business.apple.com} or {@code api-school} by the client ID); a URL → both
 *                       replaced: token at {@code URL/auth/oauth2/token}, API at {@code URL/v1/…} (simulator, proxy)
 * @param accountId      the console's account id, written into every journal record (0 when not stored yet)
 * @param clock          assertion times, token expiry, pacing; null → UTC system clock
 * @param pacing         null → {@link RequestPacing#observed()}
 * @param retry          server errors and network failures of idempotent calls; null → {@link RetryPolicy#standard()}
 * @param proxySelector  null → {@link ProxySelector#getDefault()}
 * @param connectTimeout null → 15 s
 * @param readTimeout    null → 60 s
 */
public record BusinessClientConfig(ApiCredentials credentials, URI endpoint, long accountId, Clock clock, RequestPacing pacing,
                                   RetryPolicy retry, ProxySelector proxySelector, Duration connectTimeout, Duration readTimeout) {

    public BusinessClientConfig {
        Objects.requireNonNull(credentials, "credentials");
        if (endpoint != null) {
            String scheme = endpoint.getScheme();
            if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || endpoint.getHost() == null) {
                throw new IllegalArgumentException("endpoint must be an absolute http(s) URL");
            }
        }
        clock = clock == null ? Clock.systemUTC() : clock;
        pacing = pacing == null ? RequestPacing.observed() : pacing;
        retry = retry == null ? RetryPolicy.standard() : retry;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(15) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
    }

    /** Defaults for everything but credentials and endpoint. */
    public static BusinessClientConfig of(ApiCredentials credentials, URI endpointOrNull) {
        return new BusinessClientConfig(credentials, endpointOrNull, 0, null, null, null, null, null, null);
    }

    public BusinessClientConfig withPacing(RequestPacing next) {
        return new BusinessClientConfig(credentials, endpoint, accountId, clock, next, retry, proxySelector, connectTimeout, readTimeout);
    }

    public BusinessClientConfig withClock(Clock next) {
        return new BusinessClientConfig(credentials, endpoint, accountId, next, pacing, retry, proxySelector, connectTimeout, readTimeout);
    }

    public BusinessClientConfig withAccountId(long next) {
        return new BusinessClientConfig(credentials, endpoint, next, clock, pacing, retry, proxySelector, connectTimeout, readTimeout);
    }

    public BusinessClientConfig withRetry(RetryPolicy next) {
        return new BusinessClientConfig(credentials, endpoint, accountId, clock, pacing, next, proxySelector, connectTimeout, readTimeout);
    }

    /** The family the client ID names; BUSINESS when the prefix is unknown (the client refuses such IDs before sending). */
    public ApiFamily family() {
        return credentials.family().orElse(ApiFamily.BUSINESS);
    }

    /** Where the token request goes. */
    public URI tokenUrl() {
        return endpoint == null ? URI.create(AppleBusinessApi.TOKEN_BASE_URL + AppleBusinessApi.TOKEN_PATH)
                : join(endpoint, AppleBusinessApi.TOKEN_PATH);
    }

    /** The API base; paths {@code /v1/…} are appended. */
    public URI apiBase() {
        return endpoint == null ? URI.create("https://" + family().apiHost()) : endpoint;
    }

    static URI join(URI base, String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }

    @Override
    public String toString() {
        return "BusinessClientConfig[" + credentials + ", endpoint=" + endpoint + ", accountId=" + accountId + ", pacing=" + pacing + "]";
    }
}
