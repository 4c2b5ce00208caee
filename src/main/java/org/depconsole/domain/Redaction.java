package org.depconsole.domain;

/** The one way secrets are shown anywhere: a short recognisable prefix and an ellipsis. */
public final class Redaction {

    /** Characters kept after the {@code XX_} marker; enough to tell tokens apart, too few to use. */
    private static final int VISIBLE = 4;

    private Redaction() {
    }

    /** {@code CK_75b2eb55…} becomes {@code CK_75b2…}; null or blank becomes an empty string. */
    public static String prefix(String secret) {
        if (secret == null || secret.isBlank()) {
            return "";
        }
        int marker = secret.indexOf('_');
        int keep = (marker >= 0 && marker <= 3 ? marker + 1 : 0) + VISIBLE;
        if (secret.length() <= keep) {
            return secret.substring(0, Math.min(secret.length(), 2)) + "…";
        }
        return secret.substring(0, keep) + "…";
    }
}
