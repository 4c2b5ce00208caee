package org.depconsole.cli;

import org.depconsole.crypto.SecretStore;
import org.depconsole.domain.ConsoleException;
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

    static CliContext open(DepConsoleCommand.GlobalOptions options) {
        AppDirs dirs = AppDirs.at(options.dataDir());
        return new CliContext(CoreServices.open(dirs), options);
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
