package org.depconsole.app;

import java.nio.file.Path;
import org.depconsole.service.AppDirs;

/** Points the log files at the data folder before the first logger is created. */
final class Logging {

    private Logging() {
    }

    static void configure(Path dataDir, boolean debug) {
        System.setProperty("depconsole.logs", AppDirs.at(dataDir).logs().toString());
        if (debug || "DEBUG".equals(savedLevel(AppDirs.at(dataDir).settingsFile()))) {
            System.setProperty("depconsole.logLevel", "DEBUG");
        }
    }

    /** The log level chosen in the window's settings, or null; a missing or damaged file means the default. */
    private static String savedLevel(Path settingsFile) {
        try {
            if (!java.nio.file.Files.isRegularFile(settingsFile)) {
                return null;
            }
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(settingsFile.toFile()).path("logLevel").asText(null);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * {@code --data-dir DIR} or {@code --data-dir=DIR} among the arguments, else null (picocli parses them properly
     * later). It is a global option, so it may stand before or after the subcommand; a {@code --} ends the options, as
     * it does for picocli. picocli refuses the option given twice, so the first one found is the one it uses.
     */
    static Path dataDirFrom(String[] args) {
        for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--data-dir=")) {
                return Path.of(args[i].substring("--data-dir=".length()));
            }
        }
        return null;
    }

    /** {@code --debug} anywhere before a {@code --}, like {@link #dataDirFrom}. */
    static boolean debugFrom(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }
}
