package org.depconsole.crypto;

import java.util.Objects;
import org.depconsole.domain.ConsoleException;

/**
 * Why a server token file was refused. The {@link #reason()} lets callers react (for example offer
 * "upload this server's public key" for {@link Reason#WRONG_KEY}); the message is the sentence for the
 * admin. Neither the message nor its arguments ever contain file content or secrets.
 */
public class TokenImportException extends ConsoleException {

    /** The kinds of refusal, from "wrong file" to "right file, wrong key". */
    public enum Reason {
        /** Not an enveloped-data S/MIME token at all (a .vpptoken, a certificate, a ZIP, random text). */
        NOT_A_TOKEN,
        /** Encrypted for another certificate, or our private key does not open it. */
        WRONG_KEY,
        /** Looks like a token but the base64 or ASN.1 is damaged or truncated. */
        CORRUPTED,
        /** Decrypted, but a field of the token JSON is missing, blank or malformed. */
        INCOMPLETE,
        /** The file has no content. */
        EMPTY_FILE,
        /** A folder was chosen instead of a file. */
        DIRECTORY,
        /** Far larger than any server token; refused before reading. */
        TOO_LARGE,
        /** Missing, or the operating system refused to read it. */
        UNREADABLE
    }

    private final Reason reason;

    public TokenImportException(Reason reason, String messageKey, Object... args) {
        this(reason, null, messageKey, args);
    }

    public TokenImportException(Reason reason, Throwable cause, String messageKey, Object... args) {
        super(cause, messageKey, args);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
