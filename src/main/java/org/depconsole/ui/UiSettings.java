package org.depconsole.ui;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the window remembers between runs (settings.json): an immutable snapshot. A change makes a new snapshot with
 * a wither and hands it to {@link UiSettingsStore#update}, so settings written from the FX thread and from
 * background work never see each other half-done. Jackson reads and writes the components by name; unknown fields
 * are ignored and missing ones get their defaults.
 *
 * @param logLevel       INFO or DEBUG; read at start-up
 * @param tables         column order, widths and hidden columns by table id
 * @param tokenReminders token reminders already shown: server id @ token expiry → days threshold
 * @param lastTab        the fx:id of the server page's tab in front when the window closed (it opens there again)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UiSettings(Double windowX, Double windowY, double windowWidth, double windowHeight, boolean maximized, Long lastServerId,
                         String theme, String language, String logLevel, Map<String, TableLayout> tables,
                         Map<String, Integer> tokenReminders, String lastTab) {

    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 820;

    public UiSettings {
        windowWidth = windowWidth > 0 ? windowWidth : DEFAULT_WIDTH;
        windowHeight = windowHeight > 0 ? windowHeight : DEFAULT_HEIGHT;
        theme = theme == null || theme.isBlank() ? "light" : theme;
        language = language == null || language.isBlank() ? null : language;
        logLevel = logLevel == null || logLevel.isBlank() ? "INFO" : logLevel;
        tables = frozen(tables);
        tokenReminders = frozen(tokenReminders);
    }

    /** The settings of a first start. */
    public static UiSettings defaults() {
        return new UiSettings(null, null, DEFAULT_WIDTH, DEFAULT_HEIGHT, false, null, "light", null, "INFO", Map.of(), Map.of(), null);
    }

    /** The window's place and size (x and y may be null: let the system place it). */
    public UiSettings withWindow(Double x, Double y, double width, double height, boolean isMaximized) {
        return new UiSettings(x, y, width, height, isMaximized, lastServerId, theme, language, logLevel, tables, tokenReminders, lastTab);
    }

    public UiSettings withMaximized(boolean isMaximized) {
        return new UiSettings(windowX, windowY, windowWidth, windowHeight, isMaximized, lastServerId, theme, language, logLevel, tables,
                tokenReminders, lastTab);
    }

    public UiSettings withLastTab(String tabId) {
        return new UiSettings(windowX, windowY, windowWidth, windowHeight, maximized, lastServerId, theme, language, logLevel, tables,
                tokenReminders, tabId);
    }

    public UiSettings withLastServerId(Long id) {
        return new UiSettings(windowX, windowY, windowWidth, windowHeight, maximized, id, theme, language, logLevel, tables, tokenReminders, lastTab);
    }

    /** Theme, language (null: the system's) and log level, as the Settings window saves them together. */
    public UiSettings withAppearance(String newTheme, String newLanguage, String newLogLevel) {
        return new UiSettings(windowX, windowY, windowWidth, windowHeight, maximized, lastServerId, newTheme, newLanguage, newLogLevel,
                tables, tokenReminders, lastTab);
    }

    public UiSettings withTable(String id, TableLayout layout) {
        Map<String, TableLayout> next = new LinkedHashMap<>(tables);
        next.put(id, layout);
        return new UiSettings(windowX, windowY, windowWidth, windowHeight, maximized, lastServerId, theme, language, logLevel, next,
                tokenReminders, lastTab);
    }

    public UiSettings withTokenReminders(Map<String, Integer> shown) {
        return new UiSettings(windowX, windowY, windowWidth, windowHeight, maximized, lastServerId, theme, language, logLevel, tables,
                shown, lastTab);
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        Map<String, V> copy = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
        }
        return Collections.unmodifiableMap(copy);
    }

    /** Column order, widths and hidden columns of one table, by column id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TableLayout(List<String> order, Map<String, Double> widths, List<String> hidden) {

        public TableLayout {
            order = List.copyOf(order == null ? List.of() : order.stream().filter(Objects::nonNull).toList());
            widths = frozen(widths);
            hidden = List.copyOf(hidden == null ? List.of() : hidden.stream().filter(Objects::nonNull).toList());
        }

    }
}
