package org.depconsole.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.depconsole.domain.ConsoleException;

/** Reading the small files an admin names on the command line, with a sentence for each problem. */
final class Files2 {

    /** Keys, certificates and serial lists are small; anything larger is the wrong file. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private Files2() {
    }

    static byte[] read(Path file, String what) {
        if (!Files.exists(file)) {
            throw new ConsoleException("cli.error.fileMissing", what, file);
        }
        if (Files.isDirectory(file)) {
            throw new ConsoleException("cli.error.fileIsDirectory", what, file);
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConsoleException("cli.error.fileTooLarge", what, file);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConsoleException(e, "cli.error.fileUnreadable", what, file);
        }
    }
}
