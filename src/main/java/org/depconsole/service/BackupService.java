package org.depconsole.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.depconsole.domain.AppVersion;
import org.depconsole.domain.ConsoleException;
import org.depconsole.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backup and restore of the whole store as one file. The file holds H2's own consistent online backup of the
 * store, the key file (so secrets stay encrypted, and wrapped by the passphrase when one is set) and the window
 * settings. A restore never overwrites: the current store is moved aside first and the way back is named.
 */
public final class BackupService {

    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);
    static final String MANIFEST = "depconsole-backup.json";
    static final String STORE_ENTRY = "store/depconsole.mv.db";
    static final String KEY_ENTRY = "keys/master.key";
    static final String SETTINGS_ENTRY = "settings.json";
    /** The store's own credentials (backups made before they existed hold a store with an empty password). */
    static final String CREDENTIALS_ENTRY = "keys/store-credentials.properties";
    private static final long MAX_BACKUP_BYTES = 8L * 1024 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppDirs dirs;
    private final Database database;
    private final Clock clock;

    public BackupService(AppDirs dirs, Database database, Clock clock) {
        this.dirs = dirs;
        this.database = database;
        this.clock = clock;
    }

    /** Writes a backup of the open store to {@code target} (replacing nothing: an existing file is refused). */
    public Path backup(Path target) {
        if (Files.exists(target)) {
            throw new ConsoleException("backup.error.exists", target);
        }
        Path h2Zip = null;
        try {
            h2Zip = Files.createTempFile(dirs.root(), "h2-backup", ".zip");
            Files.delete(h2Zip);
            try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement("BACKUP TO ?")) {
                ps.setString(1, h2Zip.toString());
                ps.execute();
            }
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(JSON.createObjectNode().put("format", 1).put("version", AppVersion.get())
                        .put("created", DateTimeFormatter.ISO_INSTANT.format(clock.instant())).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
                try (ZipFile h2 = new ZipFile(h2Zip.toFile())) {
                    ZipEntry db = h2.stream().filter(e -> e.getName().endsWith(".mv.db")).findFirst()
                            .orElseThrow(() -> new IOException("H2 backup holds no store file"));
                    zip.putNextEntry(new ZipEntry(STORE_ENTRY));
                    try (InputStream in = h2.getInputStream(db)) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
                copyInto(zip, dirs.keyFile(), KEY_ENTRY);
                if (Files.exists(dirs.storeCredentialsFile())) {
                    copyInto(zip, dirs.storeCredentialsFile(), CREDENTIALS_ENTRY);
                }
                if (Files.exists(dirs.settingsFile())) {
                    copyInto(zip, dirs.settingsFile(), SETTINGS_ENTRY);
                }
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            AppDirs.makeOwnerOnly(target);
            LOG.info("backup written to {}", target);
            return target;
        } catch (IOException | SQLException e) {
            throw new ConsoleException(e, "backup.error.write", target);
        } finally {
            if (h2Zip != null) {
                try {
                    Files.deleteIfExists(h2Zip);
                } catch (IOException ignored) {
                    // a leftover temporary file in the data folder is harmless
                }
            }
        }
    }

    private static void copyInto(ZipOutputStream zip, Path file, String entry) throws IOException {
        zip.putNextEntry(new ZipEntry(entry));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    /** Checks that {@code backup} is a DEP Console backup this version can restore; returns its manifest. */
    public static JsonNode verify(Path backup) {
        if (!Files.isRegularFile(backup)) {
            throw new ConsoleException("backup.error.missing", backup);
        }
        try {
            if (Files.size(backup) > MAX_BACKUP_BYTES) {
                throw new ConsoleException("backup.error.notBackup", backup);
            }
            try (ZipFile zip = new ZipFile(backup.toFile())) {
                ZipEntry manifest = zip.getEntry(MANIFEST);
                if (manifest == null || zip.getEntry(STORE_ENTRY) == null || zip.getEntry(KEY_ENTRY) == null) {
                    throw new ConsoleException("backup.error.notBackup", backup);
                }
                try (InputStream in = zip.getInputStream(manifest)) {
                    JsonNode m = JSON.readTree(in.readNBytes(64 * 1024));
                    if (m.path("format").asInt() != 1) {
                        throw new ConsoleException("backup.error.format", backup);
                    }
                    return m;
                }
            }
        } catch (IOException e) {
            throw new ConsoleException(e, "backup.error.notBackup", backup);
        }
    }

    /**
     * Replaces the store in {@code dirs} with the backup. The store must be closed (no window or command using it).
     * The current store, key file and settings are moved to {@code backups/before-restore-<time>} first.
     *
     * @return the folder that holds the previous store
     */
    public static Path restore(AppDirs dirs, Path backup, Clock clock) {
        verify(backup);
        // no window or command may own the store while its files are replaced: hold the folder's lock throughout
        AppDirs.createPrivateDirectory(dirs.root());
        try (Database.Held held = Database.holdForMaintenance(dirs.storePaths())) {
            return replace(dirs, backup, clock);
        }
    }

    private static Path replace(AppDirs dirs, Path backup, Clock clock) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(clock.instant());
        Path aside = dirs.backups().resolve("before-restore-" + stamp);
        Path staging = dirs.root().resolve("restore-staging");
        try {
            deleteTree(staging);
            AppDirs.createPrivateDirectory(staging);
            extract(backup, staging);
            AppDirs.createPrivateDirectory(dirs.backups());
            AppDirs.createPrivateDirectory(aside);
            moveIfExists(dirs.store(), aside.resolve("store"));
            moveIfExists(dirs.keyFile().getParent(), aside.resolve("keys"));
            moveIfExists(dirs.settingsFile(), aside.resolve("settings.json"));
            AppDirs.createPrivateDirectory(dirs.store());
            AppDirs.createPrivateDirectory(dirs.keyFile().getParent());
            Files.move(staging.resolve(STORE_ENTRY), dirs.storeFile().resolveSibling("depconsole.mv.db"));
            Files.move(staging.resolve(KEY_ENTRY), dirs.keyFile());
            if (Files.exists(staging.resolve(CREDENTIALS_ENTRY))) {
                Files.move(staging.resolve(CREDENTIALS_ENTRY), dirs.storeCredentialsFile());
                AppDirs.makeOwnerOnly(dirs.storeCredentialsFile());
            }
            if (Files.exists(staging.resolve(SETTINGS_ENTRY))) {
                Files.move(staging.resolve(SETTINGS_ENTRY), dirs.settingsFile());
            }
            AppDirs.makeOwnerOnly(dirs.keyFile());
            deleteTree(staging);
            LOG.info("store restored from {}; previous store kept in {}", backup, aside);
            return aside;
        } catch (IOException e) {
            throw new ConsoleException(e, "backup.error.restore", aside);
        }
    }

    private static void extract(Path backup, Path into) throws IOException {
        Set<String> wanted = new HashSet<>(Set.of(STORE_ENTRY, KEY_ENTRY, SETTINGS_ENTRY, CREDENTIALS_ENTRY));
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backup))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (!wanted.remove(e.getName())) {
                    continue;
                }
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the backup folder");
                }
                Files.createDirectories(target.getParent());
                Files.copy(zip, target);
                AppDirs.makeOwnerOnly(target);
            }
        }
    }

    private static void moveIfExists(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
