package org.depconsole.appleapi;

/** 404: Apple does not know the profile (or other item) the request names. */
public final class NotFoundException extends AppleApiException {

    public NotFoundException(String code) {
        super(null, code, 404, "apple.error.notFound");
    }
}
