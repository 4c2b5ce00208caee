package org.depconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.depconsole.ui.Background;
import org.depconsole.ui.DesktopNotifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop notification service is used where the system has one and the in-window notification otherwise: a real
 * {@code notify-send} stand-in (a shell script on a PATH of the test's own) records what it was asked to show.
 */
@EnabledOnOs(OS.LINUX)
class SystemNotifierTest {

    @TempDir
    Path dir;

    final Background sameThread = new Background(Runnable::run, Runnable::run);
    final List<String> inWindow = new ArrayList<>();
    final DesktopNotifier fallback = (title, text, level) -> inWindow.add(level + ": " + title + " / " + text);

    private Path script(String body) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path script = bin.resolve("notify-send");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void withNotifySendOnThePathTheDesktopShowsItAndTheWindowDoesNot() throws Exception {
        Path args = dir.resolve("args.txt");
        Path bin = script("for a in \"$@\"; do echo \"$a\" >> '" + args + "'; done");
        DesktopNotifier chosen = SystemNotifier.choose("Linux", dir.resolve("empty") + ":" + bin, sameThread, fallback);
        assertThat(chosen).isInstanceOf(SystemNotifier.class);

        chosen.show("Token of \"Main campus\" expires in 7 days", "Download a new token before 10 Dec 2026.", DesktopNotifier.Level.WARNING);
        assertThat(Files.readAllLines(args)).containsSubsequence("--", "Token of \"Main campus\" expires in 7 days",
                "Download a new token before 10 Dec 2026.").contains("--app-name=DEP Console", "--urgency=critical");
        assertThat(inWindow).isEmpty();
    }

    @Test
    void withoutNotifySendOrOnAnotherSystemTheNotificationIsShownInTheWindow() throws Exception {
        assertThat(SystemNotifier.choose("Linux", dir.toString(), sameThread, fallback)).isSameAs(fallback);
        assertThat(SystemNotifier.choose("Linux", "", sameThread, fallback)).isSameAs(fallback);
        Path bin = script("exit 0");
        assertThat(SystemNotifier.choose("Windows 11", bin.toString(), sameThread, fallback)).isSameAs(fallback);
        assertThat(SystemNotifier.choose("Mac OS X", bin.toString(), sameThread, fallback)).isSameAs(fallback);
    }

    @Test
    void whenTheDesktopServiceFailsTheWindowShowsTheNotification() throws Exception {
        // notify-send exits 1 when no notification daemon answers on the session bus
        Path bin = script("echo 'GDBus.Error: no notification server' >&2; exit 1");
        DesktopNotifier chosen = SystemNotifier.choose("Linux", bin.toString(), sameThread, fallback);
        chosen.show("Title", "Text", DesktopNotifier.Level.INFO);
        assertThat(inWindow).containsExactly("INFO: Title / Text");
    }
}
