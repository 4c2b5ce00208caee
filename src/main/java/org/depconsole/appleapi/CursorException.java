package org.depconsole.appleapi;

/** A fetch or sync cursor Apple refuses (dep-api.md §3.4): the sync engine reacts per {@link #kind()}. */
public final class CursorException extends AppleApiException {

    /** What is wrong with the cursor. */
    public enum Kind {
        /** Older than 7 days: start a full fetch. */
        EXPIRED("EXPIRED_CURSOR", "apple.error.cursor.expired"),
        /** Not recognised: start a full fetch. */
        INVALID("INVALID_CURSOR", "apple.error.cursor.invalid"),
        /** The fetch with this cursor is complete: continue with sync. */
        EXHAUSTED("EXHAUSTED_CURSOR", "apple.error.cursor.exhausted"),
        /** Sync needs a cursor: start with a fetch. */
        REQUIRED("CURSOR_REQUIRED", "apple.error.cursor.required");

        private final String code;
        private final String key;

        Kind(String code, String key) {
            this.code = code;
            this.key = key;
        }

        public String code() {
            return code;
        }

        static Kind fromCode(String code) {
            for (Kind k : values()) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
            return null;
        }
    }

    private final Kind kind;

    public CursorException(Kind kind, int httpStatus) {
        super(null, kind.code(), httpStatus, kind.key);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
