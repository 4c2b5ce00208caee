package org.depconsole.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the window remembers between runs (settings.json). Plain fields for Jackson; unknown fields are ignored. */
public final class UiSettings {

    public Double windowX;
    public Double windowY;
    public double windowWidth = 1280;
    public double windowHeight = 820;
    public boolean maximized;
    public Long lastServerId;
    public String theme = "light";
    public String language;
    /** INFO or DEBUG; read at start-up. */
    public String logLevel = "INFO";
    public Map<String, TableLayout> tables = new LinkedHashMap<>();
    /** Token reminders already shown: server id @ token expiry → days threshold. */
    public Map<String, Integer> tokenReminders = new LinkedHashMap<>();

    /** Column order, widths and hidden columns of one table, by column id. */
    public static final class TableLayout {
        public List<String> order = new ArrayList<>();
        public Map<String, Double> widths = new LinkedHashMap<>();
        public List<String> hidden = new ArrayList<>();
    }
}
