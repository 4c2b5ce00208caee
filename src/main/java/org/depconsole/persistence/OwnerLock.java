package org.depconsole.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The operating system's lock on a data folder's {@code owner.lock}: held by the one process that owns the store,
 * for as long as it lives. The system releases it when the process ends in any way, {@code kill -9} included, so a
 * dead owner never blocks the folder.
 */
final class OwnerLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private OwnerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another process (or another store of this process) holds it. */
    static Optional<OwnerLock> tryAcquire(Path file) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            ownerOnly(file);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new OwnerLock(channel, lock));
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            return Optional.empty(); // this process owns the store already: it uses it as a client like any other
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException(e, "store.error.open", file.getParent());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel closes below, which releases it too
        }
        closeQuietly(channel);
    }

    static void ownerOnly(Path path) {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict permissions of " + path, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing held
            }
        }
    }
}
