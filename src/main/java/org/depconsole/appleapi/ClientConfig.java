package org.depconsole.appleapi;

import java.net.ProxySelector;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.depconsole.domain.ServerToken;

/**
 * Settings of one {@link OkHttpAppleDepClient}.
 *
 * @param baseUrl        {@code https://mdmenrollment.apple.com} or a simulator; may carry a path prefix
 * @param serverId       the console's server id, written into every journal record
 * @param token          asked for the current token each time a session is opened, so a renewed token is picked up
 * @param clock          OAuth timestamps, journal times and HTTP-date {@code Retry-After}; null → UTC system clock
 * @param retry          null → {@link RetryPolicy#standard()}
 * @param proxySelector  null → {@link ProxySelector#getDefault()} (which honours {@code https.proxyHost} and friends)
 * @param connectTimeout null → 15 s
 * @param readTimeout    null → 60 s; also used for writing
 */
public record ClientConfig(URI baseUrl, long serverId, Supplier<ServerToken> token, Clock clock, RetryPolicy retry,
                           ProxySelector proxySelector, Duration connectTimeout, Duration readTimeout) {

    public static final URI APPLE = URI.create("https://mdmenrollment.apple.com");

    public ClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(token, "token");
        String scheme = baseUrl.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL");
        }
        clock = clock == null ? Clock.systemUTC() : clock;
        retry = retry == null ? RetryPolicy.standard() : retry;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(15) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
    }

    /** Apple's service with default clock, retries, proxy and timeouts. */
    public static ClientConfig of(URI baseUrl, long serverId, Supplier<ServerToken> token) {
        return new ClientConfig(baseUrl, serverId, token, null, null, null, null, null);
    }

    /** Never shows the token supplier (whatever its own toString prints). */
    @Override
    public String toString() {
        return "ClientConfig[baseUrl=" + baseUrl + ", serverId=" + serverId + ", retry=" + retry
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
