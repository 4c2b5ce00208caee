package org.depconsole.appleapi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Apple's error code in an error body (dep-api.md §2.6): a bare string ({@code T_C_NOT_SIGNED}),
 * a quoted string ({@code "INVALID_CURSOR"}) or JSON ({@code {"code":"…"}}), matched by substring after
 * trimming whitespace and quotes. Only a code-shaped token ever leaves this class, never the body itself.
 */
final class ErrorBody {

    /** Longest error body read. */
    static final int MAX_BYTES = 8 * 1024;

    /** Known codes; a code that contains another (DEVICE_NOT_FOUND ⊃ NOT_FOUND) comes first. */
    private static final List<String> KNOWN = List.of(
            "T_C_NOT_SIGNED", "ACCESS_DENIED", "APPLE_SEED_FOR_IT_TURNED_OFF",
            "token_rejected", "signature_invalid", "token_expired",
            "EXPIRED_CURSOR", "INVALID_CURSOR", "EXHAUSTED_CURSOR", "CURSOR_REQUIRED",
            "DEVICE_NOT_FOUND", "DEVICE_ID_REQUIRED", "PROFILE_UUID_REQUIRED",
            "CONFIG_NAME_REQUIRED", "CONFIG_NAME_INVALID", "CONFIG_URL_REQUIRED", "CONFIG_URL_INVALID",
            "DEPARTMENT_INVALID", "FLAGS_INVALID", "LOCALE_INVALID", "MAGIC_INVALID",
            "SUPPORT_EMAIL_INVALID", "SUPPORT_PHONE_INVALID", "MALFORMED_REQUEST_BODY",
            "USER_AGENT_MISSING", "USER_AGENT_INVALID", "ORG_NOT_SUPPORTED",
            "MDM_SERVICE_DISCOVERY_URL_REQUIRED", "MDM_SERVICE_DISCOVERY_URL_NOT_VALID",
            "TOO_MANY_REQUESTS", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "oauth_problem");

    private static final Pattern CODE_SHAPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,63}");
    private static final Pattern JSON_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]{1,64})\"");

    private ErrorBody() {
    }

    /** The code in the body, or null when there is none. */
    static String code(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text = trim(new String(body, 0, Math.min(body.length, MAX_BYTES), StandardCharsets.UTF_8));
        if (text.isEmpty()) {
            return null;
        }
        for (String known : KNOWN) {
            if (text.contains(known)) {
                return known;
            }
        }
        if (CODE_SHAPE.matcher(text).matches()) {
            return text;
        }
        Matcher m = JSON_CODE.matcher(text);
        if (m.find() && CODE_SHAPE.matcher(m.group(1)).matches()) {
            return m.group(1);
        }
        return null;
    }

    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isTrimmed(s.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmed(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isTrimmed(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'';
    }
}
