package org.depconsole.service.org;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.security.interfaces.ECPrivateKey;
import org.depconsole.appleapi.business.ApiCredentials;
import org.depconsole.appleapi.business.AppleBusinessClient;
import org.depconsole.appleapi.business.CredentialsRejectedException;
import org.depconsole.crypto.ApiKeys;
import org.depconsole.crypto.SecretStore;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.persistence.DuplicateNameException;
import org.depconsole.persistence.OrgAccountRepository;
import org.depconsole.service.ServerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linking Apple Business / Apple School Manager API accounts: the credentials are proven by exchanging a client
 * assertion for an access token before anything is stored; the private key is stored only sealed by the
 * {@link SecretStore}. Nothing here logs or returns key material.
 */
public final class OrgAccountService {

    private static final Logger LOG = LoggerFactory.getLogger(OrgAccountService.class);
    public static final int MAX_NAME_LENGTH = 120;

    /**
     * What the admin enters to link an account.
     *
     * @param keyFile  the bytes of the .pem the portal downloaded
     * @param endpoint null for Apple's hosts, else one base URL for token and API (simulator, authenticating proxy)
     */
    public record LinkRequest(String name, String clientId, String keyId, byte[] keyFile, URI endpoint) {

        @Override
        public String toString() {
            return "LinkRequest[name=" + name + ", clientId=" + clientId + ", keyId=" + keyId + ", keyFile=(hidden), endpoint=" + endpoint + "]";
        }
    }

    private final OrgAccountRepository accounts;
    private final SecretStore secrets;
    private final OrgClients clients;
    private final Clock clock;

    public OrgAccountService(OrgAccountRepository accounts, SecretStore secrets, OrgClients clients, Clock clock) {
        this.accounts = accounts;
        this.secrets = secrets;
        this.clients = clients;
        this.clock = clock;
    }

    public List<OrgAccount> list() {
        return accounts.findAll();
    }

    public Optional<OrgAccount> find(String name) {
        return name == null ? Optional.empty() : accounts.findByName(name.strip());
    }

    /** @throws ConsoleException naming the command that lists the accounts when there is none of that name */
    public OrgAccount get(String name) {
        return find(name).orElseThrow(() -> new ConsoleException("org.error.notFound", name));
    }

    public OrgAccount get(long id) {
        return accounts.findById(id).orElseThrow(() -> new ConsoleException("org.error.notFound", "#" + id));
    }

    /**
     * Reads the key, checks the IDs, signs in at Apple (or the endpoint) once and only then stores the account.
     *
     * @throws ConsoleException with one sentence naming the problem and the fix; nothing is stored then
     */
    public OrgAccount link(LinkRequest request) {
        return link(request, false);
    }

    /** As {@link #link(LinkRequest)}, marked as an account of the built-in simulator. */
    public OrgAccount link(LinkRequest request, boolean simulated) {
        String name = validName(request.name());
        if (accounts.findByName(name).isPresent()) {
            throw new ConsoleException("org.error.duplicate", name);
        }
        String clientId = request.clientId() == null ? "" : request.clientId().strip();
        String keyId = request.keyId() == null ? "" : request.keyId().strip().toLowerCase(java.util.Locale.ROOT);
        ECPrivateKey key = ApiKeys.readPrivateKey(request.keyFile());
        ApiCredentials credentials = new ApiCredentials(clientId, keyId, key);
        checkShape(credentials);
        URI endpoint = request.endpoint();
        try (AppleBusinessClient client = clients.open(credentials, endpoint)) {
            client.validateCredentials();
        }
        ApiFamily family = credentials.family().orElseThrow();
        String uid = UUID.randomUUID().toString();
        byte[] sealed = secrets.seal(purpose(uid), ApiKeys.toSealable(key));
        try {
            OrgAccount stored = accounts.insert(new OrgAccount(0, uid, name, clientId, keyId, family, endpoint, simulated, clock.instant()), sealed);
            LOG.info("API account {} linked ({} account, key id {})", stored.id(), family.name().toLowerCase(java.util.Locale.ROOT), keyId);
            return stored;
        } catch (DuplicateNameException e) {
            throw new ConsoleException("org.error.duplicate", name);
        }
    }

    /** The client ID and key ID must have Apple's shape before anything is sent. */
    private static void checkShape(ApiCredentials c) {
        if (!ApiFamily.isWellFormedClientId(c.clientId())) {
            throw new CredentialsRejectedException(CredentialsRejectedException.Reason.CLIENT_ID_MALFORMED, "CLIENT_ID_MALFORMED", 0);
        }
        if (!ApiFamily.isWellFormedKeyId(c.keyId())) {
            throw new CredentialsRejectedException(CredentialsRejectedException.Reason.KEY_ID_MALFORMED, "KEY_ID_MALFORMED", 0);
        }
    }

    /**
     * Gives a stored account new credentials (a new key generated in the portal, or the simulator's new account after a
     * restart), validated first like {@link #link}.
     */
    public OrgAccount replaceCredentials(long accountId, String clientId, String keyId, byte[] keyFile, URI endpoint) {
        OrgAccount a = get(accountId);
        ECPrivateKey key = ApiKeys.readPrivateKey(keyFile);
        ApiCredentials credentials = new ApiCredentials(clientId.strip(), keyId.strip().toLowerCase(java.util.Locale.ROOT), key);
        checkShape(credentials);
        try (AppleBusinessClient client = clients.open(credentials, endpoint)) {
            client.validateCredentials();
        }
        accounts.updateCredentials(accountId, credentials.clientId(), credentials.keyId(), secrets.seal(purpose(a.uid()), ApiKeys.toSealable(key)),
                endpoint);
        clients.forget(accountId);
        return get(accountId);
    }

    /** Removes the account with its devices, servers, coverage and jobs; the organization itself is not touched. */
    public void remove(String name) {
        OrgAccount a = get(name);
        clients.forget(a.id());
        accounts.delete(a.id());
        LOG.info("API account {} removed", a.id());
    }

    /** The account's Apple client (its pacing and access token are shared within this process). */
    public AppleBusinessClient client(OrgAccount account) {
        return clients.client(account, () -> credentials(account));
    }

    /** The account's credentials, the key opened from the secret store (never leaves the process). */
    ApiCredentials credentials(OrgAccount account) {
        byte[] sealed = accounts.sealedKey(account.id()).orElseThrow(() -> new ConsoleException("org.error.notFound", account.name()));
        ECPrivateKey key;
        try {
            key = ApiKeys.fromSealable(secrets.open(purpose(account.uid()), sealed));
        } catch (org.depconsole.crypto.SecretStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConsoleException(e, "key.error.apiKeyStoredUnreadable");
        }
        return new ApiCredentials(account.clientId(), account.keyId(), key);
    }

    /** The accounts linked to the console's built-in simulator. */
    public List<OrgAccount> simulated() {
        return list().stream().filter(OrgAccount::simulated).toList();
    }

    /** The public key of an account's stored private key (not secret: the built-in simulator is told it again after a restart). */
    public java.security.interfaces.ECPublicKey publicKey(OrgAccount account) {
        return ApiKeys.publicKeyOf((ECPrivateKey) credentials(account).privateKey());
    }

    /** Points an account at another endpoint (the built-in simulator on a new port), keeping its credentials. */
    public OrgAccount setEndpoint(long accountId, URI endpoint) {
        OrgAccount a = get(accountId);
        byte[] sealed = accounts.sealedKey(accountId).orElseThrow(() -> new ConsoleException("org.error.notFound", a.name()));
        accounts.updateCredentials(accountId, a.clientId(), a.keyId(), sealed, endpoint);
        clients.forget(accountId);
        return get(accountId);
    }

    /** Reads a key file for {@link LinkRequest} with the command line's file checks done by the caller. */
    public static byte[] readKeyFile(Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new ConsoleException(e, "org.error.keyFileUnreadable", file);
        }
    }

    static String purpose(String uid) {
        return "org/" + uid + "/private-key";
    }

    static String validName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            throw new ConsoleException("org.error.nameEmpty");
        }
        if (clean.length() > MAX_NAME_LENGTH) {
            throw new ConsoleException("org.error.nameTooLong", MAX_NAME_LENGTH);
        }
        if (clean.chars().anyMatch(Character::isISOControl)) {
            throw new ConsoleException("org.error.nameInvalid");
        }
        return clean;
    }

    /** Parses an --endpoint value like the DEP servers do. */
    public static URI parseEndpoint(String value) {
        try {
            return ServerService.parseEndpoint(value);
        } catch (ConsoleException e) {
            throw new ConsoleException("org.error.endpoint", value);
        }
    }
}
