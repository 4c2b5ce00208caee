package org.depconsole.appleapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorBodyTest {

    private static String code(String body) {
        return ErrorBody.code(body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "T_C_NOT_SIGNED|T_C_NOT_SIGNED",
            "'  \"INVALID_CURSOR\"\n'|INVALID_CURSOR",
            "'{\"code\":\"EXHAUSTED_CURSOR\"}'|EXHAUSTED_CURSOR",
            "403 Forbidden: T_C_NOT_SIGNED|T_C_NOT_SIGNED",
            "DEVICE_NOT_FOUND|DEVICE_NOT_FOUND",
            "NOT_FOUND|NOT_FOUND",
            "oauth_problem=signature_invalid|signature_invalid",
            "SOME_NEW_CODE|SOME_NEW_CODE",
            "'{\"code\":\"BRAND_NEW\",\"message\":\"x y z\"}'|BRAND_NEW"})
    void findsTheCode(String body, String expected) {
        assertThat(code(body)).isEqualTo(expected);
    }

    @Test
    void neverReturnsFreeText() {
        assertThat(code(null)).isNull();
        assertThat(code("   ")).isNull();
        assertThat(code("\"\"")).isNull();
        assertThat(code("<html><body>Something broke for CS_secret</body></html>")).isNull();
        assertThat(code("{\"code\":\"has spaces in it\"}")).isNull();
    }
}
