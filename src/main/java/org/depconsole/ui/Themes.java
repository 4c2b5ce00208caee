package org.depconsole.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** The console's themes: AtlantaFX Primer light and dark (docs/decisions/0006). */
public enum Themes {
    LIGHT, DARK;

    public void apply() {
        Application.setUserAgentStylesheet(this == DARK ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    public static Themes of(String name) {
        return "dark".equalsIgnoreCase(name) ? DARK : LIGHT;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
