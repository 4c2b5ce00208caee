package org.depconsole.appleapi;

/** 403 {@code T_C_NOT_SIGNED}: the organization has not accepted Apple's latest terms. Not retried. */
public final class TermsNotAcceptedException extends AppleApiException {

    public static final String CODE = "T_C_NOT_SIGNED";

    public TermsNotAcceptedException(int httpStatus) {
        super(null, CODE, httpStatus, "apple.error.termsNotAccepted");
    }
}
