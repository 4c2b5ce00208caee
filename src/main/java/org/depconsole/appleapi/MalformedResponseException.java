package org.depconsole.appleapi;

/** Apple's answer could not be read: not the expected JSON, empty where a value is needed, or too large. */
public final class MalformedResponseException extends AppleApiException {

    public static final String CODE = "MALFORMED_RESPONSE";

    public MalformedResponseException(int httpStatus) {
        super(null, CODE, httpStatus, "apple.error.malformedResponse");
    }
}
