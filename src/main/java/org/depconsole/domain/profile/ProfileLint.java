package org.depconsole.domain.profile;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.depconsole.domain.apple.Profile;
import org.depconsole.domain.profile.LintIssue.Severity;

/**
 * Checks a profile before it goes to Apple (pure, no I/O): errors for what Apple refuses (dep-api.md §5.2) or what
 * cannot work (a non-https URL), warnings for settings that are deprecated or that the chosen platforms ignore.
 * Lengths count characters (code points); blank optional strings are not sent, so they are not findings.
 */
public final class ProfileLint {

    public static final int NAME_MAX = 125;
    public static final int URL_MAX = 2000;
    public static final int DEPARTMENT_MAX = 125;
    public static final int MAGIC_MAX = 256;
    public static final int EMAIL_MAX = 250;
    public static final int PHONE_MAX = 50;
    public static final int DEVICES_MAX = 1000;

    /**
     * At most this many different unknown Setup Assistant keys are a warning (Apple adds a few panes a year, so a profile
     * written for a newer system may carry some the catalogue does not know yet); more is not a profile anyone wrote by hand
     * (a damaged import, a list of something else) and is an error.
     */
    public static final int UNKNOWN_SKIP_KEYS_MAX = 20;
    /** How many unknown keys the warning names before "and N more". */
    static final int UNKNOWN_SKIP_KEYS_LISTED = 10;

    // Apple checks only that these are not empty and not too long (dep-api.md §5.2); the shapes below only warn
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9A-Za-z ()./,-]+$");
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

    private final SkipKeyCatalog catalog;

    public ProfileLint(SkipKeyCatalog catalog) {
        this.catalog = catalog;
    }

    /** Checks for every platform. */
    public List<LintIssue> check(Profile p) {
        return check(p, EnumSet.allOf(Platform.class));
    }

    /** Checks for the platforms the profile is meant for (empty = all). */
    public List<LintIssue> check(Profile p, Set<Platform> platformsOrEmpty) {
        Set<Platform> platforms = platformsOrEmpty == null || platformsOrEmpty.isEmpty() ? EnumSet.allOf(Platform.class)
                : EnumSet.copyOf(platformsOrEmpty);
        List<LintIssue> out = new ArrayList<>();
        name(p, out);
        urls(p, out);
        texts(p, out);
        flags(p, platforms, out);
        locale(p, platforms, out);
        certificates(p, out);
        skipKeys(p, platforms, out);
        if (p.devices() != null && p.devices().size() > DEVICES_MAX) {
            out.add(error("devices", "profiles.lint.tooManyDevices", DEVICES_MAX));
        }
        return List.copyOf(out);
    }

    public static boolean hasErrors(List<LintIssue> issues) {
        return issues.stream().anyMatch(LintIssue::isError);
    }

    private static void name(Profile p, List<LintIssue> out) {
        if (blank(p.profileName())) {
            out.add(error("profile_name", "profiles.lint.nameRequired"));
        } else if (length(p.profileName()) > NAME_MAX) {
            out.add(error("profile_name", "profiles.lint.nameTooLong", NAME_MAX));
        }
    }

    private static void urls(Profile p, List<LintIssue> out) {
        if (blank(p.url())) {
            out.add(error("url", "profiles.lint.urlRequired"));
        } else {
            checkUrl("url", p.url(), out);
        }
        if (!blank(p.configurationWebUrl())) {
            checkUrl("configuration_web_url", p.configurationWebUrl(), out);
        }
    }

    private static void checkUrl(String field, String value, List<LintIssue> out) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            out.add(error(field, "profiles.lint.urlInvalid", value.strip()));
            return;
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.toASCIIString().length() > URL_MAX) {
            out.add(error(field, "profiles.lint.urlInvalid", value.strip()));
        } else if (!"https".equalsIgnoreCase(uri.getScheme())) {
            out.add(error(field, "profiles.lint.urlNotHttps", value.strip()));
        }
    }

    private static void texts(Profile p, List<LintIssue> out) {
        if (!blank(p.department()) && length(p.department()) > DEPARTMENT_MAX) {
            out.add(error("department", "profiles.lint.departmentTooLong", DEPARTMENT_MAX));
        }
        if (!blank(p.orgMagic()) && length(p.orgMagic()) > MAGIC_MAX) {
            out.add(error("org_magic", "profiles.lint.magicTooLong", MAGIC_MAX));
        }
        String email = p.supportEmailAddress();
        if (!blank(email)) {
            if (length(email) > EMAIL_MAX) {
                out.add(error("support_email_address", "profiles.lint.emailTooLong", EMAIL_MAX));
            } else if (!EMAIL.matcher(email.strip()).matches()) {
                out.add(warning("support_email_address", "profiles.lint.emailUnusual", email.strip()));
            }
        }
        String phone = p.supportPhoneNumber();
        if (!blank(phone)) {
            if (length(phone) > PHONE_MAX) {
                out.add(error("support_phone_number", "profiles.lint.phoneTooLong", PHONE_MAX));
            } else if (!PHONE.matcher(phone.strip()).matches() || phone.chars().noneMatch(Character::isDigit)) {
                out.add(warning("support_phone_number", "profiles.lint.phoneUnusual", phone.strip()));
            }
        }
    }

    private static void flags(Profile p, Set<Platform> platforms, List<LintIssue> out) {
        if (Boolean.FALSE.equals(p.isMdmRemovable()) && !Boolean.TRUE.equals(p.isSupervised())) {
            out.add(error("is_mdm_removable", "profiles.lint.notRemovableNeedsSupervised"));
        }
        if (p.allowPairing() != null) {
            out.add(warning("allow_pairing", "profiles.lint.allowPairingDeprecated"));
        }
        if (Boolean.FALSE.equals(p.isSupervised())) {
            out.add(warning("is_supervised", "profiles.lint.supervisedIgnored"));
        }
        if (Boolean.FALSE.equals(p.isMandatory())) {
            out.add(warning("is_mandatory", "profiles.lint.mandatoryIgnored"));
        }
        if (Boolean.TRUE.equals(p.isMultiUser())) {
            if (!platforms.contains(Platform.IOS)) {
                out.add(warning("is_multi_user", "profiles.lint.ignoredByPlatforms", "is_multi_user", "iOS"));
            } else {
                out.add(warning("is_multi_user", "profiles.lint.multiUserNote"));
            }
        }
        if (Boolean.TRUE.equals(p.autoAdvanceSetup()) && !platforms.contains(Platform.TVOS) && !platforms.contains(Platform.MACOS)) {
            out.add(warning("auto_advance_setup", "profiles.lint.ignoredByPlatforms", "auto_advance_setup", "tvOS, macOS"));
        }
        if (Boolean.TRUE.equals(p.isReturnToService()) && !platforms.contains(Platform.IOS) && !platforms.contains(Platform.VISIONOS)) {
            out.add(warning("is_return_to_service", "profiles.lint.ignoredByPlatforms", "is_return_to_service", "iOS, visionOS"));
        }
        if (Boolean.TRUE.equals(p.doNotUseProfileFromBackup()) && !platforms.contains(Platform.IOS)
                && !platforms.contains(Platform.VISIONOS)) {
            out.add(warning("do_not_use_profile_from_backup", "profiles.lint.ignoredByPlatforms", "do_not_use_profile_from_backup",
                    "iOS, visionOS"));
        }
    }

    private static void locale(Profile p, Set<Platform> platforms, List<LintIssue> out) {
        boolean hasLanguage = !blank(p.language());
        boolean hasRegion = !blank(p.region());
        if (hasLanguage) {
            String l = p.language().strip();
            boolean ok = (l.length() == 2 && LANGUAGES.contains(l)) || (l.length() == 3 && l.chars().allMatch(c -> c >= 'a' && c <= 'z'));
            if (!ok) {
                out.add(error("language", "profiles.lint.languageInvalid", l));
            }
        }
        if (hasRegion) {
            String r = p.region().strip();
            if (r.length() != 2 || !REGIONS.contains(r)) {
                out.add(error("region", "profiles.lint.regionInvalid", r));
            } else if (!hasLanguage) {
                // Apple documents no refusal of a region alone; devices then keep the language chosen on them
                out.add(warning("region", "profiles.lint.regionWithoutLanguage"));
            }
        }
        if ((hasLanguage || hasRegion) && !platforms.contains(Platform.TVOS) && !platforms.contains(Platform.MACOS)) {
            out.add(warning(hasLanguage ? "language" : "region", "profiles.lint.ignoredByPlatforms", "language/region", "tvOS, macOS"));
        }
    }

    private static void certificates(Profile p, List<LintIssue> out) {
        checkCerts("anchor_certs", p.anchorCerts(), out);
        checkCerts("supervising_host_certs", p.supervisingHostCerts(), out);
    }

    private static void checkCerts(String field, List<String> certs, List<LintIssue> out) {
        if (certs == null) {
            return;
        }
        for (int n = 0; n < certs.size(); n++) {
            String c = certs.get(n) == null ? "" : certs.get(n).strip();
            boolean ok = !c.isEmpty() && !c.contains("-----");
            if (ok) {
                try {
                    byte[] der = Base64.getMimeDecoder().decode(c);
                    ok = der.length > 0 && (der[0] & 0xff) == 0x30; // a DER SEQUENCE
                } catch (IllegalArgumentException e) {
                    ok = false;
                }
            }
            if (!ok) {
                out.add(error(field, "profiles.lint.certificateInvalid", n + 1, field));
            }
        }
    }

    private void skipKeys(Profile p, Set<Platform> platforms, List<LintIssue> out) {
        if (p.skipSetupItems() == null) {
            return;
        }
        java.util.Set<String> unknown = new java.util.LinkedHashSet<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String raw : p.skipSetupItems()) {
            String key = raw == null ? "" : raw.strip();
            if (!seen.add(key)) {
                continue; // a key listed twice is checked once
            }
            var found = catalog.find(key);
            if (found.isEmpty()) {
                unknown.add(key);
                continue;
            }
            SkipKey k = found.get();
            if (!k.key().equals(key)) {
                out.add(warning("skip_setup_items", "profiles.lint.skipKeyCase", key, k.key()));
            }
            if (k.deprecated()) {
                out.add(warning("skip_setup_items", "profiles.lint.skipKeyDeprecated", k.key()));
            }
            if (!k.appliesToAny(platforms)) {
                out.add(warning("skip_setup_items", "profiles.lint.skipKeyPlatform", k.key(),
                        String.join(", ", k.platforms().keySet().stream().map(Platform::appleName).toList())));
            }
        }
        if (unknown.size() > UNKNOWN_SKIP_KEYS_MAX) {
            out.add(error("skip_setup_items", "profiles.lint.skipKeysTooManyUnknown", unknown.size(), UNKNOWN_SKIP_KEYS_MAX,
                    listed(unknown)));
        } else if (!unknown.isEmpty()) {
            out.add(warning("skip_setup_items", "profiles.lint.skipKeyUnknown", unknown.size(), listed(unknown)));
        }
    }

    /** The first few names, quoted, then "…" and how many more (the sentence says the total). */
    private static String listed(java.util.Collection<String> keys) {
        List<String> shown = keys.stream().limit(UNKNOWN_SKIP_KEYS_LISTED).map(k -> "\"" + k + "\"").toList();
        String text = String.join(", ", shown);
        return keys.size() > shown.size() ? text + ", …" : text;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int length(String s) {
        String t = s.strip();
        return t.codePointCount(0, t.length());
    }

    private static LintIssue error(String field, String key, Object... args) {
        return new LintIssue(field, Severity.ERROR, key, List.of(args));
    }

    private static LintIssue warning(String field, String key, Object... args) {
        return new LintIssue(field, Severity.WARNING, key, List.of(args));
    }
}
