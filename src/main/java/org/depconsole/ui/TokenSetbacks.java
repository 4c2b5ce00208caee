package org.depconsole.ui;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ResourceBundle;
import org.depconsole.service.TokenImportPlan;

/**
 * The window's question when a dropped token would set its server back (it has expired, or it expires earlier than
 * the stored one): one sentence with both expiry dates, and "Store anyway" against the default "Cancel". The server
 * page and the first-run guide both ask it; the command line has {@code --replace-newer} instead.
 */
public final class TokenSetbacks {

    private TokenSetbacks() {
    }

    public static String sentence(ResourceBundle bundle, TokenImportPlan plan, ZoneId zone, Instant now) {
        String key = switch (plan.setback()) {
            case EXPIRED_NOTHING_STORED -> "servers.older.expiredNothingStored";
            case EXPIRED -> "servers.older.expired";
            case EARLIER, NONE -> "servers.older.earlier";
        };
        return MessageFormat.format(bundle.getString(key), plan.setbackArguments(zone, now));
    }

    /** True only when the admin chose "Store anyway"; Cancel is the default button. */
    public static boolean confirm(DialogService dialogs, ResourceBundle bundle, String sentence) {
        return dialogs.confirm(bundle.getString("servers.older.title"), bundle.getString("servers.older.header"), sentence,
                bundle.getString("servers.older.confirm"));
    }
}
