package org.depconsole.appleapi;

/**
 * Apple no longer accepts the server token: {@code token_rejected}, {@code signature_invalid},
 * {@code token_expired}, 401 or 403 {@code FORBIDDEN} on {@code /session}, or a second 401 right after re-authenticating.
 */
public final class TokenRejectedException extends AppleApiException {

    public TokenRejectedException(String code, int httpStatus) {
        super(null, code, httpStatus, keyFor(code));
    }

    private static String keyFor(String code) {
        if ("token_expired".equals(code)) {
            return "apple.error.tokenExpired";
        }
        if ("FORBIDDEN".equals(code)) {
            return "apple.error.tokenForbidden";
        }
        return "apple.error.tokenRejected";
    }
}
