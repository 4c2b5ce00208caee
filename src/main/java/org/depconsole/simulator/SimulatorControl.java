package org.depconsole.simulator;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.depconsole.crypto.TokenSealer;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.ServerToken;

/**
 * What tests and demos do to the simulated world: the admin's portal steps, devices arriving,
 * changing and leaving, time passing, and faults. Every method is also reachable over HTTP under
 * {@code /_sim/} (see {@link DepSimulator}). Thread-safe.
 */
public final class SimulatorControl {

    private static final Pattern PEM = Pattern.compile("-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----");

    private final SimulatorState state;
    private final Faults faults;
    private final Counters counters;
    private final Clock clock;

    SimulatorControl(SimulatorState state, Faults faults, Counters counters, Clock clock) {
        this.state = state;
        this.faults = faults;
        this.counters = counters;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ portal step

    /**
     * The admin uploads the MDM server's public-key certificate (PEM; anything around the PEM block,
     * such as a multipart form, is ignored). The key must be RSA: Apple encrypts with RSA key transport.
     *
     * @throws ConsoleException {@code simulator.error.certificate} when no RSA certificate can be read
     */
    public void uploadCertificate(byte[] pem) {
        Matcher m = PEM.matcher(new String(pem, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new ConsoleException("simulator.error.certificate");
        }
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(m.group().getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new ConsoleException(e, "simulator.error.certificate");
        }
        if (!(cert.getPublicKey() instanceof RSAPublicKey)) {
            throw new ConsoleException("simulator.error.certificate");
        }
        state.uploadCertificate(cert);
    }

    /**
     * The admin clicks "Download Token": a new token (fresh secrets; the consumer key stays, as for
     * the same admin) sealed to the uploaded certificate exactly like Apple Business Manager. The
     * previous token stops working at once.
     *
     * @throws ConsoleException {@code simulator.error.noCertificate} before any certificate was uploaded
     */
    public TokenFile downloadToken() {
        X509Certificate cert = state.certificate();
        if (cert == null) {
            throw new ConsoleException("simulator.error.noCertificate");
        }
        ServerToken token = state.renewToken();
        byte[] sealed = TokenSealer.sealLikeApple(token, cert);
        return new TokenFile(state.tokenFileName(clock.instant()), sealed);
    }

    /** The token that currently works, for tests that sign {@code /session} themselves. */
    public ServerToken token() {
        return state.token();
    }

    // ------------------------------------------------------------------ devices

    /** New devices assigned to this server in the portal: sync reports them as {@code added}. Returns their serials. */
    public List<String> addDevices(int n) {
        return state.addDevices(requireCount(n));
    }

    /** Changes {@code n} random devices (a new asset tag): {@code modified}. Returns their serials. */
    public List<String> modifyDevices(int n) {
        return state.modifyDevices(requireCount(n));
    }

    /** Unassigns {@code n} random devices from this server (they go to another server of the org): {@code deleted}. */
    public List<String> deleteDevices(int n) {
        return state.deleteDevices(requireCount(n));
    }

    /**
     * Moves {@code n} org devices from another MDM server to this one. Like Apple, sync reports them as
     * {@code modified} with profile_status {@code removed}, not {@code added} (dep-api.md §6.3 pitfall 4).
     */
    public List<String> moveInDevices(int n) {
        return state.moveInDevices(requireCount(n));
    }

    /**
     * The admin reassigns these devices in the portal to this same server: sync reports them {@code modified} with
     * profile_status {@code removed} and the old profile_uuid (dep-api.md §6.3 pitfall 5). Returns the known ones.
     */
    public List<String> reassignInPortal(Collection<String> serials) {
        return state.reassignInPortal(List.copyOf(serials));
    }

    /** Devices ran Setup Assistant: those with profile_status {@code assigned} become {@code pushed}. Returns the ones that changed. */
    public List<String> activate(Collection<String> serials) {
        return state.activate(List.copyOf(serials));
    }

    public int deviceCount() {
        return state.deviceCount();
    }

    /** Serials currently assigned to this server, in fetch order. */
    public List<String> serials() {
        return state.serials();
    }

    /** profile_status of a device on this server, or null when it is not (NOT_ACCESSIBLE). */
    public String profileStatus(String serial) {
        SimDevice d = state.device(serial);
        return d == null ? null : d.profileStatus();
    }

    public String serverUuid() {
        return state.serverUuid;
    }

    // ------------------------------------------------------------------ time, cursors, sessions

    /**
     * Moves the simulator's clock (sessions, cursors, throttling, token expiry all follow).
     *
     * @throws ConsoleException {@code simulator.error.clock} unless the simulator runs on a {@link MutableClock}
     */
    public Instant advanceClock(Duration amount) {
        if (!(clock instanceof MutableClock mutable)) {
            throw new ConsoleException("simulator.error.clock");
        }
        return mutable.advance(amount);
    }

    /** The simulator's "now" (its configured clock, whole seconds). */
    public Instant now() {
        return state.now();
    }

    /** Makes every cursor issued at least {@code age} ago answer {@code EXPIRED_CURSOR}. Returns how many. */
    public int expireCursorsOlderThan(Duration age) {
        return state.expireCursorsOlderThan(age);
    }

    public int expireAllCursors() {
        return state.expireCursorsOlderThan(Duration.ZERO);
    }

    /** Every session value stops working: the next API call gets {@code 401 UNAUTHORIZED}. */
    public void expireAllSessions() {
        state.expireAllSessions();
    }

    /** Every {@code n}-th authenticated API call returns a new {@code X-ADM-Auth-Session} header; 0 (default) turns it off. */
    public void rotateSessionEvery(int n) {
        state.rotateSessionEvery(n);
    }

    public int activeSessions() {
        return state.sessionCount();
    }

    // ------------------------------------------------------------------ per-device assignment results and faults

    /** Assign Profile answers {@code THROTTLED} for these serials for the next {@code retryAfterSeconds} (simulator clock). */
    public void throttle(Collection<String> serials, long retryAfterSeconds) {
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be positive");
        }
        state.throttle(List.copyOf(serials), retryAfterSeconds);
    }

    /** Assign Profile answers {@code FAILED} for these serials until {@link #clearAssignFaults()}. */
    public void failAssign(Collection<String> serials) {
        state.failAssign(List.copyOf(serials));
    }

    public void clearAssignFaults() {
        state.clearAssignFaults();
    }

    public void addFault(FaultPlan plan) {
        faults.add(plan);
    }

    /** The next sync answers with its own cursor, no devices and {@code more_to_follow: true}. */
    public void echoCursorOnNextSync() {
        faults.add(FaultPlan.echoCursor());
    }

    public void clearFaults() {
        faults.clear();
    }

    public int pendingFaults() {
        return faults.pending();
    }

    /** While true, every API call (including {@code /session}) answers {@code 403 T_C_NOT_SIGNED}. */
    public void termsNotAccepted(boolean notAccepted) {
        state.termsAccepted(!notAccepted);
    }

    // ------------------------------------------------------------------ counters

    /** Requests received for an API path (any method, whatever the answer), e.g. {@code requestCount("/session")}. */
    public long requestCount(String path) {
        return counters.get(path);
    }

    public Map<String, Long> requestCounts() {
        return counters.snapshot();
    }

    public void resetCounters() {
        counters.reset();
    }

    private static int requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        return n;
    }
}
