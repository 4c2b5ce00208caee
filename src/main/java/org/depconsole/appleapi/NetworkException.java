package org.depconsole.appleapi;

import java.io.IOException;

/** No usable answer arrived: the network, a proxy or TLS failed, or the connection dropped. */
public final class NetworkException extends AppleApiException {

    /** Where the exchange failed. */
    public enum Kind { DNS, CONNECT, TIMEOUT, PROXY, TLS, DROPPED }

    private final Kind kind;
    private final boolean requestSent;

    /**
     * @param host        the host the client tried to reach (shown to the admin)
     * @param requestSent whether Apple may have received the request; for changes that means "check before repeating"
     */
    public NetworkException(IOException cause, Kind kind, String host, boolean requestSent) {
        super(cause, kind.name(), 0, keyFor(kind, requestSent), host);
        this.kind = kind;
        this.requestSent = requestSent;
    }

    private static String keyFor(Kind kind, boolean requestSent) {
        if (requestSent && (kind == Kind.DROPPED || kind == Kind.TIMEOUT)) {
            return "apple.error.network.afterSend";
        }
        return "apple.error.network." + kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    public Kind kind() {
        return kind;
    }

    public boolean requestSent() {
        return requestSent;
    }
}
