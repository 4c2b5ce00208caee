package org.depconsole.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

/**
 * Where the console keeps its data. One root folder (the OS's per-user application data folder,
 * or {@code --data-dir}) holds the H2 store, the key file, settings and logs; it is created
 * owner-only so no other user of the machine can read any of it.
 */
public final class AppDirs {

    public static final String DATA_DIR_PROPERTY = "depconsole.dataDir";
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path root;

    private AppDirs(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The given folder, or the default one when {@code root} is null. Nothing is created yet. */
    public static AppDirs at(Path root) {
        return new AppDirs(root != null ? root : defaultRoot());
    }

    /** {@code -Ddepconsole.dataDir}, else the OS convention: XDG on Linux, Application Support on macOS, %APPDATA% on Windows. */
    public static Path defaultRoot() {
        String override = System.getProperty(DATA_DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("mac")) {
            return home.resolve("Library/Application Support/DEP Console");
        }
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData/Roaming")).resolve("DEP Console");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share")).resolve("depconsole");
    }

    public Path root() {
        return root;
    }

    public Path store() {
        return root.resolve("store");
    }

    /** H2 database file name prefix (H2 adds {@code .mv.db}). */
    public Path storeFile() {
        return store().resolve("depconsole");
    }

    /** The store's own credentials, beside the key file (owner-only). */
    public Path storeCredentialsFile() {
        return keyFile().resolveSibling("store-credentials.properties");
    }

    /** What the store needs of this folder: its file, its credentials, the owner lock. */
    public org.depconsole.persistence.StorePaths storePaths() {
        return new org.depconsole.persistence.StorePaths(root, storeFile(), storeCredentialsFile());
    }

    public Path keyFile() {
        return root.resolve("keys").resolve("master.key");
    }

    public Path settingsFile() {
        return root.resolve("settings.json");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path backups() {
        return root.resolve("backups");
    }

    /** Creates the folders owner-only (where the file system supports POSIX permissions). */
    public AppDirs ensureCreated() {
        for (Path dir : new Path[] {root, store(), keyFile().getParent(), logs()}) {
            createPrivateDirectory(dir);
        }
        return this;
    }

    public static void createPrivateDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            restrict(dir, OWNER_DIR);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    /**
     * Creates an empty file that only its owner may read and write (with that mode from the start, so it is never
     * readable by others for an instant), or makes an existing one owner-only.
     */
    public static void createOwnerOnlyFile(Path file) {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // another process (or an earlier run) made it: restricting it below is all that is left to do
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        makeOwnerOnly(file);
    }

    /** Makes an existing file readable and writable by its owner only. */
    public static void makeOwnerOnly(Path file) {
        try {
            restrict(file, Files.isDirectory(file) ? OWNER_DIR : OWNER_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict permissions of " + file, e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> perms) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, perms);
        } else {
            var file = path.toFile();
            file.setReadable(false, false);
            file.setWritable(false, false);
            file.setReadable(true, true);
            file.setWritable(true, true);
            if (Files.isDirectory(path)) {
                file.setExecutable(true, true);
            }
        }
    }
}
