package org.depconsole.domain.oauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 5849 HMAC-SHA1 signatures, as Apple's {@code GET /session} needs them (dep-api.md §2.2).
 * A pure function of its inputs, so the client that signs and the simulator that verifies follow
 * exactly the same rules, and the RFC's own test vector pins them. No network, no state.
 * (No maintained Java OAuth 1.0a library exists any more; see docs/decisions/0005.)
 */
public final class OAuth1Signature {

    public static final String METHOD = "HMAC-SHA1";

    private OAuth1Signature() {
    }

    /** RFC 3986 percent-encoding: unreserved characters stay, everything else becomes {@code %XX} of its UTF-8 bytes. */
    public static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Scheme and host in lower case, path kept, default port, query and fragment dropped (RFC 5849 §3.4.1.2). */
    public static String baseUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    /**
     * The signature base string.
     *
     * @param parameters every protocol and request parameter except {@code oauth_signature} and {@code realm},
     *                   as decoded name/value pairs (a name may repeat)
     */
    public static String baseString(String httpMethod, URI uri, List<Map.Entry<String, String>> parameters) {
        List<String> pairs = new ArrayList<>(parameters.size());
        for (Map.Entry<String, String> p : parameters) {
            pairs.add(encode(p.getKey()) + "=" + encode(p.getValue()));
        }
        // sorting the encoded "name=value" strings orders by name, then value, as '=' sorts before any name character
        pairs.sort(null);
        return httpMethod.toUpperCase(Locale.ROOT) + "&" + encode(baseUri(uri)) + "&" + encode(String.join("&", pairs));
    }

    /** Base64 of HMAC-SHA1 over the base string with the key {@code enc(consumerSecret)&enc(tokenSecret)}. */
    public static String sign(String baseString, String consumerSecret, String tokenSecret) {
        String key = encode(consumerSecret) + "&" + encode(tokenSecret == null ? "" : tokenSecret);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is not available in this Java runtime", e);
        }
    }

    /** Parameters of a signed request in the order they are sent. */
    public static Map<String, String> protocolParameters(String consumerKey, String token, long timestampSeconds, String nonce) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("oauth_consumer_key", consumerKey);
        p.put("oauth_token", token);
        p.put("oauth_signature_method", METHOD);
        p.put("oauth_timestamp", Long.toString(timestampSeconds));
        p.put("oauth_nonce", nonce);
        p.put("oauth_version", "1.0");
        return p;
    }

    /** The complete {@code Authorization} header value: {@code OAuth realm="ADM", oauth_…="…", …}. */
    public static String authorizationHeader(String httpMethod, URI uri, String consumerKey, String consumerSecret,
                                             String token, String tokenSecret, long timestampSeconds, String nonce) {
        Map<String, String> p = protocolParameters(consumerKey, token, timestampSeconds, nonce);
        String signature = sign(baseString(httpMethod, uri, new ArrayList<>(p.entrySet())), consumerSecret, tokenSecret);
        p.put("oauth_signature", signature);
        StringBuilder header = new StringBuilder("OAuth realm=\"ADM\"");
        p.forEach((k, v) -> header.append(", ").append(encode(k)).append("=\"").append(encode(v)).append('"'));
        return header.toString();
    }

    /**
     * Parses an {@code Authorization: OAuth …} header into decoded parameters (realm included).
     *
     * @throws IllegalArgumentException when the header is not an OAuth header or a parameter repeats
     */
    public static Map<String, String> parseHeader(String header) {
        if (header == null || !header.regionMatches(true, 0, "OAuth ", 0, 6)) {
            throw new IllegalArgumentException("not an OAuth authorization header");
        }
        Map<String, String> out = new TreeMap<>();
        for (String part : header.substring(6).split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0 || item.length() < eq + 3 || item.charAt(eq + 1) != '"' || !item.endsWith("\"")) {
                throw new IllegalArgumentException("malformed OAuth parameter");
            }
            String name = decode(item.substring(0, eq));
            String value = decode(item.substring(eq + 2, item.length() - 1));
            if (out.put(name, value) != null) {
                throw new IllegalArgumentException("duplicated OAuth parameter " + name);
            }
        }
        return out;
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
