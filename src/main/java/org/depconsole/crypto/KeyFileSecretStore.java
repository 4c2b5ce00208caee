package org.depconsole.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SecretStore} backed by one small owner-only key file that holds a random 256-bit data key.
 *
 * <h2>Sealed values</h2>
 * {@code version (1 byte, 0x01) | nonce (12 bytes, random per seal) | AES-256-GCM ciphertext + 16-byte tag}.
 * The associated data is the version byte followed by the UTF-8 {@code purpose}, so a value sealed for one
 * purpose does not open for another and a changed version byte is detected.
 *
 * <h2>Key file, format version 1</h2>
 * <pre>
 *   offset  size  field
 *   0       4     magic "DCKF"
 *   4       1     format version = 0x01
 *   5       1     mode: 0x00 = plain data key, 0x01 = data key wrapped under a passphrase
 *   mode 0x00:
 *   6       32    data key
 *   mode 0x01:
 *   6       4     PBKDF2-HMAC-SHA256 iteration count, big-endian (at least 310 000)
 *   10      16    salt (random per passphrase change)
 *   26      12    nonce
 *   38      48    AES-256-GCM(data key) + tag, key = PBKDF2(passphrase, salt, iterations, 256 bits),
 *                 associated data = bytes 0..25 (so magic, mode, iterations and salt cannot be altered)
 * </pre>
 * The file is written to a temporary owner-only file in the same folder, flushed to disk, then moved over the
 * old one atomically; a crash leaves either the old or the new file. A file that cannot be read or does not
 * follow this format is reported and never replaced: a new data key would make every stored secret unreadable.
 *
 * <p>Thread-safe: the state (data key, mode) changes under the instance lock; seal and open use a fresh
 * {@link Cipher} per call.
 */
public final class KeyFileSecretStore implements SecretStore {

    static final byte SEALED_VERSION = 1;
    static final byte FILE_VERSION = 1;
    static final int PBKDF2_ITERATIONS = 310_000;

    private static final Logger LOG = LoggerFactory.getLogger(KeyFileSecretStore.class);
    private static final byte[] MAGIC = "DCKF".getBytes(StandardCharsets.US_ASCII);
    private static final byte MODE_PLAIN = 0;
    private static final byte MODE_PASSPHRASE = 1;
    private static final int KEY_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;
    private static final int PLAIN_FILE_BYTES = 6 + KEY_BYTES;
    private static final int WRAPPED_HEADER_BYTES = 6 + 4 + SALT_BYTES;
    private static final int WRAPPED_FILE_BYTES = WRAPPED_HEADER_BYTES + NONCE_BYTES + KEY_BYTES + TAG_BYTES;
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;
    /** The key file's content as last read or written; for a locked store it is what {@link #unlock} tries. */
    private byte[] fileContent;
    private volatile SecretKey dataKey;

    private KeyFileSecretStore(Path keyFile, byte[] fileContent, SecretKey dataKey) {
        this.keyFile = keyFile;
        this.fileContent = fileContent;
        this.dataKey = dataKey;
    }

    /**
     * Opens the key file, or creates it with a new data key (owner-only file; its folder is created
     * {@code rwx------} if missing). A store whose file has a passphrase starts locked.
     *
     * @throws SecretStoreException when the file exists but cannot be read or is not a key file (it is left untouched)
     */
    public static KeyFileSecretStore open(Path keyFile) {
        Path file = Objects.requireNonNull(keyFile, "keyFile").toAbsolutePath();
        String name = String.valueOf(file.getFileName());
        try {
            byte[] content = Files.readAllBytes(file);
            tightenPermissions(file);
            if (content.length == PLAIN_FILE_BYTES && hasHeader(content, MODE_PLAIN)) {
                return new KeyFileSecretStore(file, content, new SecretKeySpec(content, 6, KEY_BYTES, "AES"));
            }
            if (content.length == WRAPPED_FILE_BYTES && hasHeader(content, MODE_PASSPHRASE) && iterations(content) >= PBKDF2_ITERATIONS) {
                LOG.debug("key file {} is protected by a passphrase; the store starts locked", file);
                return new KeyFileSecretStore(file, content, null);
            }
            LOG.error("key file {} ({} bytes) does not have the expected format; it is left as it is", file, content.length);
            throw new SecretStoreException("secrets.error.keyFileCorrupt", name);
        } catch (NoSuchFileException e) {
            return create(file);
        } catch (IOException e) {
            throw new SecretStoreException(e, "secrets.error.keyFileUnreadable", name);
        }
    }

    private static KeyFileSecretStore create(Path file) {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        byte[] content = plainFile(key);
        try {
            createOwnerOnlyFolder(file.getParent());
            // CREATE_NEW semantics: if another process created the file meanwhile, use theirs instead of replacing it
            writeAtomically(file, content, false);
            LOG.info("created a new key file {}", file);
            return new KeyFileSecretStore(file, content, new SecretKeySpec(key, "AES"));
        } catch (FileAlreadyExistsException e) {
            return open(file);
        } catch (IOException e) {
            throw new SecretStoreException(e, "secrets.error.keyFileUnreadable", String.valueOf(file.getFileName()));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public byte[] seal(String purpose, byte[] plaintext) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(plaintext, "plaintext");
        SecretKey key = requireUnlocked();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(purpose));
            byte[] out = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            out[0] = SEALED_VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, out, 1 + NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public byte[] open(String purpose, byte[] sealed) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(sealed, "sealed");
        SecretKey key = requireUnlocked();
        if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] != SEALED_VERSION) {
            throw new SecretStoreException("secrets.error.corrupted");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(aad(purpose));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            LOG.debug("sealed value for purpose '{}' failed authentication", purpose);
            throw new SecretStoreException(e, "secrets.error.corrupted");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public synchronized boolean hasPassphrase() {
        return fileContent[5] == MODE_PASSPHRASE;
    }

    @Override
    public boolean isLocked() {
        return dataKey == null;
    }

    @Override
    public synchronized void unlock(char[] passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        if (!hasPassphrase()) {
            return;
        }
        byte[] content = fileContent;
        byte[] wrappingKey = derive(passphrase, Arrays.copyOfRange(content, 10, 10 + SALT_BYTES), iterations(content));
        byte[] key = null;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(wrappingKey, "AES"),
                    new GCMParameterSpec(TAG_BITS, content, WRAPPED_HEADER_BYTES, NONCE_BYTES));
            cipher.updateAAD(content, 0, WRAPPED_HEADER_BYTES);
            key = cipher.doFinal(content, WRAPPED_HEADER_BYTES + NONCE_BYTES, KEY_BYTES + TAG_BYTES);
            dataKey = new SecretKeySpec(key, "AES");
            LOG.info("secret store unlocked");
        } catch (AEADBadTagException e) {
            LOG.info("secret store: wrong passphrase");
            throw new SecretStoreException("secrets.error.wrongPassphrase");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        } finally {
            Arrays.fill(wrappingKey, (byte) 0);
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    @Override
    public synchronized void changePassphrase(char[] next) {
        SecretKey key = requireUnlocked();
        if (next != null && next.length == 0) {
            throw new SecretStoreException("secrets.error.passphraseEmpty");
        }
        byte[] raw = key.getEncoded();
        try {
            byte[] content = next == null ? plainFile(raw) : wrappedFile(raw, next);
            writeAtomically(keyFile, content, true);
            fileContent = content;
            LOG.info(next == null ? "secret store passphrase removed" : "secret store passphrase set");
        } catch (IOException e) {
            throw new SecretStoreException(e, "secrets.error.keyFileUnreadable", String.valueOf(keyFile.getFileName()));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** For tests only: the raw data key, to prove it is absent from a passphrase-protected key file. */
    byte[] dataKeyForTests() {
        return requireUnlocked().getEncoded();
    }

    @Override
    public String toString() {
        return "KeyFileSecretStore[" + keyFile + ", passphrase=" + hasPassphrase() + ", locked=" + isLocked() + "]";
    }

    // ---------------------------------------------------------------- internals

    private SecretKey requireUnlocked() {
        SecretKey key = dataKey;
        if (key == null) {
            throw new SecretStoreException("secrets.error.locked");
        }
        return key;
    }

    private static byte[] aad(String purpose) {
        byte[] text = purpose.getBytes(StandardCharsets.UTF_8);
        byte[] aad = new byte[1 + text.length];
        aad[0] = SEALED_VERSION;
        System.arraycopy(text, 0, aad, 1, text.length);
        return aad;
    }

    private static boolean hasHeader(byte[] content, byte mode) {
        return MessageDigest.isEqual(Arrays.copyOf(content, 4), MAGIC) && content[4] == FILE_VERSION && content[5] == mode;
    }

    private static int iterations(byte[] content) {
        return ByteBuffer.wrap(content, 6, 4).getInt();
    }

    private static byte[] plainFile(byte[] key) {
        return ByteBuffer.allocate(PLAIN_FILE_BYTES).put(MAGIC).put(FILE_VERSION).put(MODE_PLAIN).put(key).array();
    }

    private static byte[] wrappedFile(byte[] key, char[] passphrase) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(nonce);
        ByteBuffer file = ByteBuffer.allocate(WRAPPED_FILE_BYTES)
                .put(MAGIC).put(FILE_VERSION).put(MODE_PASSPHRASE).putInt(PBKDF2_ITERATIONS).put(salt).put(nonce);
        byte[] wrappingKey = derive(passphrase, salt, PBKDF2_ITERATIONS);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(wrappingKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(file.array(), 0, WRAPPED_HEADER_BYTES);
            cipher.doFinal(key, 0, key.length, file.array(), WRAPPED_HEADER_BYTES + NONCE_BYTES);
            return file.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        } finally {
            Arrays.fill(wrappingKey, (byte) 0);
        }
    }

    private static byte[] derive(char[] passphrase, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, KEY_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("passphrase cannot be used", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void createOwnerOnlyFolder(Path folder) throws IOException {
        if (folder == null || Files.isDirectory(folder)) {
            return;
        }
        if (isPosix(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectories(folder);
        }
    }

    /** An existing key file readable by others is narrowed to owner-only (a copy or restore may have widened it). */
    private static void tightenPermissions(Path file) throws IOException {
        if (!isPosix(file)) {
            return;
        }
        var view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        Set<PosixFilePermission> current = view.readAttributes().permissions();
        if (!OWNER_FILE.containsAll(current)) {
            LOG.warn("key file {} was accessible to other users ({}); restricting it to its owner", file,
                    PosixFilePermissions.toString(current));
            view.setPermissions(OWNER_FILE);
        }
    }

    /**
     * Writes {@code content} to a new owner-only temporary file beside {@code target}, forces it to disk and moves it
     * into place atomically. With {@code replace} false an existing target is never overwritten.
     */
    private static void writeAtomically(Path target, byte[] content, boolean replace) throws IOException {
        Path folder = target.getParent();
        FileAttribute<?>[] attributes = isPosix(target)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (replace) {
                moveAtomically(temp, target);
            } else {
                // a hard link fails if the target exists: an atomic "create new" with the complete content
                try {
                    Files.createLink(target, temp);
                } catch (FileAlreadyExistsException e) {
                    throw e;
                } catch (UnsupportedOperationException | IOException noHardLinks) {
                    if (Files.exists(target)) {
                        throw new FileAlreadyExistsException(target.toString());
                    }
                    moveAtomically(temp, target);
                }
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot replace files atomically", e);
        }
    }
}
