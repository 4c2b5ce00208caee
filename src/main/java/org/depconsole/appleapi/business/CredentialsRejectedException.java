package org.depconsole.appleapi.business;

import java.util.Locale;
import org.depconsole.appleapi.AppleApiException;

/**
 * Apple (or the console itself, before sending) refused the API account's credentials. Apple answers most problems
 * with one code, {@code invalid_client} (§3, §4); {@link #reason()} is as specific as the answer allows, and
 * {@link Reason#INVALID_CLIENT} lists the possible causes when it does not say which.
 */
public final class CredentialsRejectedException extends AppleApiException {

    /** What is wrong, each with its own sentence ({@code apple.error.business.credentials.<reason>}). */
    public enum Reason {
        /** {@code invalid_client} without detail: wrong key for the key ID, revoked key, or wrong client ID. */
        INVALID_CLIENT,
        /** The client ID is not {@code BUSINESSAPI.<uuid>} or {@code SCHOOLAPI.<uuid>} (checked before sending). */
        CLIENT_ID_MALFORMED,
        /** The key ID is not a UUID (checked before sending). */
        KEY_ID_MALFORMED,
        /** Apple does not know the client ID. */
        UNKNOWN_CLIENT,
        /** The key ID is unknown to the account or its key was revoked. */
        KEY_REVOKED,
        /** The private key is not the one of this key ID. */
        WRONG_KEY,
        /** This computer's clock is off (Apple's {@code Date} differs, or the assertion was not yet or no longer valid). */
        CLOCK_SKEW,
        /** The scope does not fit the host: a school account against the business host, or the reverse. */
        WRONG_SCOPE,
        /** A fresh access token was refused right away (401 twice). */
        TOKEN_REFUSED;

        String key() {
            return "apple.error.business.credentials." + name().toLowerCase(Locale.ROOT).replace("_", "");
        }
    }

    private final Reason reason;

    public CredentialsRejectedException(Reason reason, String code, int httpStatus) {
        super(null, code, httpStatus, reason.key());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
