package org.depconsole.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.depconsole.crypto.SecretStore;
import org.depconsole.crypto.ServerKeyMaterial;
import org.depconsole.crypto.ServerKeys;
import org.depconsole.crypto.TokenDecryptor;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Server;
import org.depconsole.domain.ServerToken;
import org.depconsole.domain.TokenState;
import org.depconsole.persistence.DuplicateNameException;
import org.depconsole.persistence.ServerRecord;
import org.depconsole.persistence.ServerRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linking servers: key pairs, certificates for the portal, token import and renewal, expiry.
 * Every secret passes through the {@link SecretStore}; nothing here logs or returns one except
 * {@link #token(long)}, which the Apple client uses to sign its session request.
 */
public final class ServerService {

    private static final Logger LOG = LoggerFactory.getLogger(ServerService.class);
    public static final int MAX_NAME_LENGTH = 120;

    private final ServerRepository servers;
    private final SecretStore secrets;
    private final Clock clock;
    private final ServerEvents events;

    public ServerService(ServerRepository servers, SecretStore secrets, Clock clock, ServerEvents events) {
        this.servers = servers;
        this.secrets = secrets;
        this.clock = clock;
        this.events = events;
    }

    public List<Server> list() {
        return servers.findAll().stream().map(ServerRecord::toServer).toList();
    }

    public Optional<Server> find(String name) {
        return servers.findByName(name).map(ServerRecord::toServer);
    }

    public Server get(String name) {
        return record(name).toServer();
    }

    public Server get(long id) {
        return record(id).toServer();
    }

    /** Creates a server with a new RSA 2048 key pair and a self-signed certificate for the portal. */
    public Server add(String name, URI endpoint) {
        return add(name, endpoint, false);
    }

    public Server add(String name, URI endpoint, boolean simulated) {
        String clean = validName(name);
        ServerKeyMaterial keys = ServerKeys.generate(clean, clock);
        Server created = create(clean, endpoint, simulated, keys);
        LOG.info("server {} added with a new key pair (certificate serial {})", created.id(), keys.summary().serialHex());
        return created;
    }

    /**
     * Creates a server from a key pair the portal already knows (an admin moving from another MDM), or gives an
     * existing server without a token that key pair. A linked server keeps its key unless {@code replace} is set.
     */
    public Server importKeyPair(String name, byte[] privateKeyFile, byte[] certificateFile, URI endpoint, boolean replace) {
        String clean = validName(name);
        ServerKeyMaterial keys = ServerKeys.importPem(privateKeyFile, certificateFile);
        Optional<ServerRecord> existing = servers.findByName(clean);
        if (existing.isEmpty()) {
            return create(clean, endpoint, false, keys);
        }
        ServerRecord r = existing.get();
        if (r.token() != null && !replace) {
            throw new ConsoleException("servers.error.keyReplaceLinked", r.name());
        }
        ServerRecord updated = r.withKeys(keys.certificatePem(), keys.summary(), seal(r.uid(), "private-key", keys.privateKeyPkcs8()));
        servers.updateKeys(updated);
        events.changed();
        return updated.toServer();
    }

    /** The PEM certificate to upload to Apple Business Manager / Apple School Manager (public, no secret). */
    public String certificatePem(String name) {
        ServerRecord r = record(name);
        if (r.certificatePem() == null) {
            throw new ConsoleException("servers.error.noCertificate", r.name());
        }
        return r.certificatePem();
    }

    /**
     * Decrypts a token file for a server and tells what importing it would change; stores nothing.
     *
     * @throws org.depconsole.crypto.TokenImportException with a sentence naming the problem and the fix
     */
    public TokenImportPlan inspectToken(long serverId, Path file) {
        ServerRecord r = record(serverId);
        return plan(r, TokenDecryptor.read(file, keys(r)));
    }

    private TokenImportPlan plan(ServerRecord r, ServerToken token) {
        Optional<ServerToken> current = storedToken(r);
        boolean identityChanged = current.map(c -> !c.consumerKey().equals(token.consumerKey())).orElse(false);
        boolean expired = TokenState.of(token.accessTokenExpiry(), clock) == TokenState.EXPIRED;
        boolean earlier = current.filter(c -> c.consumerKey().equals(token.consumerKey()))
                .map(c -> token.accessTokenExpiry().isBefore(c.accessTokenExpiry())).orElse(false);
        return new TokenImportPlan(r.id(), r.name(), token, token.summary(clock.instant()),
                Optional.ofNullable(r.token()), identityChanged, expired, earlier);
    }

    /**
     * Stores the token of a plan, replacing the previous one; devices, profiles and settings stay as they are.
     * Refuses, changing nothing, a token that {@linkplain TokenImportPlan#goesBackwards() goes backwards}.
     */
    public Server applyToken(TokenImportPlan plan) {
        return applyToken(plan, false);
    }

    /**
     * Stores the token of a plan. A token that has expired, or expires before the stored token of the same consumer
     * key (an old download), is refused with a sentence giving both expiry dates unless {@code replaceNewer} says the
     * admin wants it anyway. The check is made again against what is stored now, which may have changed since the plan
     * was made (another window or command may have imported a token meanwhile).
     */
    public Server applyToken(TokenImportPlan plan, boolean replaceNewer) {
        ServerRecord r = record(plan.serverId());
        TokenImportPlan now = plan(r, plan.token());
        if (now.goesBackwards() && !replaceNewer) {
            throw refusal(now);
        }
        byte[] sealed = seal(r.uid(), "token", TokenJson.write(plan.token()).getBytes(StandardCharsets.UTF_8));
        ServerRecord updated = r.withToken(sealed, plan.token().summary(clock.instant()));
        servers.updateToken(updated);
        LOG.info("server {}: token {} (consumer key {}, expires {}{})", r.id(), now.renewal() ? "renewed" : "imported",
                plan.token().consumerKeyPrefix(), plan.token().accessTokenExpiry(),
                now.goesBackwards() ? ", stored on request although " + now.setback() : "");
        events.changed();
        return updated.toServer();
    }

    /** The sentence that refuses a token going backwards: both expiry dates and the fix (a new download, or the override). */
    ConsoleException refusal(TokenImportPlan plan) {
        Object[] args = plan.setbackArguments(clock.getZone(), clock.instant());
        return switch (plan.setback()) {
            case EXPIRED_NOTHING_STORED -> new ConsoleException("server.error.tokenExpiredNothingStored", args);
            case EXPIRED -> new ConsoleException("server.error.tokenExpired", args);
            case EARLIER -> new ConsoleException("server.error.tokenEarlier", args);
            case NONE -> throw new IllegalArgumentException("the token does not go backwards");
        };
    }

    /**
     * Inspects and stores in one step, for scripts. A token with another consumer key is refused unless
     * {@code allowIdentityChange} is set, so a token of another server never silently replaces this one; a token that
     * has expired or expires earlier than the stored one is refused (see {@link #applyToken(TokenImportPlan, boolean)}).
     */
    public TokenImportPlan importToken(String name, Path file, boolean allowIdentityChange) {
        return importToken(name, file, allowIdentityChange, false);
    }

    /** {@link #importToken(String, Path, boolean)}, storing a token that goes backwards when {@code replaceNewer} is set. */
    public TokenImportPlan importToken(String name, Path file, boolean allowIdentityChange, boolean replaceNewer) {
        ServerRecord r = record(name);
        TokenImportPlan plan = inspectToken(r.id(), file);
        if (plan.identityChanged() && !allowIdentityChange) {
            throw new ConsoleException("server.error.tokenIdentityChanged", plan.current().map(t -> t.consumerKeyPrefix()).orElse(""),
                    plan.token().consumerKeyPrefix());
        }
        applyToken(plan, replaceNewer);
        return plan;
    }

    /** Forgets the token: the server stays with its key pair, devices and profiles, but can no longer talk to Apple. */
    public Server clearToken(long serverId) {
        ServerRecord r = record(serverId);
        ServerRecord cleared = r.withToken(null, null);
        servers.updateToken(cleared);
        LOG.info("server {}: token cleared", r.id());
        events.changed();
        return cleared.toServer();
    }

    public void remove(long serverId) {
        ServerRecord r = record(serverId);
        servers.delete(r.id());
        LOG.info("server {} removed", r.id());
        events.changed();
    }

    public Server rename(long serverId, String newName) {
        ServerRecord r = record(serverId);
        String clean = validName(newName);
        try {
            servers.rename(r.id(), clean);
        } catch (DuplicateNameException e) {
            throw new ConsoleException(e, "servers.error.duplicate", clean);
        }
        events.changed();
        return get(r.id());
    }

    public Server setEndpoint(long serverId, URI endpoint) {
        ServerRecord r = record(serverId);
        servers.updateEndpoint(r.id(), validEndpoint(endpoint));
        events.changed();
        return get(r.id());
    }

    /** The decrypted token, for signing Apple requests only. Requires an unlocked secret store. */
    public ServerToken token(long serverId) {
        ServerRecord r = record(serverId);
        return storedToken(r).orElseThrow(() -> new ConsoleException("servers.error.notLinked", r.name()));
    }

    /** Servers whose token expires within 30 days or has expired, most urgent first. */
    public List<Server> needingAttention() {
        return list().stream().filter(s -> s.tokenState(clock).needsAttention())
                .sorted(java.util.Comparator.comparing(s -> s.token().orElseThrow().expiry())).toList();
    }

    public Clock clock() {
        return clock;
    }

    /** Parses a user-typed base URL: absolute http(s), no query; a trailing slash is dropped. */
    public static URI validEndpoint(URI endpoint) {
        if (endpoint == null || endpoint.getScheme() == null || endpoint.getHost() == null
                || !(endpoint.getScheme().equals("https") || endpoint.getScheme().equals("http")) || endpoint.getQuery() != null) {
            throw new ConsoleException("servers.error.endpoint", String.valueOf(endpoint));
        }
        String s = endpoint.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : endpoint;
    }

    public static URI parseEndpoint(String text) {
        try {
            return validEndpoint(URI.create(text.trim()));
        } catch (IllegalArgumentException e) {
            throw new ConsoleException("servers.error.endpoint", text);
        }
    }

    private Server create(String name, URI endpoint, boolean simulated, ServerKeyMaterial keys) {
        String uid = UUID.randomUUID().toString();
        ServerRecord r;
        try {
            r = servers.insert(new ServerRecord(0, uid, name, validEndpoint(endpoint), simulated, clock.instant(), null, null, null, null, null));
        } catch (DuplicateNameException e) {
            throw new ConsoleException(e, "servers.error.duplicate", name);
        }
        ServerRecord withKeys = r.withKeys(keys.certificatePem(), keys.summary(), seal(uid, "private-key", keys.privateKeyPkcs8()));
        servers.updateKeys(withKeys);
        events.changed();
        return withKeys.toServer();
    }

    private ServerKeyMaterial keys(ServerRecord r) {
        if (r.sealedPrivateKey() == null || r.certificatePem() == null) {
            throw new ConsoleException("servers.error.noCertificate", r.name());
        }
        return ServerKeys.fromStored(secrets.open(purpose(r.uid(), "private-key"), r.sealedPrivateKey()), r.certificatePem());
    }

    private Optional<ServerToken> storedToken(ServerRecord r) {
        if (r.sealedToken() == null) {
            return Optional.empty();
        }
        return Optional.of(TokenJson.read(new String(secrets.open(purpose(r.uid(), "token"), r.sealedToken()), StandardCharsets.UTF_8)));
    }

    private byte[] seal(String uid, String what, byte[] plaintext) {
        return secrets.seal(purpose(uid, what), plaintext);
    }

    static String purpose(String uid, String what) {
        return "server/" + uid + "/" + what;
    }

    private ServerRecord record(String name) {
        return servers.findByName(name == null ? "" : name.trim()).orElseThrow(() -> new ServerNotFoundException(name));
    }

    private ServerRecord record(long id) {
        return servers.findById(id).orElseThrow(() -> new ServerNotFoundException("#" + id));
    }

    /** The name stripped, or a sentence saying what is wrong with it (empty, too long, control characters). */
    public static String validName(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty()) {
            throw new ConsoleException("servers.error.nameEmpty");
        }
        if (clean.length() > MAX_NAME_LENGTH) {
            throw new ConsoleException("servers.error.nameTooLong", MAX_NAME_LENGTH);
        }
        if (clean.chars().anyMatch(Character::isISOControl)) {
            throw new ConsoleException("servers.error.nameInvalid");
        }
        return clean;
    }
}
