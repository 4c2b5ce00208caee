package org.depconsole.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * The checks of Define Profile, in the order of dep-api.md §5.2; the first failure wins and
 * becomes {@code 400 <CODE>}. Lengths count characters (code points), as Apple's "UTF-8
 * characters" wording suggests; "empty" means a string of length zero or only white space.
 */
final class ProfileValidator {

    static final int NAME_MAX = 125;
    static final int URL_MAX = 2000;
    static final int DEPARTMENT_MAX = 125;
    static final int MAGIC_MAX = 256;
    static final int EMAIL_MAX = 250;
    static final int PHONE_MAX = 50;

    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());
    private static final Set<String> FLAGS = Set.of("allow_pairing", "is_supervised", "is_mandatory", "is_mdm_removable",
            "is_multi_user", "await_device_configured", "auto_advance_setup", "is_return_to_service",
            "do_not_use_profile_from_backup");

    private ProfileValidator() {
    }

    static void validate(ObjectNode p) {
        JsonNode name = p.get("profile_name");
        if (name == null || name.isNull()) {
            throw new ApiError(400, "CONFIG_NAME_REQUIRED");
        }
        if (!isText(name, NAME_MAX)) {
            throw new ApiError(400, "CONFIG_NAME_INVALID");
        }
        JsonNode url = p.get("url");
        if (url == null || url.isNull()) {
            throw new ApiError(400, "CONFIG_URL_REQUIRED");
        }
        if (!isHttpUrl(url)) {
            throw new ApiError(400, "CONFIG_URL_INVALID");
        }
        JsonNode webUrl = p.get("configuration_web_url");
        if (webUrl != null && !webUrl.isNull() && !isHttpUrl(webUrl)) {
            throw new ApiError(400, "CONFIG_URL_INVALID");
        }
        if (present(p, "department") && !isText(p.get("department"), DEPARTMENT_MAX)) {
            throw new ApiError(400, "DEPARTMENT_INVALID");
        }
        for (String flag : FLAGS) {
            if (present(p, flag) && !p.get(flag).isBoolean()) {
                throw new ApiError(400, "FLAGS_INVALID");
            }
        }
        boolean removable = !present(p, "is_mdm_removable") || p.get("is_mdm_removable").booleanValue();
        boolean supervised = present(p, "is_supervised") && p.get("is_supervised").booleanValue();
        if (!removable && !supervised) {
            throw new ApiError(400, "FLAGS_INVALID");
        }
        validateLocale(p);
        if (present(p, "org_magic") && !isText(p.get("org_magic"), MAGIC_MAX)) {
            throw new ApiError(400, "MAGIC_INVALID");
        }
        if (present(p, "support_email_address") && !isText(p.get("support_email_address"), EMAIL_MAX)) {
            throw new ApiError(400, "SUPPORT_EMAIL_INVALID");
        }
        if (present(p, "support_phone_number") && !isText(p.get("support_phone_number"), PHONE_MAX)) {
            throw new ApiError(400, "SUPPORT_PHONE_INVALID");
        }
        // arrays must at least have the right shape
        Json.stringArray(p, "skip_setup_items");
        Json.stringArray(p, "anchor_certs");
        Json.stringArray(p, "supervising_host_certs");
        Json.stringArray(p, "devices");
    }

    /**
     * {@code language}: ISO 639 — a known two-letter code or three lower-case letters (639-2);
     * {@code region}: a known ISO 3166-1 alpha-2 code in upper case (a region alone is accepted: Apple documents no refusal of it).
     */
    private static void validateLocale(ObjectNode p) {
        boolean hasLanguage = present(p, "language");
        boolean hasRegion = present(p, "region");
        if (hasLanguage) {
            JsonNode l = p.get("language");
            String v = l.isTextual() ? l.asText() : "";
            boolean ok = (v.length() == 2 && LANGUAGES.contains(v)) || (v.length() == 3 && v.chars().allMatch(c -> c >= 'a' && c <= 'z'));
            if (!ok) {
                throw new ApiError(400, "LOCALE_INVALID");
            }
        }
        if (hasRegion) {
            JsonNode r = p.get("region");
            String v = r.isTextual() ? r.asText() : "";
            if (v.length() != 2 || !REGIONS.contains(v)) {
                throw new ApiError(400, "LOCALE_INVALID");
            }
        }
    }

    private static boolean present(ObjectNode p, String field) {
        JsonNode n = p.get(field);
        return n != null && !n.isNull();
    }

    private static boolean isText(JsonNode n, int max) {
        if (!n.isTextual()) {
            return false;
        }
        String s = n.asText();
        return !s.isBlank() && s.codePointCount(0, s.length()) <= max;
    }

    /** An absolute http(s) URL with a host, at most 2000 characters once percent-encoded. */
    static boolean isHttpUrl(JsonNode n) {
        if (!n.isTextual() || n.asText().isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(n.asText());
            String scheme = uri.getScheme();
            return uri.isAbsolute() && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
                    && uri.toASCIIString().length() <= URL_MAX;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
