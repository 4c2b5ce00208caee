package org.depconsole.app;

import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.depconsole.service.AppDirs;

/**
 * Logback's rolling file appender, except that the log folder and every log file in it are readable by their owner
 * only, like the rest of the data folder. Java cannot set the process umask, and Logback opens its files with the
 * default mode, so each file is created owner-only just before Logback opens it: at start and at every rollover,
 * the two places Logback calls {@link #openFile}. After a rollover the folder's files are restricted again, for
 * archives a rolling policy may write itself (compressed ones, for example).
 *
 * <p>logback.xml names this class; it is the only class of the console that uses Logback directly (ArchitectureTest).
 *
 * @param <E> the logging event type
 */
public final class OwnerOnlyRollingFileAppender<E> extends RollingFileAppender<E> {

    @Override
    public void openFile(String fileName) throws IOException {
        Path file = Path.of(fileName).toAbsolutePath();
        try {
            AppDirs.createPrivateDirectory(file.getParent());
            AppDirs.createOwnerOnlyFile(file);
        } catch (UncheckedIOException e) {
            // Logback reports an IOException from here as a status error instead of failing its configuration
            throw e.getCause();
        }
        super.openFile(fileName);
    }

    @Override
    public void rollover() {
        super.rollover();
        restrictFolder(Path.of(getFile()).toAbsolutePath().getParent());
    }

    private void restrictFolder(Path folder) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    AppDirs.makeOwnerOnly(f);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            addError("Could not make the log files in " + folder + " owner-only", e);
        }
    }
}
