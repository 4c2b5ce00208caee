package org.depconsole.ui;

/**
 * Text for a ControlsFX notification. Its label never wraps, so a long sentence (an error that names the problem and
 * the fix is often 200 characters) made the popup wider than the window and cut off its beginning at the screen's
 * edge. The text is broken into lines at spaces instead.
 */
public final class NotificationText {

    /** Characters per line: about 460 pixels in the default font, narrower than the smallest window. */
    public static final int COLUMNS = 70;

    private NotificationText() {
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
}
