package org.depconsole.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Server;
import org.depconsole.persistence.SettingsRepository;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.simulator.TokenFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Explore with a simulated Apple service": runs the built-in simulator inside the console on loopback, with a few
 * thousand devices, so the whole link-and-sync flow can be walked without an Apple account. Servers linked to it are
 * marked simulated. The simulator keeps no state across runs, so on the next start {@link #resume()} starts it again
 * (same seed, same devices) and links the simulated servers to it once more; {@link #removeAll()} deletes every
 * simulated server with its devices and stops the simulator.
 */
public final class DemoService implements AutoCloseable {

    public static final int DEVICES = 3000;
    static final String PORT_KEY = "setting.demo.port";
    private static final Logger LOG = LoggerFactory.getLogger(DemoService.class);

    private final ServerService servers;
    private final SettingsRepository settings;
    private final AppDirs dirs;
    private DepSimulator simulator;
    private volatile java.util.function.Supplier<org.depconsole.service.org.OrgAccountService> orgAccounts;

    /**
     * What the simulated portal hands out for the organization's API account: its IDs and the key file it "downloaded"
     * into the data folder (owner-only), ready to be dropped on the Add API account dialog.
     */
    public record ApiAccountDownload(String clientId, String keyId, Path keyFile) {
    }

    public DemoService(ServerService servers, SettingsRepository settings, AppDirs dirs) {
        this.servers = servers;
        this.settings = settings;
        this.dirs = dirs;
    }

    /** The API accounts service, built only when the demo touches API accounts. */
    public void setOrgAccounts(java.util.function.Supplier<org.depconsole.service.org.OrgAccountService> accounts) {
        this.orgAccounts = accounts;
    }

    public synchronized boolean isRunning() {
        return simulator != null;
    }

    /** Starts the simulator if it is not running (on the port of the last run when that port is free). */
    public synchronized DepSimulator start() {
        if (simulator != null) {
            return simulator;
        }
        int port = settings.get(PORT_KEY).map(Integer::parseInt).orElse(0);
        try {
            simulator = DepSimulator.start(SimulatorConfig.firstRunOrganization(DEVICES).withPort(port));
        } catch (ConsoleException e) {
            if (port == 0) {
                throw e;
            }
            LOG.info("Port {} of the last simulator run is taken; the simulator takes another one", port);
            simulator = DepSimulator.start(SimulatorConfig.firstRunOrganization(DEVICES).withPort(0));
        }
        settings.put(PORT_KEY, Integer.toString(simulator.port()));
        return simulator;
    }

    /** Step 1 against the simulator: a new server marked simulated, pointing at the running simulator. */
    public Server addServer(String name) {
        return servers.add(name, start().baseUrl(), true);
    }

    /**
     * Step 2, the simulated portal: uploads the server's public key and "downloads" the token it issues, as Apple
     * Business Manager would, into the data folder. Returns the token file to drop in step 3.
     */
    public Path portal(long serverId) {
        Server server = servers.get(serverId);
        if (!server.simulated()) {
            throw new ConsoleException("demo.error.notSimulated", server.name());
        }
        DepSimulator sim = start();
        sim.control().uploadCertificate(servers.certificatePem(server.name()).getBytes(StandardCharsets.US_ASCII));
        TokenFile token = sim.control().downloadToken();
        try {
            Path folder = dirs.root().resolve("simulated-downloads");
            Files.createDirectories(folder);
            AppDirs.makeOwnerOnly(folder);
            Path file = folder.resolve(token.fileName());
            Files.write(file, token.content());
            AppDirs.makeOwnerOnly(file);
            return file;
        } catch (IOException e) {
            throw new ConsoleException(e, "demo.error.write", dirs.root());
        }
    }

    /**
     * The simulated portal's "create API account" and "Generate Private Key" for the organization: the same account on
     * every call of this simulator run, its key file written into the data folder. Link it with the IDs and the file.
     */
    public ApiAccountDownload portalApiAccount() {
        org.depconsole.simulator.ApiAccountFile file = start().organization().demoApiAccount();
        try {
            Path folder = dirs.root().resolve("simulated-downloads");
            Files.createDirectories(folder);
            AppDirs.makeOwnerOnly(folder);
            Path key = folder.resolve(file.fileName());
            Files.deleteIfExists(key);
            Files.createFile(key);
            AppDirs.makeOwnerOnly(key);
            Files.writeString(key, file.privateKeyPem(), StandardCharsets.US_ASCII);
            return new ApiAccountDownload(file.clientId(), file.keyId(), key);
        } catch (IOException e) {
            throw new ConsoleException(e, "demo.error.write", dirs.root());
        }
    }

    /** The simulated organization's API account linked in one step (the demo's "Add API account" with the downloaded key). */
    public org.depconsole.domain.org.OrgAccount linkApiAccount(String name) {
        // straight from the simulator to the sealed store: no key file in plain text on the way
        org.depconsole.simulator.ApiAccountFile file = start().organization().demoApiAccount();
        byte[] key = file.privateKeyPem().getBytes(StandardCharsets.US_ASCII);
        return orgAccounts.get().link(new org.depconsole.service.org.OrgAccountService.LinkRequest(name, file.clientId(), file.keyId(), key,
                start().baseUrl()), true);
    }

    /** Simulated API accounts: told to the new simulator again (it forgot them) and pointed at its port. */
    private void resumeApiAccounts() {
        if (orgAccounts == null) {
            return;
        }
        var accounts = orgAccounts.get();
        for (var a : accounts.simulated()) {
            DepSimulator sim = start();
            sim.organization().restoreApiAccount(a.name(), a.clientId(), a.keyId(), accounts.publicKey(a));
            if (!sim.baseUrl().equals(a.endpoint())) {
                accounts.setEndpoint(a.id(), sim.baseUrl());
            }
        }
    }

    /**
     * At start-up: when simulated servers exist, starts the simulator and links them to it again (the simulator
     * forgot their keys and tokens when the console closed). Needs the secrets unlocked; returns what it linked.
     */
    public List<Server> resume() {
        List<Server> simulated = simulatedServers();
        resumeApiAccounts();
        if (simulated.isEmpty()) {
            return List.of();
        }
        DepSimulator sim = start();
        for (Server s : simulated) {
            if (!s.endpoint().equals(sim.baseUrl())) {
                servers.setEndpoint(s.id(), sim.baseUrl());
            }
            if (s.linked()) {
                // the stored token belongs to the simulator of the last run, which is gone: the new one replaces it
                // whatever its expiry (the simulator's clock may have been moved in that run)
                servers.applyToken(servers.inspectToken(s.id(), portal(s.id())), true);
            }
        }
        return simulatedServers();
    }

    /** Removes every simulated server (devices, history and keys with it) and stops the simulator. */
    public int removeAll() {
        List<Server> simulated = simulatedServers();
        simulated.forEach(s -> servers.remove(s.id()));
        if (orgAccounts != null) {
            orgAccounts.get().simulated().forEach(a -> orgAccounts.get().remove(a.name()));
        }
        close();
        return simulated.size();
    }

    public List<Server> simulatedServers() {
        return servers.list().stream().filter(Server::simulated).toList();
    }

    public synchronized Optional<DepSimulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    @Override
    public synchronized void close() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
