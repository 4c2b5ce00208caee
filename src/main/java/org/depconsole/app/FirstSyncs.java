package org.depconsole.app;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.depconsole.service.CoreServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server that was just linked syncs at once, so the admin sees its devices arrive: run (off the FX thread) whenever
 * servers change; each server gets its first sync once per window.
 */
final class FirstSyncs implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(FirstSyncs.class);

    private final CoreServices core;
    private final Set<Long> started = ConcurrentHashMap.newKeySet();

    FirstSyncs(CoreServices core) {
        this.core = core;
    }

    @Override
    public void run() {
        try {
            for (var server : core.servers().list()) {
                if (server.linked() && core.devices().lastSynced(server.id()).isEmpty() && !core.sync().isRunning(server.id())
                        && started.add(server.id())) {
                    core.sync().syncNow(server.id(), null, "Server linked");
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not start the first sync of a newly linked server", e);
        }
    }
}
