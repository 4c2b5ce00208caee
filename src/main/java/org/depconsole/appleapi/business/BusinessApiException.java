package org.depconsole.appleapi.business;

import java.util.Locale;
import org.depconsole.appleapi.AppleApiException;

/**
 * Apple's REST API refused a request or failed, for a reason without its own type. {@link #code()} is the JSON:API
 * error {@code code} ({@code PARAMETER_ERROR.INVALID}, {@code FORBIDDEN_ERROR}…) or {@code HTTP_<status>}.
 */
public final class BusinessApiException extends AppleApiException {

    /** The kind of failure, each with its own sentence ({@code apple.error.business.<kind>}). */
    public enum Kind {
        /** 400 about the paging cursor: start paging again from the first page. */
        CURSOR_INVALID,
        /** Other 400 or 4xx. */
        BAD_REQUEST,
        /** 403: the account's role lacks the permission, or the operation is not offered. */
        FORBIDDEN,
        /** 404: unknown serial, server or activity (activities are kept 30 days). */
        NOT_FOUND,
        /** 406: the service refused the Accept header. */
        NOT_ACCEPTABLE,
        /** 5xx after the retries. */
        UNAVAILABLE;

        String key() {
            return "apple.error.business." + name().toLowerCase(Locale.ROOT).replace("_", "");
        }
    }

    private final Kind kind;

    public BusinessApiException(Kind kind, String code, int httpStatus) {
        super(null, code, httpStatus, kind.key(), code);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
