package org.depconsole.simulator;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.depconsole.crypto.ApiKeys;
import org.depconsole.domain.business.ActivityType;
import org.depconsole.domain.business.ApiFamily;
import org.depconsole.domain.business.AppleBusinessApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated organization behind the Apple Business / School Manager API (apple-business-api.md §10): its MDM
 * servers (each a {@link SimulatorState}, i.e. a DEP server with its own token), every device and the server it sits
 * on, devices on no server, released devices, API accounts with P-256 keys, access tokens, activities and rate limits.
 *
 * <p>Locking: this object's monitor first, then a server's. A server never calls back into the organization: its
 * DEP-side membership changes (portal controls, disown) queue up in {@link SimulatorState#memberChanges} and are
 * applied by {@link #tick()}, which every request of either API runs first, as it also completes activities and
 * applies their DEP-side effects once their delay has passed on the simulator clock.
 */
final class SimOrganization {

    private static final Logger LOG = LoggerFactory.getLogger(SimOrganization.class);
    static final int MAX_ACCOUNTS = 50;
    static final int MAX_LOG = 20_000;
    static final Duration DOWNLOAD_LIFETIME = Duration.ofSeconds(60);

    /** One device of the organization. {@code dep} is its DEP record while on no server (kept for a later assignment). */
    static final class Entry {
        final String serial;
        final OrgFacts facts;
        SimulatorState server;
        SimDevice dep;
        Instant updated;
        Instant released;
        boolean everOnServer;

        Entry(String serial, OrgFacts facts) {
            this.serial = serial;
            this.facts = facts;
        }
    }

    /** A consistent copy of an {@link Entry}, taken under the lock, for serialising outside it. */
    record View(String serial, OrgFacts facts, SimulatorState server, Instant updated, Instant released) {
    }

    /** What Apple's purchase records say about a device: fixed for its life. */
    record OrgFacts(SimDevice device, Instant addedToOrg, String orderNumber, Instant orderDate, String partNumber, String capacity,
                    String purchaseSourceType, String purchaseSourceId) {
    }

    /** A registered API account: only the public key is kept, as Apple does. */
    static final class Account {
        final String clientId;
        final ApiFamily family;
        final String name;
        final Instant created;
        String keyId;
        ECPublicKey publicKey;
        final List<String> revokedKeyIds = new ArrayList<>();

        Account(String clientId, ApiFamily family, String name, Instant created) {
            this.clientId = clientId;
            this.family = family;
            this.name = name;
            this.created = created;
        }
    }

    record AccessToken(String value, String clientId, ApiFamily family, Instant expiresAt) {
    }

    static final class Activity {
        final String id;
        final ActivityType type;
        final String clientId;
        final String serverId;
        final List<String> serials;
        final Instant created;
        final Instant completes;
        final Map<String, String> failures = new LinkedHashMap<>();
        boolean applied;
        String downloadToken;
        Instant downloadExpires;
        String csv;

        Activity(String id, ActivityType type, String clientId, String serverId, List<String> serials, Instant created, Instant completes) {
            this.id = id;
            this.type = type;
            this.clientId = clientId;
            this.serverId = serverId;
            this.serials = List.copyOf(serials);
            this.created = created;
            this.completes = completes;
        }
    }

    /** A DEP-side effect waiting for its delay. */
    private record PendingMove(Instant at, String serial, SimulatorState from, SimulatorState to, boolean asAdded, String by) {
    }

    /** One request to the business API as the simulator saw it (simulator clock). */
    record LoggedRequest(Instant at, String method, String path, int status, String clientId) {
    }

    private final Clock clock;
    private final SecureRandom secure = new SecureRandom();
    private final List<SimulatorState> servers = new ArrayList<>();
    private final Map<String, Instant> serverCreated = new HashMap<>();
    private final TreeMap<String, Entry> devices = new TreeMap<>();
    private final TreeMap<String, Entry> released = new TreeMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, AccessToken> tokens = new HashMap<>();
    private final Map<String, Activity> activities = new LinkedHashMap<>();
    private final Map<String, Activity> downloads = new HashMap<>();
    private final List<PendingMove> pending = new ArrayList<>();
    private final Map<String, ArrayDeque<Instant>> getWindows = new HashMap<>();
    private final Map<String, ArrayDeque<Instant>> postWindows = new HashMap<>();
    private final ArrayDeque<LoggedRequest> log = new ArrayDeque<>();
    private final java.util.Set<String> failNextActivity = new java.util.HashSet<>();
    private final SplittableRandom facts;
    private BusinessApiSettings settings;
    private final String orgName;

    SimOrganization(SimulatorConfig config, List<SimulatorState> states) {
        this.clock = config.clock();
        this.settings = config.api();
        this.orgName = config.orgName();
        this.facts = new SplittableRandom(config.seed() ^ 0x0A1B2C3DL);
        Instant now = now();
        for (SimulatorState s : states) {
            servers.add(s);
            serverCreated.put(s.serverUuid, now.minus(Duration.ofDays(400 + servers.size() * 17L)));
            for (String serial : s.serials()) {
                SimDevice d = s.device(serial);
                Entry e = new Entry(serial, factsFor(d, d.assignedDate()));
                e.server = s;
                e.everOnServer = true;
                e.updated = d.assignedDate();
                devices.put(serial, e);
            }
        }
        DeviceFactory pool = new DeviceFactory(config.seed() ^ 0x7E57AB1EL, now, List.of("procurement@example.org"), List.of(), "ORG");
        for (int i = 0; i < config.unassignedDevices(); i++) {
            SimDevice d = pool.arriving(i, now.minus(Duration.ofDays(1 + facts.nextInt(300))));
            if (devices.containsKey(d.serial())) {
                continue;
            }
            Entry e = new Entry(d.serial(), factsFor(d, d.assignedDate()));
            e.dep = d;
            e.updated = d.assignedDate();
            devices.put(d.serial(), e);
        }
    }

    private OrgFacts factsFor(SimDevice d, Instant around) {
        Instant added = around.minus(Duration.ofHours(1 + facts.nextInt(72))).truncatedTo(ChronoUnit.MILLIS).plusMillis(facts.nextInt(1000));
        Instant ordered = added.minus(Duration.ofDays(1 + facts.nextInt(14))).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(7));
        String order = (facts.nextBoolean() ? "W" : "D") + (1_000_000 + facts.nextInt(9_000_000));
        String part = partNumber(d);
        boolean reseller = facts.nextInt(100) < 35;
        String source = reseller ? Integer.toString(100_000 + facts.nextInt(900_000)) : Integer.toString(1_000_000 + facts.nextInt(100));
        return new OrgFacts(d, added, order, ordered, part, capacity(d.description()), reseller ? "RESELLER" : "APPLE", source);
    }

    private String partNumber(SimDevice d) {
        String letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        StringBuilder b = new StringBuilder("M");
        for (int i = 0; i < 4; i++) {
            b.append(letters.charAt(facts.nextInt(letters.length())));
        }
        return b.append(facts.nextInt(10)).append("LL/A").toString();
    }

    private static String capacity(String description) {
        var m = java.util.regex.Pattern.compile("(\\d+(?:GB|TB))(?:/(\\d+(?:GB|TB)))?").matcher(description == null ? "" : description);
        String last = null;
        while (m.find()) {
            last = m.group(2) != null ? m.group(2) : m.group(1);
        }
        return last;
    }

    Instant now() {
        return clock.instant();
    }

    synchronized BusinessApiSettings settings() {
        return settings;
    }

    synchronized void settings(BusinessApiSettings next) {
        this.settings = next;
    }

    List<SimulatorState> servers() {
        return servers;
    }

    SimulatorState server(String id) {
        for (SimulatorState s : servers) {
            if (s.serverUuid.equals(id)) {
                return s;
            }
        }
        return null;
    }

    SimulatorState serverByName(String name) {
        for (SimulatorState s : servers) {
            if (s.config().serverName().equalsIgnoreCase(name.strip())) {
                return s;
            }
        }
        return null;
    }

    Instant serverCreated(SimulatorState s) {
        return serverCreated.get(s.serverUuid);
    }

    // ---------------------------------------------------------------- DEP routing

    /** The server a {@code /session} request signs for (by its consumer key), or the first server (which then refuses it). */
    SimulatorState serverForConsumerKey(String consumerKey) {
        for (SimulatorState s : servers) {
            if (s.consumerKey().equals(consumerKey)) {
                return s;
            }
        }
        return servers.get(0);
    }

    /** The server that issued this session, or the first server (which then answers 401). */
    SimulatorState serverForSession(String session) {
        if (session != null) {
            for (SimulatorState s : servers) {
                if (s.hasSession(session)) {
                    return s;
                }
            }
        }
        return servers.get(0);
    }

    // ---------------------------------------------------------------- time passes

    /** Applies DEP-side membership changes, completes due activities and applies due DEP-side moves. */
    synchronized void tick() {
        Instant now = now();
        for (SimulatorState s : servers) {
            for (SimulatorState.MemberChange c; (c = s.memberChanges.poll()) != null; ) {
                Entry e = devices.get(c.serial());
                switch (c.kind()) {
                    case JOINED -> {
                        if (e == null) {
                            e = new Entry(c.serial(), factsFor(c.device(), now));
                            devices.put(c.serial(), e);
                        }
                        e.server = s;
                        e.dep = null;
                        e.everOnServer = true;
                        e.updated = now;
                    }
                    case LEFT -> {
                        if (e != null && e.server == s) {
                            e.server = null;
                            e.dep = c.device();
                            e.updated = now;
                        }
                    }
                    case RELEASED -> {
                        if (e != null) {
                            devices.remove(c.serial());
                            e.server = null;
                            e.released = now;
                            e.updated = now;
                            released.put(c.serial(), e);
                        }
                    }
                    default -> throw new IllegalStateException(c.kind().name());
                }
            }
        }
        for (Activity a : activities.values()) {
            if (!a.applied && !now.isBefore(a.completes)) {
                complete(a);
            }
        }
        for (var it = pending.iterator(); it.hasNext(); ) {
            PendingMove m = it.next();
            if (!now.isBefore(m.at())) {
                it.remove();
                SimDevice d = m.from() == null ? null : m.from().removeForMove(m.serial(), m.at());
                if (m.to() != null) {
                    Entry e = devices.get(m.serial());
                    SimDevice record = d != null ? d : e != null && e.dep != null ? e.dep : e != null ? e.facts.device() : null;
                    if (record != null) {
                        m.to().insertMoved(record, m.asAdded(), m.by(), m.at());
                        if (e != null) {
                            e.dep = null;
                        }
                    }
                } else if (d != null) {
                    Entry e = devices.get(m.serial());
                    if (e != null) {
                        e.dep = d;
                    }
                }
            }
        }
        activities.values().removeIf(a -> a.applied && now.isAfter(a.created.plus(AppleBusinessApi.ACTIVITY_RETENTION)));
    }

    /** The activity's time has come: per-device outcomes, the organization's new state, DEP-side effects after the delay. */
    private void complete(Activity a) {
        a.applied = true;
        SimulatorState target = a.type == ActivityType.ASSIGN_DEVICES ? server(a.serverId) : null;
        Instant at = a.completes;
        Instant depAt = at.plus(settings.depDelay());
        String by = accountName(a.clientId);
        StringBuilder csv = new StringBuilder("Serial Number,Activity,Status,Message\n");
        for (String serial : a.serials) {
            Entry e = devices.get(serial);
            String failure = a.failures.get(serial);
            if (failure == null && e == null) {
                failure = released.containsKey(serial) ? "The device was released from the organization." : "The device is not in the organization.";
            }
            if (failure == null && a.type == ActivityType.ASSIGN_DEVICES && e.server == target) {
                failure = "The device is already assigned to this device management service.";
            }
            if (failure == null && a.type == ActivityType.UNASSIGN_DEVICES && e.server == null) {
                failure = "The device is not assigned to a device management service.";
            }
            if (failure != null) {
                a.failures.put(serial, failure);
                csv.append(serial).append(',').append(a.type.name()).append(",FAILED,\"").append(failure).append("\"\n");
                continue;
            }
            SimulatorState from = e.server;
            boolean asAdded = a.type == ActivityType.ASSIGN_DEVICES && (settings.movesAsAdded() || !e.everOnServer);
            e.server = target;
            e.updated = at;
            if (target != null) {
                e.everOnServer = true;
            }
            pending.add(new PendingMove(depAt, serial, from, target, asAdded, by));
            csv.append(serial).append(',').append(a.type.name()).append(",SUCCESS,\n");
        }
        a.csv = csv.toString();
        LOG.debug("activity {} ({}) completed: {} devices, {} failed", a.id, a.type, a.serials.size(), a.failures.size());
    }

    private String accountName(String clientId) {
        Account acc = accounts.get(clientId);
        return acc == null ? "api" : acc.name;
    }

    // ---------------------------------------------------------------- accounts and tokens

    record NewAccount(String clientId, String keyId, String privateKeyPem) {
        @Override
        public String toString() {
            return "NewAccount[clientId=" + clientId + ", keyId=" + keyId + ", privateKeyPem=(hidden)]";
        }
    }

    synchronized NewAccount createAccount(String name, ApiFamily family) {
        if (accounts.size() >= MAX_ACCOUNTS) {
            throw new IllegalStateException("an organization has at most " + MAX_ACCOUNTS + " API accounts");
        }
        String clientId = family.clientIdPrefix() + UUID.randomUUID();
        Account acc = new Account(clientId, family, name == null || name.isBlank() ? "API account" : name.strip(), now());
        accounts.put(clientId, acc);
        return newKey(acc);
    }

    /** "Generate Private Key" for an existing account: the previous key id is revoked. */
    synchronized NewAccount regenerateKey(String clientId) {
        Account acc = accounts.get(clientId);
        if (acc == null) {
            throw new IllegalArgumentException("no API account " + clientId);
        }
        return newKey(acc);
    }

    private NewAccount newKey(Account acc) {
        if (acc.keyId != null) {
            acc.revokedKeyIds.add(acc.keyId);
            tokens.values().removeIf(t -> t.clientId().equals(acc.clientId));
        }
        KeyPair pair = ApiKeys.generate();
        acc.keyId = UUID.randomUUID().toString();
        acc.publicKey = (ECPublicKey) pair.getPublic();
        LOG.info("portal: API account {} ({}) has key {}", acc.name, acc.clientId, acc.keyId);
        return new NewAccount(acc.clientId, acc.keyId, ApiKeys.portalPem(pair.getPrivate()));
    }

    /** Re-registers an account the console already holds the key of (a restarted simulator forgot it). */
    synchronized void restoreAccount(String name, String clientId, String keyId, ECPublicKey publicKey) {
        ApiFamily family = ApiFamily.ofClientId(clientId).orElseThrow(() -> new IllegalArgumentException("not an API client id"));
        Account acc = accounts.computeIfAbsent(clientId, id -> new Account(id, family, name == null ? "API account" : name, now()));
        acc.keyId = keyId;
        acc.publicKey = publicKey;
    }

    /** Revokes the account's current key without issuing a new one. */
    synchronized void revokeKey(String clientId) {
        Account acc = accounts.get(clientId);
        if (acc != null && acc.keyId != null) {
            acc.revokedKeyIds.add(acc.keyId);
            acc.keyId = null;
            acc.publicKey = null;
            tokens.values().removeIf(t -> t.clientId().equals(clientId));
        }
    }

    synchronized void deleteAccount(String clientId) {
        accounts.remove(clientId);
        tokens.values().removeIf(t -> t.clientId().equals(clientId));
    }

    synchronized Account account(String clientId) {
        return accounts.get(clientId);
    }

    synchronized List<String> accountIds() {
        return new ArrayList<>(accounts.keySet());
    }

    synchronized AccessToken issueToken(Account acc) {
        byte[] b = new byte[32];
        secure.nextBytes(b);
        AccessToken t = new AccessToken(Base64.getUrlEncoder().withoutPadding().encodeToString(b), acc.clientId, acc.family,
                now().plus(AppleBusinessApi.ACCESS_TOKEN_LIFETIME));
        Instant now = now();
        tokens.values().removeIf(x -> !now.isBefore(x.expiresAt()));
        tokens.put(t.value(), t);
        return t;
    }

    synchronized AccessToken token(String value) {
        return value == null ? null : tokens.get(value);
    }

    synchronized void expireAllTokens() {
        tokens.clear();
    }

    // ---------------------------------------------------------------- rate limits and request log

    /** Seconds to wait when this request is over the account's limit, else 0 (and the request is counted). */
    synchronized long admit(String clientId, boolean post) {
        if (!settings.rateLimited()) {
            return 0;
        }
        Instant now = now();
        Duration window = post ? Duration.ofHours(1) : Duration.ofMinutes(1);
        int max = post ? settings.postsPerHour() : settings.getsPerMinute();
        ArrayDeque<Instant> q = (post ? postWindows : getWindows).computeIfAbsent(clientId, k -> new ArrayDeque<>());
        while (!q.isEmpty() && !q.peekFirst().plus(window).isAfter(now)) {
            q.pollFirst();
        }
        if (q.size() >= max) {
            long ms = Duration.between(now, q.peekFirst().plus(window)).toMillis();
            return Math.max(1, (ms + 999) / 1000);
        }
        q.addLast(now);
        return 0;
    }

    synchronized void resetRateWindows() {
        getWindows.clear();
        postWindows.clear();
    }

    synchronized void log(LoggedRequest r) {
        log.addLast(r);
        while (log.size() > MAX_LOG) {
            log.pollFirst();
        }
    }

    synchronized List<LoggedRequest> requestLog() {
        return new ArrayList<>(log);
    }

    synchronized void clearLog() {
        log.clear();
    }

    // ---------------------------------------------------------------- queries

    /** Devices of the organization in serial order, starting after {@code afterSerial} (null: from the start). */
    synchronized List<View> page(String afterSerial, int limit) {
        NavigableMap<String, Entry> tail = afterSerial == null ? devices : devices.tailMap(afterSerial, false);
        List<View> out = new ArrayList<>(Math.min(limit, tail.size()));
        for (Entry e : tail.values()) {
            if (out.size() >= limit) {
                break;
            }
            out.add(view(e));
        }
        return out;
    }

    private static View view(Entry e) {
        return new View(e.serial, e.facts, e.server, e.updated, e.released);
    }

    synchronized boolean hasAfter(String serial) {
        return devices.higherKey(serial) != null;
    }

    synchronized View device(String serial) {
        Entry e = devices.get(serial);
        e = e != null ? e : released.get(serial);
        return e == null ? null : view(e);
    }

    synchronized int deviceCount(SimulatorState s) {
        int n = 0;
        for (Entry e : devices.values()) {
            if (e.server == s) {
                n++;
            }
        }
        return n;
    }

    /** Serials on a server (the organization's view), in order, after {@code afterSerial}. */
    synchronized List<String> serverSerials(SimulatorState s, String afterSerial, int limit, boolean[] more) {
        NavigableMap<String, Entry> tail = afterSerial == null ? devices : devices.tailMap(afterSerial, false);
        List<String> out = new ArrayList<>();
        for (Entry e : tail.values()) {
            if (e.server != s) {
                continue;
            }
            if (out.size() >= limit) {
                more[0] = true;
                return out;
            }
            out.add(e.serial);
        }
        more[0] = false;
        return out;
    }

    synchronized int totalDevices() {
        return devices.size();
    }

    synchronized List<String> unassignedSerials() {
        return devices.values().stream().filter(e -> e.server == null).map(e -> e.serial).toList();
    }

    synchronized String serverOf(String serial) {
        Entry e = devices.get(serial);
        return e == null || e.server == null ? null : e.server.serverUuid;
    }

    // ---------------------------------------------------------------- activities

    /** Validated by the handler (409 for unknown serials or server); creates the activity, IN_PROGRESS. */
    synchronized Activity createActivity(String clientId, ActivityType type, String serverId, List<String> serials) {
        Instant now = now();
        Activity a = new Activity(UUID.randomUUID().toString(), type, clientId, serverId, serials, now, now.plus(settings.activityDuration()));
        for (String s : serials) {
            if (failNextActivity.remove(s)) {
                a.failures.put(s, "The device could not be processed; try again later.");
            }
        }
        activities.put(a.id, a);
        if (settings.activityDuration().isZero()) {
            complete(a);
        }
        return a;
    }

    synchronized Activity activity(String id) {
        return activities.get(id);
    }

    synchronized void failInNextActivity(List<String> serials) {
        failNextActivity.addAll(serials);
    }

    /** A fresh one-minute download link for a completed activity's CSV. */
    synchronized String downloadToken(Activity a) {
        Instant now = now();
        if (a.downloadToken == null || !now.isBefore(a.downloadExpires)) {
            if (a.downloadToken != null) {
                downloads.remove(a.downloadToken);
            }
            byte[] b = new byte[18];
            secure.nextBytes(b);
            a.downloadToken = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            a.downloadExpires = now.plus(DOWNLOAD_LIFETIME);
            downloads.put(a.downloadToken, a);
        }
        return a.downloadToken;
    }

    /** The CSV behind a download token, or null when unknown or expired. */
    synchronized String download(String token) {
        Activity a = downloads.get(token);
        if (a == null || !now().isBefore(a.downloadExpires)) {
            return null;
        }
        return a.csv;
    }

    /** The file name Apple's links carry, e.g. {@code ABM-ActivityLog_May-1-2025_14-22-40.csv}. */
    static String logFileName(Instant at) {
        var t = at.atZone(java.time.ZoneOffset.UTC);
        return "ABM-ActivityLog_" + t.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + "-" + t.getDayOfMonth()
                + "-" + t.getYear() + "_" + t.getHour() + "-" + t.getMinute() + "-" + t.getSecond() + ".csv";
    }

    String orgName() {
        return orgName;
    }

    synchronized int pendingDepMoves() {
        return pending.size();
    }
}
