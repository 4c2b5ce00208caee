package org.depconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.depconsole.service.AppDirs;
import org.depconsole.testsupport.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store file that is missing, empty or damaged in a used data folder is an error with the way back, never a fresh start. */
class StoreFilesCliTest {

    @TempDir
    Path dir;

    private Cli cli;
    private AppDirs dirs;
    private Path mvFile;

    @BeforeEach
    void aUsedFolder() {
        cli = new Cli(dir);
        dirs = AppDirs.at(dir);
        mvFile = dirs.storePaths().mvFile();
        assertThat(cli.run("servers", "add", "Lab", "--endpoint", "http://127.0.0.1:9").exit()).isZero();
        assertThat(mvFile).isNotEmptyFile();
    }

    @Test
    void anEmptiedStoreIsNotANewBeginning() throws Exception {
        Files.write(mvFile, new byte[0]);

        Cli.Result r = cli.run("servers", "list");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("is empty (0 bytes)").contains("depconsole restore FILE").doesNotContain("No servers");
        assertThat(r.out()).isEmpty();
        assertThat(mvFile).isEmptyFile();
    }

    @Test
    void aMissingStoreNamesTheNewestBackup() throws Exception {
        Path older = dirs.backups().resolve("monday.zip");
        Path newer = dirs.backups().resolve("tuesday.zip");
        Files.createDirectories(dirs.backups());
        assertThat(cli.run("backup", older.toString()).exit()).isZero();
        assertThat(cli.run("backup", newer.toString()).exit()).isZero();
        Files.setLastModifiedTime(older, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 86_400_000L));
        Files.delete(mvFile);

        Cli.Result r = cli.run("devices", "Lab");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("is missing").contains("depconsole restore " + newer);
        assertThat(mvFile).doesNotExist();

        assertThat(cli.run("restore", newer.toString(), "--yes").exit()).isZero();
        Cli.Result after = cli.run("servers", "list");
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.out()).contains("Lab");
    }

    @Test
    void aDamagedStoreIsLeftAsItIsWithTheSameAdvice() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(mvFile, garbage);

        Cli.Result r = cli.run("servers", "list");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("is damaged").contains("depconsole restore");
        assertThat(Arrays.equals(Files.readAllBytes(mvFile), garbage)).as("the damaged file is untouched").isTrue();
    }
}
