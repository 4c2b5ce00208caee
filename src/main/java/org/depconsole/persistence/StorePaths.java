package org.depconsole.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a data folder keeps what the store needs.
 *
 * @param root            the data folder (its {@code owner.lock} and {@code owner.info} say which process owns the store)
 * @param storeFile       the H2 file name without its {@code .mv.db} suffix
 * @param credentialsFile the store's user and password, in the owner-only key folder
 */
public record StorePaths(Path root, Path storeFile, Path credentialsFile) {

    public Path lockFile() {
        return root.resolve("owner.lock");
    }

    public Path ownerFile() {
        return root.resolve("owner.info");
    }

    public Path mvFile() {
        return storeFile.resolveSibling(storeFile.getFileName() + ".mv.db");
    }

    public Path backupsFolder() {
        return root.resolve("backups");
    }

    /** A folder that holds a key file, settings or backups has been used: its store must not be created anew. */
    public boolean folderUsed() {
        return Files.exists(root.resolve("keys").resolve("master.key")) || Files.exists(root.resolve("settings.json"))
                || newestBackup().isPresent();
    }

    /** The newest backup file ({@code *.zip}) in the folder's backups folder. */
    public Optional<Path> newestBackup() {
        if (!Files.isDirectory(backupsFolder())) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(backupsFolder(), 2)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".zip") && Files.isRegularFile(p))
                    .max(Comparator.comparing(StorePaths::modified));
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }
}
