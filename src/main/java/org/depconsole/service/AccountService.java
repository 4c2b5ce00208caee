package org.depconsole.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.depconsole.appleapi.AppleDepClient;
import org.depconsole.domain.apple.AccountDetail;
import org.depconsole.domain.apple.DeviceUrlLimit;
import org.depconsole.persistence.AccountRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server and organization details of {@code GET /account}: fetched on demand and before a server's first sync,
 * stored so the server page shows them offline, and the source of the page size the sync asks for.
 */
public final class AccountService {

    /** What Apple said and when. */
    public record Account(AccountDetail detail, Instant fetchedAt) {
    }

    /** Apple's documented page size, used when the account advertises none. */
    public static final int DEFAULT_PAGE_LIMIT = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final AccountRepository store;
    private final AppleClients clients;
    private final Clock clock;

    public AccountService(AccountRepository store, AppleClients clients, Clock clock) {
        this.store = store;
        this.clients = clients;
        this.clock = clock;
    }

    /** Asks Apple now and stores the answer. */
    public Account refresh(long serverId) {
        return refresh(serverId, clients.client(serverId));
    }

    Account refresh(long serverId, AppleDepClient client) {
        AccountDetail detail = client.account();
        Instant at = clock.instant();
        try {
            store.save(serverId, JSON.writeValueAsString(detail), at);
        } catch (JsonProcessingException e) {
            LOG.warn("The account details of server {} could not be stored", serverId, e);
        }
        return new Account(detail, at);
    }

    /** The last stored answer, if any (offline). */
    public Optional<Account> stored(long serverId) {
        return store.find(serverId).flatMap(s -> {
            try {
                return Optional.of(new Account(JSON.readValue(s.json(), AccountDetail.class), s.fetchedAt()));
            } catch (JsonProcessingException e) {
                LOG.warn("The stored account details of server {} are unreadable; they will be fetched again", serverId);
                return Optional.empty();
            }
        });
    }

    /** The largest page the account allows for a full fetch; fetches the account once if none is stored. */
    public int pageLimit(long serverId, AppleDepClient client) {
        Account account = stored(serverId).orElseGet(() -> refresh(serverId, client));
        return account.detail().limitFor("/server/devices").map(DeviceUrlLimit::maximumLimit)
                .filter(max -> max != null && max > 0).orElse(DEFAULT_PAGE_LIMIT);
    }
}
