package org.depconsole.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.depconsole.ui.Background;
import org.depconsole.ui.DesktopNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's own notifications on Linux, through {@code notify-send} (libnotify's client of the freedesktop.org
 * notification service, org.freedesktop.Notifications on the session D-Bus): shown by the desktop even when the window
 * is in the background or minimized. The command runs off the FX thread; when it is missing or fails, the notification
 * is shown in the window instead. Other systems get the in-window notification ({@link #choose}).
 */
final class SystemNotifier implements DesktopNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(SystemNotifier.class);
    static final String COMMAND = "notify-send";

    private final Path command;
    private final Background background;
    private final DesktopNotifier fallback;

    SystemNotifier(Path command, Background background, DesktopNotifier fallback) {
        this.command = command;
        this.background = background;
        this.fallback = fallback;
    }

    /**
     * The desktop's notifications where this system has them (Linux with {@code notify-send} on {@code path}), else
     * {@code fallback}.
     */
    static DesktopNotifier choose(String osName, String path, Background background, DesktopNotifier fallback) {
        if (osName == null || !osName.toLowerCase(Locale.ROOT).contains("linux")) {
            return fallback;
        }
        return find(path).<DesktopNotifier>map(c -> new SystemNotifier(c, background, fallback)).orElse(fallback);
    }

    /** The system's choice for the running JVM. */
    static DesktopNotifier forThisSystem(Background background, DesktopNotifier fallback) {
        return choose(System.getProperty("os.name"), System.getenv("PATH"), background, fallback);
    }

    static Optional<Path> find(String path) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, COMMAND);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public void show(String title, String text, Level level) {
        List<String> cmd = List.of(command.toString(), "--app-name=DEP Console", "--urgency=" + (level == Level.WARNING ? "critical" : "normal"),
                "--icon=dialog-" + (level == Level.WARNING ? "warning" : "information"), "--", title, text);
        background.run(() -> {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroy();
                throw new IOException(COMMAND + " did not finish within 10 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(COMMAND + " exited with " + p.exitValue());
            }
            return null;
        }, ok -> { }, t -> {
            LOG.info("The desktop's notification service did not take a notification ({}); showing it in the window", t.getMessage());
            fallback.show(title, text, level);
        });
    }
}
