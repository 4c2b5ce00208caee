package org.depconsole.appleapi;

import org.depconsole.domain.ConsoleException;

/**
 * Any failure talking to Apple's service. The message is one sentence for the admin (from the
 * {@code apple.error.*} keys); {@link #code()} is Apple's error code or a failure kind for logs,
 * journal and program logic. Never carries response bodies or secrets.
 */
public abstract class AppleApiException extends ConsoleException {

    private final String code;
    private final int httpStatus;

    protected AppleApiException(Throwable cause, String code, int httpStatus, String messageKey, Object... args) {
        super(cause, messageKey, args);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** Apple's code ({@code T_C_NOT_SIGNED}, {@code EXPIRED_CURSOR}…) or a kind ({@code TIMEOUT}, {@code HTTP_500}…). */
    public String code() {
        return code;
    }

    /** The HTTP status of Apple's answer, 0 when none arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[code=" + code + ", status=" + httpStatus + "]: " + getMessage();
    }
}
