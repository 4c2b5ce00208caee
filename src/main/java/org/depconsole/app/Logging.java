package org.depconsole.app;

import java.nio.file.Path;
import org.depconsole.service.AppDirs;

/** Points the log files at the data folder before the first logger is created; the folder is owner-only. */
final class Logging {

    private Logging() {
    }

    static void configure(Path dataDir, boolean debug) {
        AppDirs dirs = AppDirs.at(dataDir);
        try {
            // owner-only from the start; the log appender keeps the folder and its files so
            AppDirs.createPrivateDirectory(dirs.root());
            AppDirs.createPrivateDirectory(dirs.logs());
        } catch (java.io.UncheckedIOException e) {
            // a folder that cannot be created is reported by the appender and by the store when they use it
        }
        System.setProperty("depconsole.logs", dirs.logs().toString());
        if (debug || "DEBUG".equals(savedLevel(dirs.settingsFile()))) {
            System.setProperty("depconsole.logLevel", "DEBUG");
        }
    }

    /** The log level chosen in the window's settings, or null; a missing or damaged file means the default. */
    static String savedLevel(Path settingsFile) {
        try {
            if (!java.nio.file.Files.isRegularFile(settingsFile)) {
                return null;
            }
            String json = java.nio.file.Files.readString(settingsFile);
            if (!json.contains("DEBUG")) {
                return null; // the only level that matters here is absent: no JSON parser needed (a tenth of a second)
            }
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("logLevel").asText(null);
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
