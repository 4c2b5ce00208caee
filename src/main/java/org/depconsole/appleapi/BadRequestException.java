package org.depconsole.appleapi;

import java.util.Map;

/**
 * Apple refused the request (400 or another 4xx) for a reason other than the ones with their own type.
 * Profile validation codes of dep-api.md §5.2 and other known codes get their own sentence.
 */
public final class BadRequestException extends AppleApiException {

    /** Code used for a 400 on {@code /session}: a malformed or garbled OAuth request (dep-api.md §2.5). */
    public static final String SESSION_REQUEST_INVALID = "SESSION_REQUEST_INVALID";

    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("CONFIG_NAME_REQUIRED", "apple.error.profile.nameRequired"),
            Map.entry("CONFIG_NAME_INVALID", "apple.error.profile.nameInvalid"),
            Map.entry("CONFIG_URL_REQUIRED", "apple.error.profile.urlRequired"),
            Map.entry("CONFIG_URL_INVALID", "apple.error.profile.urlInvalid"),
            Map.entry("DEPARTMENT_INVALID", "apple.error.profile.departmentInvalid"),
            Map.entry("FLAGS_INVALID", "apple.error.profile.flagsInvalid"),
            Map.entry("LOCALE_INVALID", "apple.error.profile.localeInvalid"),
            Map.entry("MAGIC_INVALID", "apple.error.profile.magicInvalid"),
            Map.entry("SUPPORT_EMAIL_INVALID", "apple.error.profile.supportEmailInvalid"),
            Map.entry("SUPPORT_PHONE_INVALID", "apple.error.profile.supportPhoneInvalid"),
            Map.entry("DEVICE_ID_REQUIRED", "apple.error.deviceIdRequired"),
            Map.entry("PROFILE_UUID_REQUIRED", "apple.error.profileUuidRequired"),
            Map.entry("DEVICE_NOT_FOUND", "apple.error.deviceNotFound"),
            Map.entry("MALFORMED_REQUEST_BODY", "apple.error.malformedRequest"),
            Map.entry("USER_AGENT_MISSING", "apple.error.userAgent"),
            Map.entry("USER_AGENT_INVALID", "apple.error.userAgent"),
            Map.entry("ORG_NOT_SUPPORTED", "apple.error.orgNotSupported"),
            Map.entry(SESSION_REQUEST_INVALID, "apple.error.sessionRequestInvalid"));

    public BadRequestException(String code, int httpStatus) {
        super(null, code, httpStatus, KEYS.getOrDefault(code, "apple.error.badRequest"), code);
    }
}
