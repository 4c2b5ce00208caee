package org.depconsole.testsupport;

import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/** WCAG 2 contrast of the colours a node is actually painted with (after CSS resolved the theme's looked-up colours). */
public final class Contrast {

    /** WCAG AA for normal text. */
    public static final double AA_TEXT = 4.5;

    private Contrast() {
    }

    /** The contrast ratio of two opaque colours, 1 to 21. */
    public static double ratio(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** WCAG relative luminance. */
    public static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /**
     * The colour a region's background shows in its middle: its fills painted over {@code under} in order (later
     * fills on top, translucent ones blended). Fills inset so far that they are only a border line still count, which
     * is what the eye sees at the text.
     */
    public static Color background(Region region, Color under) {
        Color out = under;
        Background bg = region.getBackground();
        if (bg == null) {
            return out;
        }
        for (BackgroundFill fill : bg.getFills()) {
            Paint p = fill.getFill();
            if (p instanceof Color c) {
                out = over(c, out);
            }
        }
        return out;
    }

    /** {@code top} painted over the opaque {@code bottom}. */
    public static Color over(Color top, Color bottom) {
        double a = top.getOpacity();
        return Color.color(top.getRed() * a + bottom.getRed() * (1 - a), top.getGreen() * a + bottom.getGreen() * (1 - a),
                top.getBlue() * a + bottom.getBlue() * (1 - a));
    }
}
