package org.depconsole.testsupport;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import org.depconsole.domain.ServerToken;

/** Freshly made token strings in Apple's shapes, different on every call. */
public final class TestTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestTokens() {
    }

    public static ServerToken token(Instant expiry) {
        return new ServerToken("CK_" + hex(48), "CS_" + hex(20), "AT_O" + RANDOM.nextInt(1_000_000_000) + "O" + hex(20),
                "AS_" + hex(20), expiry);
    }

    public static ServerToken withConsumerKey(ServerToken base, String consumerKey, Instant expiry) {
        return new ServerToken(consumerKey, "CS_" + hex(20), "AT_O" + RANDOM.nextInt(1_000_000_000) + "O" + hex(20), "AS_" + hex(20), expiry);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
