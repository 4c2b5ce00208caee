package org.depconsole.service;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.depconsole.appleapi.AppleDepClient;
import org.depconsole.appleapi.ClientConfig;
import org.depconsole.appleapi.OkHttpAppleDepClient;
import org.depconsole.appleapi.RetryPolicy;
import org.depconsole.appleapi.Sleeper;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Server;

/**
 * One Apple client per server, kept while the server's endpoint stays the same (so its session is reused), closed
 * when the endpoint changes or the server goes. The token is read from the secret store each time a session opens,
 * so a renewed token is picked up without a restart.
 */
public final class AppleClients implements AutoCloseable {

    private record Entry(URI endpoint, AppleDepClient client) {
    }

    private final ServerService servers;
    private final JournalService journal;
    private final RetryPolicy retry;
    private final org.depconsole.persistence.SettingsRepository settings;
    private final Map<Long, Entry> clients = new ConcurrentHashMap<>();

    public AppleClients(ServerService servers, JournalService journal, RetryPolicy retry, org.depconsole.persistence.SettingsRepository settings) {
        this.servers = servers;
        this.journal = journal;
        this.retry = retry;
        this.settings = settings;
    }

    public ProxySettings proxy() {
        return ProxySettings.load(settings);
    }

    /** Stores the proxy setting; the next call to Apple of every server uses it. */
    public void setProxy(ProxySettings proxy) {
        proxy.save(settings);
        close();
    }

    /** The client of a linked server; a sentence when it has no token yet. */
    public AppleDepClient client(long serverId) {
        Server server = servers.get(serverId);
        if (!server.linked()) {
            throw new ConsoleException("sync.error.notLinked", server.name());
        }
        Entry e = clients.compute(serverId, (id, old) -> {
            if (old != null && Objects.equals(old.endpoint(), server.endpoint())) {
                return old;
            }
            if (old != null) {
                old.client().close();
            }
            ClientConfig config = new ClientConfig(server.endpoint(), serverId, () -> servers.token(serverId), servers.clock(), retry,
                    proxy().selector(), null, null);
            return new Entry(server.endpoint(), new OkHttpAppleDepClient(config, journal::record, Sleeper.REAL));
        });
        return e.client();
    }

    /** Forgets a server's client (removed server, new token with another identity). */
    public void forget(long serverId) {
        Entry e = clients.remove(serverId);
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
