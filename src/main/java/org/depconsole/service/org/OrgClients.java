package org.depconsole.service.org;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.depconsole.appleapi.business.ApiCredentials;
import org.depconsole.appleapi.business.AppleBusinessClient;
import org.depconsole.appleapi.business.BusinessClientConfig;
import org.depconsole.appleapi.business.RateLimitListener;
import org.depconsole.domain.org.OrgAccount;

/**
 * One Apple Business API client per account and process, so that its pacing and access token are shared by the org
 * sync, the move jobs and coverage look-ups of that account. Rate-limit waits are relayed to whoever listens now.
 */
public final class OrgClients implements AutoCloseable {

    private record Entry(OrgAccount account, AppleBusinessClient client) {
    }

    private final BusinessClientFactory factory;
    private final Clock clock;
    private final Map<Long, Entry> clients = new ConcurrentHashMap<>();
    private final Map<Long, List<RateLimitListener>> listeners = new ConcurrentHashMap<>();
    private volatile UnaryOperator<BusinessClientConfig> tuning = UnaryOperator.identity();

    public OrgClients(BusinessClientFactory factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
    }

    /** Changes every client opened from now on (tests and benchmarks: pacing off, short retries). Open clients are closed. */
    public void setTuning(UnaryOperator<BusinessClientConfig> next) {
        tuning = next;
        close();
    }

    /** A client for credentials not stored yet (the validation before linking); the caller closes it. */
    AppleBusinessClient open(ApiCredentials credentials, java.net.URI endpoint) {
        BusinessClientConfig config = tuning.apply(BusinessClientConfig.of(credentials, endpoint).withClock(clock));
        return factory.open(config, RateLimitListener.NONE);
    }

    /** The client of a stored account, opened on first use with {@code credentials}. */
    AppleBusinessClient client(OrgAccount account, java.util.function.Supplier<ApiCredentials> credentials) {
        Entry e = clients.compute(account.id(), (id, old) -> {
            if (old != null && old.account().equals(account)) {
                return old;
            }
            if (old != null) {
                old.client().close();
            }
            BusinessClientConfig config = tuning.apply(BusinessClientConfig.of(credentials.get(), account.endpoint()).withClock(clock)
                    .withAccountId(account.id()));
            return new Entry(account, factory.open(config, (wait, reason) -> relay(account.id(), wait, reason)));
        });
        return e.client();
    }

    /** Listens to the rate-limit waits of an account's client until the returned handle is closed. */
    public AutoCloseable onWait(long accountId, RateLimitListener listener) {
        List<RateLimitListener> list = listeners.computeIfAbsent(accountId, id -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    private void relay(long accountId, Duration wait, RateLimitListener.Reason reason) {
        for (RateLimitListener l : listeners.getOrDefault(accountId, List.of())) {
            try {
                l.waiting(wait, reason);
            } catch (RuntimeException e) {
                // a listener must not break the call
            }
        }
    }

    /** Closes and forgets an account's client (removed account, new credentials). */
    public void forget(long accountId) {
        Entry e = clients.remove(accountId);
        if (e != null) {
            e.client().close();
        }
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(e -> e.client().close());
        clients.clear();
    }
}
