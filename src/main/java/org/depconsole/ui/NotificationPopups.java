package org.depconsole.ui;

import java.util.Objects;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import org.controlsfx.control.Notifications;

/**
 * What ControlsFX's notification popups need to fit the console. Their label never wraps, so a long sentence (an error
 * that names the problem and the fix is often 200 characters) made the popup wider than the window and cut off its
 * beginning at the screen's edge: {@link #create} breaks the text into lines ({@link #wrap}). Their stylesheet paints
 * the popup with Modena's colour names, which the AtlantaFX themes do not define, so the popup had no background at all
 * (dark text straight on a dark window in the dark theme): {@link #show} adds the console's notification stylesheet,
 * in the theme's colours, to the popup it shows. Every notification of the window goes through these two.
 */
public final class NotificationPopups {

    private static final String STYLESHEET = Objects.requireNonNull(NotificationPopups.class.getResource("notifications.css"))
            .toExternalForm();

    /** Characters per line: about 460 pixels in the default font, narrower than the smallest window. */
    public static final int COLUMNS = 70;

    private NotificationPopups() {
    }

    /**
     * Breaks {@code text} at spaces into lines of at most {@code columns} characters; a word longer than that keeps a
     * line of its own, unbroken. Line breaks already in the text stay.
     */
    public static String wrap(String text, int columns) {
        if (text == null || text.length() <= columns) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + text.length() / columns + 1);
        String[] paragraphs = text.split("\n", -1);
        for (int p = 0; p < paragraphs.length; p++) {
            if (p > 0) {
                out.append('\n');
            }
            int lineLength = 0;
            for (String word : paragraphs[p].split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (lineLength > 0 && lineLength + 1 + word.length() > columns) {
                    out.append('\n');
                    lineLength = 0;
                } else if (lineLength > 0) {
                    out.append(' ');
                    lineLength++;
                }
                out.append(word);
                lineLength += word.length();
            }
        }
        return out.toString();
    }

    /** A notification over {@code owner} with its text broken into lines; finish it, then {@link #show} it. */
    public static Notifications create(Window owner, String title, String text) {
        return Notifications.create().owner(owner).title(title).text(wrap(text, COLUMNS));
    }

    /** Shows the notification (FX thread) with the warning or the information sign, in the console's colours. */
    public static void show(Notifications notification, DesktopNotifier.Level level) {
        if (level == DesktopNotifier.Level.WARNING) {
            notification.showWarning();
        } else {
            notification.showInformation();
        }
        restyleShown();
    }

    private static void restyleShown() {
        for (Window w : Window.getWindows()) {
            if (w instanceof PopupWindow && w.getScene() != null && w.getScene().getRoot().lookup(".notification-bar") != null
                    && !w.getScene().getStylesheets().contains(STYLESHEET)) {
                w.getScene().getStylesheets().add(STYLESHEET);
            }
        }
    }
}
