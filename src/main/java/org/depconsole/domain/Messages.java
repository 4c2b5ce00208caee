package org.depconsole.domain;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Access to the user-facing sentences of {@code i18n/messages*.properties} outside the UI. */
public final class Messages {

    public static final String BUNDLE = "i18n.messages";

    private Messages() {
    }

    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale);
    }

    public static String format(String key, Object... args) {
        return format(Locale.getDefault(), key, args);
    }

    public static String format(Locale locale, String key, Object... args) {
        String pattern;
        try {
            pattern = bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        if (args == null || args.length == 0) {
            return pattern.replace("''", "'");
        }
        return new MessageFormat(pattern, locale).format(args);
    }
}
