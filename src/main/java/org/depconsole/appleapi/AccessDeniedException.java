package org.depconsole.appleapi;

/** 403 {@code ACCESS_DENIED} (or another 403 that re-authenticating cannot fix): this MDM server may not do this. */
public final class AccessDeniedException extends AppleApiException {

    public AccessDeniedException(String code, int httpStatus) {
        super(null, code, httpStatus, "APPLE_SEED_FOR_IT_TURNED_OFF".equals(code)
                ? "apple.error.betaAccessTurnedOff" : "apple.error.accessDenied");
    }
}
