package org.depconsole.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.depconsole.domain.Server;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;
import org.depconsole.simulator.DepSimulator;
import org.depconsole.simulator.SimulatorConfig;
import org.depconsole.simulator.TokenFile;

/**
 * A real store in a folder and a real simulator on loopback, with one server linked to it the way an admin does:
 * public key uploaded at the simulated portal, token downloaded and imported.
 */
public final class SimulatedServer implements AutoCloseable {

    private final DepSimulator sim;
    private final CoreServices core;
    private final Server server;
    private final Path dataDir;

    private SimulatedServer(DepSimulator sim, CoreServices core, Server server, Path dataDir) {
        this.sim = sim;
        this.core = core;
        this.server = server;
        this.dataDir = dataDir;
    }

    public static SimulatedServer start(Path dataDir, int devices) {
        DepSimulator sim = DepSimulator.start(SimulatorConfig.defaults().withDeviceCount(devices));
        CoreServices core = CoreServices.open(AppDirs.at(dataDir));
        Server server = link(core, sim, "Simulated school");
        return new SimulatedServer(sim, core, server, dataDir);
    }

    /** Links a server in the store of {@code dataDir} and closes the store again (for tests that then run the command line). */
    public static Server linkInFolder(Path dataDir, DepSimulator sim, String name) {
        try (CoreServices core = CoreServices.open(AppDirs.at(dataDir))) {
            return link(core, sim, name);
        }
    }

    /** Adds a server named {@code name} on the simulator's endpoint and imports the simulator's token for it. */
    public static Server link(CoreServices core, DepSimulator sim, String name) {
        core.servers().add(name, sim.baseUrl(), true);
        sim.control().uploadCertificate(core.servers().certificatePem(name).getBytes(StandardCharsets.US_ASCII));
        TokenFile token = sim.control().downloadToken();
        try {
            Path file = Files.createTempFile("token", "_smime.p7m");
            Files.write(file, token.content());
            core.servers().importToken(name, file, false);
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return core.servers().get(name);
    }

    /** Adds a server named {@code name} on {@code endpoint} and links it to one MDM server of a simulated organization. */
    public static Server linkServer(CoreServices core, org.depconsole.simulator.SimulatorControl control, java.net.URI endpoint, String name) {
        core.servers().add(name, endpoint, true);
        control.uploadCertificate(core.servers().certificatePem(name).getBytes(StandardCharsets.US_ASCII));
        TokenFile token = control.downloadToken();
        try {
            Path file = Files.createTempFile("token", "_smime.p7m");
            Files.write(file, token.content());
            core.servers().importToken(name, file, false);
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return core.servers().get(name);
    }

    public DepSimulator sim() {
        return sim;
    }

    public CoreServices core() {
        return core;
    }

    public long id() {
        return server.id();
    }

    public Server server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        core.close();
        sim.close();
    }
}
