package org.depconsole.cli;

import org.depconsole.crypto.SecretStore;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.Messages;
import org.depconsole.persistence.Database;
import org.depconsole.service.AppDirs;
import org.depconsole.service.CoreServices;

/** What a command needs: the core services on the chosen data folder, and the passphrase when secrets are touched. */
final class CliContext implements AutoCloseable {

    private final CoreServices core;
    private final DepConsoleCommand.GlobalOptions options;

    private CliContext(CoreServices core, DepConsoleCommand.GlobalOptions options) {
        this.core = core;
        this.options = options;
    }

    /**
     * Opens the data folder's store, as its owner or through the window or command that owns it.
     *
     * @param label what this command is (such as {@code sync lab}), shown to other processes that find the folder busy
     * @param err   where a wait for another process is announced
     */
    static CliContext open(DepConsoleCommand.GlobalOptions options, String label, java.io.PrintWriter err) {
        AppDirs dirs = AppDirs.at(options.dataDir());
        CoreServices core = CoreServices.open(dirs, java.time.Clock.systemUTC(), Database.Role.COMMAND, label,
                owner -> err.println(Messages.format("cli.store.waiting", Long.toString(owner.pid()), owner.role(),
                        owner.sinceClock())));
        return new CliContext(core, options);
    }

    CoreServices core() {
        return core;
    }

    /**
     * Unlocks the secret store when a passphrase protects it: from {@code --passphrase-env VAR}, else asked on the
     * terminal. Commands that only read the inventory never call this, so they work without the passphrase.
     */
    void unlockSecrets() {
        SecretStore secrets = core.secrets();
        if (!secrets.isLocked()) {
            return;
        }
        char[] passphrase = options.passphraseEnv() != null ? env(options.passphraseEnv()) : Prompt.secret("Passphrase: ");
        if (passphrase == null) {
            throw new ConsoleException("cli.error.passphraseNeeded");
        }
        secrets.unlock(passphrase);
    }

    static char[] env(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isEmpty()) {
            throw new ConsoleException("cli.error.passphraseEnvMissing", variable);
        }
        return value.toCharArray();
    }

    @Override
    public void close() {
        core.close();
    }
}
