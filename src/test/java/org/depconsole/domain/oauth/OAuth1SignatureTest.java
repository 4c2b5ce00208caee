package org.depconsole.domain.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuth1SignatureTest {

    @Test
    void rfc5849SectionOnePointTwoVector() {
        List<Map.Entry<String, String>> params = List.of(
                Map.entry("oauth_consumer_key", "dpf43f3p2l4k3l03"),
                Map.entry("oauth_token", "nnch734d00sl2jdk"),
                Map.entry("oauth_signature_method", "HMAC-SHA1"),
                Map.entry("oauth_timestamp", "137131202"),
                Map.entry("oauth_nonce", "chapoH"),
                Map.entry("file", "vacation.jpg"),
                Map.entry("size", "original"));
        String base = OAuth1Signature.baseString("GET", URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original"), params);
        assertThat(OAuth1Signature.sign(base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"))
                .isEqualTo("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
    }

    @Test
    void depShapedVectorFromTheReference() {
        var params = OAuth1Signature.protocolParameters("CK_0123456789abcdef", "AT_O0123456789Oabcdef", 1700000000L, "6e6f6e63652d74657374");
        String base = OAuth1Signature.baseString("GET", URI.create("https://mdmenrollment.apple.com/session"), List.copyOf(params.entrySet()));
        assertThat(base).isEqualTo("GET&https%3A%2F%2Fmdmenrollment.apple.com%2Fsession&oauth_consumer_key%3DCK_0123456789abcdef"
                + "%26oauth_nonce%3D6e6f6e63652d74657374%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1700000000"
                + "%26oauth_token%3DAT_O0123456789Oabcdef%26oauth_version%3D1.0");
        assertThat(OAuth1Signature.sign(base, "CS_fedcba9876543210", "AS_0f1e2d3c4b5a6978")).isEqualTo("WSEbXQ1QQj+m8e6yY4Rat3WpFXM=");
    }

    @Test
    void headerRoundTripsThroughTheParserAndEncodesTheSignature() {
        String header = OAuth1Signature.authorizationHeader("GET", URI.create("https://mdmenrollment.apple.com/session"),
                "CK_0123456789abcdef", "CS_fedcba9876543210", "AT_O0123456789Oabcdef", "AS_0f1e2d3c4b5a6978",
                1700000000L, "6e6f6e63652d74657374");
        assertThat(header).startsWith("OAuth realm=\"ADM\", ").contains("oauth_signature=\"WSEbXQ1QQj%2Bm8e6yY4Rat3WpFXM%3D\"");
        Map<String, String> parsed = OAuth1Signature.parseHeader(header);
        assertThat(parsed).containsEntry("oauth_signature", "WSEbXQ1QQj+m8e6yY4Rat3WpFXM=").containsEntry("realm", "ADM")
                .containsEntry("oauth_version", "1.0");
    }

    @Test
    void baseUriDropsDefaultPortQueryAndKeepsOthers() {
        assertThat(OAuth1Signature.baseUri(URI.create("HTTPS://Example.COM:443/session?x=1"))).isEqualTo("https://example.com/session");
        assertThat(OAuth1Signature.baseUri(URI.create("http://127.0.0.1:8123/session"))).isEqualTo("http://127.0.0.1:8123/session");
    }

    @Test
    void encodingFollowsRfc3986() {
        assertThat(OAuth1Signature.encode("a b*c~d+é/")).isEqualTo("a%20b%2Ac~d%2B%C3%A9%2F");
    }

    @Test
    void duplicatedOrMalformedParametersAreRejected() {
        assertThatThrownBy(() -> OAuth1Signature.parseHeader("OAuth a=\"1\", a=\"2\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OAuth1Signature.parseHeader("Basic abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OAuth1Signature.parseHeader("OAuth a=1")).isInstanceOf(IllegalArgumentException.class);
    }
}
