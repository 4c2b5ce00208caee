package org.depconsole.crypto;

/**
 * Encrypts secrets before they reach the store (private keys, the four OAuth strings, session tokens).
 * AES-256-GCM under a data key that lives in the owner-only key file, itself wrapped by a key derived
 * from the passphrase when one is set (docs/decisions/0004). The {@code purpose} is bound into every
 * ciphertext as associated data, so a sealed value cannot be moved to another field or server.
 */
public interface SecretStore {

    /** Encrypts; the result is opaque bytes safe to store. */
    byte[] seal(String purpose, byte[] plaintext);

    /**
     * Decrypts what {@link #seal} produced for the same purpose.
     *
     * @throws SecretStoreException when locked, or when the value was tampered with or sealed for another purpose
     */
    byte[] open(String purpose, byte[] sealed);

    /** True when a passphrase protects the data key. */
    boolean hasPassphrase();

    /** True when a passphrase is set and has not been given in this run. */
    boolean isLocked();

    /**
     * Unlocks with the passphrase for the rest of this run.
     *
     * @throws SecretStoreException with a "wrong passphrase" message when it does not fit
     */
    void unlock(char[] passphrase);

    /**
     * Sets, changes or (with {@code next} null) removes the passphrase. Requires the store to be unlocked.
     * Existing ciphertexts stay valid: only the data key's wrapping changes.
     */
    void changePassphrase(char[] next);
}
