package org.depconsole.appleapi;

/** Apple answered with a server error (5xx), after the retries the policy allows. */
public final class AppleUnavailableException extends AppleApiException {

    public AppleUnavailableException(int httpStatus) {
        super(null, "HTTP_" + httpStatus, httpStatus, "apple.error.unavailable", Integer.toString(httpStatus));
    }
}
