package org.depconsole.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The store's own user and password: made at random for each store, kept owner-only in the key folder, and needed
 * by every process that opens the store or connects to its owner (other accounts of the machine cannot read them).
 * Not encrypted under the passphrase: reading the inventory works without it, and the file is as private as the
 * store file itself.
 */
record StoreCredentials(String user, String password) {

    static final String USER = "DEPCONSOLE";

    @Override
    public String toString() {
        return "StoreCredentials[user=" + user + "]";
    }

    static StoreCredentials load(Path file) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String user = p.getProperty("user");
        String password = p.getProperty("password");
        if (user == null || password == null || password.isBlank()) {
            throw new UncheckedIOException(new IOException("incomplete store credentials"));
        }
        return new StoreCredentials(user, password);
    }

    /** The stored credentials, or new random ones written atomically (owner-only) when there are none. */
    static StoreCredentials loadOrCreate(Path file) {
        if (Files.exists(file)) {
            try {
                return load(file);
            } catch (UncheckedIOException e) {
                throw new StoreException(e, "store.error.credentials", file, "");
            }
        }
        StoreCredentials created = new StoreCredentials(USER, Database.randomSecret());
        try {
            Files.createDirectories(file.getParent());
            OwnerLock.ownerOnly(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "store", ".tmp"); // owner-only on POSIX
            Properties p = new Properties();
            p.setProperty("user", created.user());
            p.setProperty("password", created.password());
            try (var out = Files.newBufferedWriter(tmp)) {
                p.store(out, "DEP Console store credentials: keep this file private");
            }
            OwnerLock.ownerOnly(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException(e, "store.error.write");
        }
        return created;
    }
}
