package org.depconsole.simulator;

import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.depconsole.domain.business.ApiFamily;

/**
 * What tests, the first-run guide and demos do to the simulated organization behind the Apple Business API: its MDM
 * servers (each with the DEP-side {@link SimulatorControl} of its own token), API accounts and their keys, rate limits,
 * activity timing and failures, and the log of API requests. Thread-safe. Reachable over HTTP under {@code /_sim/org/}.
 *
 * <p>Entry point for the first-run guide: {@link #demoApiAccount()} gives the organization's API account (client ID,
 * key ID, key PEM); {@link #serverNames()} and {@link #server(String)} give each MDM server's portal steps.
 */
public final class OrganizationControl {

    /** One request to the business API as the simulator saw it. {@code at} is on the simulator clock. */
    public record ApiRequest(Instant at, String method, String path, int status, String clientId) {
    }

    private final SimOrganization org;
    private final Map<String, SimulatorControl> controls;
    private ApiAccountFile demoAccount;

    OrganizationControl(SimOrganization org, Map<String, SimulatorControl> controlsByServerId) {
        this.org = org;
        this.controls = Map.copyOf(controlsByServerId);
    }

    // ------------------------------------------------------------------ MDM servers

    /** The MDM servers' names, the first one being the simulator's main server ({@code DepSimulator.control()}). */
    public List<String> serverNames() {
        return org.servers().stream().map(s -> s.config().serverName()).toList();
    }

    /** The DEP-side control of a server (portal certificate upload, token download, device changes, faults). */
    public SimulatorControl server(String name) {
        SimulatorState s = org.serverByName(name);
        if (s == null) {
            throw new IllegalArgumentException("no simulated MDM server named " + name);
        }
        return controls.get(s.serverUuid);
    }

    /** The {@code mdmServers} id of a server: the same value as its DEP {@code server_uuid}. */
    public String serverId(String name) {
        return server(name).serverUuid();
    }

    // ------------------------------------------------------------------ API accounts

    /**
     * The portal's "create API account" + "Generate Private Key": a new P-256 key pair; the simulator keeps only the
     * public key.
     *
     * @throws IllegalStateException beyond 50 accounts
     */
    public ApiAccountFile createApiAccount(String name, ApiFamily family) {
        return file(name, org.createAccount(name, family));
    }

    /**
     * The API account of the first-run guide's organization: created on the first call (an Apple Business account named
     * "DEP Console"), the same file on later calls of this simulator run.
     */
    public synchronized ApiAccountFile demoApiAccount() {
        if (demoAccount == null || org.account(demoAccount.clientId()) == null) {
            demoAccount = createApiAccount("DEP Console", ApiFamily.BUSINESS);
        }
        return demoAccount;
    }

    /** "Generate Private Key" again: a new key ID and file; the previous key is revoked at once. */
    public ApiAccountFile regenerateKey(String clientId) {
        SimOrganization.Account acc = org.account(clientId);
        if (acc == null) {
            throw new IllegalArgumentException("no API account " + clientId);
        }
        return file(acc.name, org.regenerateKey(clientId));
    }

    /** Revokes the account's key; tokens issued with it stop working. */
    public void revokeKey(String clientId) {
        org.revokeKey(clientId);
    }

    public void deleteApiAccount(String clientId) {
        org.deleteAccount(clientId);
    }

    /**
     * Registers an account whose private key the console already holds, e.g. after the console restarted the
     * simulator (which keeps no state across runs): pass the public key computed from the stored private key.
     */
    public void restoreApiAccount(String name, String clientId, String keyId, ECPublicKey publicKey) {
        org.restoreAccount(name, clientId, keyId, publicKey);
    }

    public List<String> apiAccountIds() {
        return org.accountIds();
    }

    /** Every access token stops working (as if an hour had passed). */
    public void expireAccessTokens() {
        org.expireAllTokens();
    }

    private static ApiAccountFile file(String name, SimOrganization.NewAccount acc) {
        String label = name == null || name.isBlank() ? "API account" : name.strip();
        String fileName = label.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}\\s]+", "_") + "_private-key.pem";
        return new ApiAccountFile(label, acc.clientId(), acc.keyId(), acc.privateKeyPem(), fileName);
    }

    // ------------------------------------------------------------------ behaviour

    public BusinessApiSettings settings() {
        return org.settings();
    }

    /** Switches the 429 rate limits on or off (counting starts afresh). */
    public void rateLimited(boolean on) {
        org.settings(org.settings().withRateLimited(on));
        org.resetRateWindows();
    }

    public void rates(int getsPerMinute, int postsPerHour) {
        org.settings(org.settings().withRates(getsPerMinute, postsPerHour));
        org.resetRateWindows();
    }

    /** How long activities run and how long after completion the DEP side shows their effect (simulator clock). */
    public void timing(Duration activityDuration, Duration depDelay) {
        org.settings(org.settings().withTiming(activityDuration, depDelay));
    }

    /** The next activity that names one of these serials fails for it (a per-device failure row). */
    public void failInNextActivity(Collection<String> serials) {
        org.failInNextActivity(new ArrayList<>(serials));
    }

    // ------------------------------------------------------------------ inspection

    /** Applies whatever the simulator clock has made due (activities, DEP-side moves); requests do this too. */
    public void tick() {
        org.tick();
    }

    public int deviceCount() {
        org.tick();
        return org.totalDevices();
    }

    /** The organization's view: the {@code mdmServers} id the device is assigned to, or null (unassigned or unknown). */
    public String assignedServerId(String serial) {
        org.tick();
        return org.serverOf(serial);
    }

    public List<String> unassignedSerials() {
        org.tick();
        return org.unassignedSerials();
    }

    /** DEP-side moves still waiting for their delay. */
    public int pendingDepMoves() {
        org.tick();
        return org.pendingDepMoves();
    }

    public List<ApiRequest> apiRequests() {
        return org.requestLog().stream().map(r -> new ApiRequest(r.at(), r.method(), r.path(), r.status(), r.clientId())).toList();
    }

    public void clearApiRequests() {
        org.clearLog();
    }
}
