package org.depconsole.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileSecretStoreTest {

    private static final byte[] SECRET = "CS_8d1e6b4f0a2c9e7b5d3f1a0c8e6b4d2f0a9c7e5b".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private Path keyFile() {
        return dir.resolve("data").resolve("secrets.key");
    }

    @Test
    void sealsAndOpens() {
        KeyFileSecretStore store = KeyFileSecretStore.open(keyFile());

        byte[] sealed = store.seal("server/1/consumer_secret", SECRET);

        assertThat(sealed[0]).as("format version").isEqualTo((byte) 1);
        assertThat(sealed).hasSize(1 + 12 + SECRET.length + 16);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("CS_");
        assertThat(store.open("server/1/consumer_secret", sealed)).isEqualTo(SECRET);
        assertThat(store.seal("server/1/consumer_secret", SECRET)).as("fresh nonce each time").isNotEqualTo(sealed);
        assertThat(store.open("p", store.seal("p", new byte[0]))).isEmpty();
    }

    @Test
    void aNewInstanceOnTheSameFileOpensOldValues() {
        byte[] sealed = KeyFileSecretStore.open(keyFile()).seal("p", SECRET);

        KeyFileSecretStore again = KeyFileSecretStore.open(keyFile());

        assertThat(again.hasPassphrase()).isFalse();
        assertThat(again.isLocked()).isFalse();
        assertThat(again.open("p", sealed)).isEqualTo(SECRET);
    }

    @Test
    void purposeIsBound() {
        KeyFileSecretStore store = KeyFileSecretStore.open(keyFile());
        byte[] sealed = store.seal("server/1/access_secret", SECRET);

        SecretStoreException e = catchThrowableOfType(SecretStoreException.class, () -> store.open("server/2/access_secret", sealed));

        assertThat(e.messageKey()).isEqualTo("secrets.error.corrupted");
        assertThat(e.getMessage()).isNotEqualTo(e.messageKey());
    }

    @Test
    void tamperingIsDetected() {
        KeyFileSecretStore store = KeyFileSecretStore.open(keyFile());
        byte[] sealed = store.seal("p", SECRET);

        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> store.open("p", tampered)).as("byte %d flipped", i)
                    .isInstanceOfSatisfying(SecretStoreException.class, e -> assertThat(e.messageKey()).isEqualTo("secrets.error.corrupted"));
        }
        for (int length : new int[] {0, 1, 13, 28, sealed.length - 1}) {
            byte[] cut = java.util.Arrays.copyOf(sealed, length);
            assertThatThrownBy(() -> store.open("p", cut)).as("cut to %d", length).isInstanceOf(SecretStoreException.class);
        }
        byte[] otherKey = KeyFileSecretStore.open(dir.resolve("other.key")).seal("p", SECRET);
        assertThatThrownBy(() -> store.open("p", otherKey)).isInstanceOf(SecretStoreException.class);
    }

    @Test
    void keyFileAndNewFolderAreOwnerOnly() throws Exception {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");

        KeyFileSecretStore.open(keyFile()).changePassphrase("pw".toCharArray());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile().getParent()))).isEqualTo("rwx------");
        try (var files = Files.list(keyFile().getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(keyFile());
        }
    }

    @Test
    void widenedPermissionsAreNarrowedOnOpen() throws Exception {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        KeyFileSecretStore.open(keyFile());
        Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-r--r--"));

        KeyFileSecretStore.open(keyFile());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile()))).isEqualTo("rw-------");
    }

    @Test
    void passphraseLifecycle() throws Exception {
        KeyFileSecretStore store = KeyFileSecretStore.open(keyFile());
        byte[] sealed = store.seal("p", SECRET);
        byte[] dataKey = store.dataKeyForTests();
        assertThat(indexOf(Files.readAllBytes(keyFile()), dataKey)).as("plain mode keeps the key in the file").isNotNegative();

        store.changePassphrase("correct horse".toCharArray());
        assertThat(store.hasPassphrase()).isTrue();
        assertThat(store.isLocked()).as("the instance that set it stays unlocked").isFalse();
        assertThat(indexOf(Files.readAllBytes(keyFile()), dataKey)).as("data key absent from the wrapped file").isNegative();

        KeyFileSecretStore locked = KeyFileSecretStore.open(keyFile());
        assertThat(locked.hasPassphrase()).isTrue();
        assertThat(locked.isLocked()).isTrue();
        assertThat(catchThrowableOfType(SecretStoreException.class, () -> locked.open("p", sealed)).messageKey())
                .isEqualTo("secrets.error.locked");
        assertThat(catchThrowableOfType(SecretStoreException.class, () -> locked.seal("p", SECRET)).messageKey())
                .isEqualTo("secrets.error.locked");
        assertThat(catchThrowableOfType(SecretStoreException.class, () -> locked.changePassphrase(null)).messageKey())
                .isEqualTo("secrets.error.locked");

        SecretStoreException wrong = catchThrowableOfType(SecretStoreException.class, () -> locked.unlock("Correct horse".toCharArray()));
        assertThat(wrong.messageKey()).isEqualTo("secrets.error.wrongPassphrase");
        assertThat(wrong.getMessage()).doesNotContain("horse");
        assertThat(locked.isLocked()).isTrue();

        locked.unlock("correct horse".toCharArray());
        assertThat(locked.isLocked()).isFalse();
        assertThat(locked.open("p", sealed)).isEqualTo(SECRET);

        locked.changePassphrase("battery staple".toCharArray());
        KeyFileSecretStore changed = KeyFileSecretStore.open(keyFile());
        assertThatThrownBy(() -> changed.unlock("correct horse".toCharArray())).isInstanceOf(SecretStoreException.class);
        changed.unlock("battery staple".toCharArray());
        assertThat(changed.open("p", sealed)).isEqualTo(SECRET);
        assertThat(indexOf(Files.readAllBytes(keyFile()), dataKey)).isNegative();

        changed.changePassphrase(null);
        KeyFileSecretStore removed = KeyFileSecretStore.open(keyFile());
        assertThat(removed.hasPassphrase()).isFalse();
        assertThat(removed.isLocked()).isFalse();
        assertThat(removed.open("p", sealed)).isEqualTo(SECRET);
    }

    @Test
    void emptyPassphraseIsRefusedAndUnlockWithoutPassphraseIsHarmless() {
        KeyFileSecretStore store = KeyFileSecretStore.open(keyFile());

        assertThat(catchThrowableOfType(SecretStoreException.class, () -> store.changePassphrase(new char[0])).messageKey())
                .isEqualTo("secrets.error.passphraseEmpty");
        store.unlock("anything".toCharArray());
        assertThat(store.hasPassphrase()).isFalse();
        assertThat(store.isLocked()).isFalse();
    }

    @Test
    void corruptKeyFileIsReportedAndNeverReplaced() throws Exception {
        Files.createDirectories(keyFile().getParent());
        List<byte[]> corrupt = new ArrayList<>();
        corrupt.add(new byte[0]);
        corrupt.add("not a key file at all, just some text".getBytes(StandardCharsets.US_ASCII));
        KeyFileSecretStore.open(dir.resolve("good.key")).changePassphrase("pw".toCharArray());
        byte[] good = Files.readAllBytes(dir.resolve("good.key"));
        corrupt.add(java.util.Arrays.copyOf(good, good.length - 1));
        byte[] newer = good.clone();
        newer[4] = 2; // a future format version
        corrupt.add(newer);
        byte[] weakened = good.clone();
        weakened[9] = 1; // iteration count lowered to 262 145, below the floor
        weakened[8] = 0;
        corrupt.add(weakened);

        for (byte[] content : corrupt) {
            Files.write(keyFile(), content);
            SecretStoreException e = catchThrowableOfType(SecretStoreException.class, () -> KeyFileSecretStore.open(keyFile()));
            assertThat(e).isNotNull();
            assertThat(e.messageKey()).isEqualTo("secrets.error.keyFileCorrupt");
            assertThat(e.getMessage()).contains("secrets.key");
            assertThat(Files.readAllBytes(keyFile())).as("left untouched").isEqualTo(content);
        }
    }

    @Test
    void alteredWrappedHeaderIsAWrongPassphraseNotANewKey() throws Exception {
        KeyFileSecretStore.open(keyFile()).changePassphrase("pw".toCharArray());
        byte[] content = Files.readAllBytes(keyFile());
        content[12] ^= 0x01; // a salt byte
        Files.write(keyFile(), content);

        KeyFileSecretStore store = KeyFileSecretStore.open(keyFile());

        assertThatThrownBy(() -> store.unlock("pw".toCharArray())).isInstanceOf(SecretStoreException.class);
        assertThat(Files.readAllBytes(keyFile())).isEqualTo(content);
    }

    @Test
    void unreadableKeyFileIsReported() throws Exception {
        Files.createDirectories(keyFile());  // a folder where the file should be

        SecretStoreException e = catchThrowableOfType(SecretStoreException.class, () -> KeyFileSecretStore.open(keyFile()));

        assertThat(e.messageKey()).isEqualTo("secrets.error.keyFileUnreadable");
        assertThat(keyFile()).isDirectory();
    }

    @Test
    void isThreadSafe() throws Exception {
        KeyFileSecretStore store = KeyFileSecretStore.open(keyFile());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String purpose = "thread-" + t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        byte[] value = (purpose + i).getBytes(StandardCharsets.UTF_8);
                        assertThat(store.open(purpose, store.seal(purpose, value))).isEqualTo(value);
                        assertThat(store.isLocked()).isFalse();
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toStringShowsNoKey() {
        KeyFileSecretStore store = KeyFileSecretStore.open(keyFile());

        assertThat(store.toString()).contains("secrets.key").doesNotContain(java.util.HexFormat.of().formatHex(store.dataKeyForTests()));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
