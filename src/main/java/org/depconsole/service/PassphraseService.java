package org.depconsole.service;

import org.depconsole.crypto.SecretStore;

/** The passphrase that protects private keys and tokens, for the window and the command line. */
public final class PassphraseService {

    private final SecretStore secrets;

    public PassphraseService(SecretStore secrets) {
        this.secrets = secrets;
    }

    public boolean isSet() {
        return secrets.hasPassphrase();
    }

    /** Set and not yet given in this run: secrets cannot be used, the inventory can. */
    public boolean isLocked() {
        return secrets.isLocked();
    }

    /** @throws org.depconsole.domain.ConsoleException with "wrong passphrase" when it does not fit */
    public void unlock(char[] passphrase) {
        secrets.unlock(passphrase);
    }

    /** Sets, changes or (null) removes the passphrase; the store must be unlocked. */
    public void change(char[] next) {
        secrets.changePassphrase(next);
    }
}
