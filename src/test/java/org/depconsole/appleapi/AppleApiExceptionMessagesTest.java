package org.depconsole.appleapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every exception resolves to one sentence from the bundle: no raw keys, no unformatted placeholders. */
class AppleApiExceptionMessagesTest {

    @Test
    void everyKindHasOneActionableSentence() {
        List<AppleApiException> all = new ArrayList<>();
        all.add(new TermsNotAcceptedException(403));
        for (String code : List.of("token_rejected", "signature_invalid", "token_expired", "FORBIDDEN", "UNAUTHORIZED", "token_missing")) {
            all.add(new TokenRejectedException(code, 401));
        }
        all.add(new AccessDeniedException("ACCESS_DENIED", 403));
        all.add(new AccessDeniedException("APPLE_SEED_FOR_IT_TURNED_OFF", 403));
        for (CursorException.Kind k : CursorException.Kind.values()) {
            all.add(new CursorException(k, 400));
        }
        all.add(new RateLimitedException("TOO_MANY_REQUESTS", 429, null, Instant.EPOCH));
        all.add(new RateLimitedException("TOO_MANY_REQUESTS", 429, Duration.ofHours(1), Instant.EPOCH));
        all.add(new AppleUnavailableException(503));
        for (NetworkException.Kind k : NetworkException.Kind.values()) {
            all.add(new NetworkException(new IOException("x"), k, "mdmenrollment.apple.com", false));
            all.add(new NetworkException(new IOException("x"), k, "mdmenrollment.apple.com", true));
        }
        all.add(new MalformedResponseException(200));
        all.add(new NotFoundException("NOT_FOUND"));
        for (String code : List.of("CONFIG_NAME_REQUIRED", "CONFIG_NAME_INVALID", "CONFIG_URL_REQUIRED", "CONFIG_URL_INVALID",
                "DEPARTMENT_INVALID", "FLAGS_INVALID", "LOCALE_INVALID", "MAGIC_INVALID", "SUPPORT_EMAIL_INVALID",
                "SUPPORT_PHONE_INVALID", "DEVICE_ID_REQUIRED", "PROFILE_UUID_REQUIRED", "DEVICE_NOT_FOUND",
                "MALFORMED_REQUEST_BODY", "USER_AGENT_MISSING", "ORG_NOT_SUPPORTED", BadRequestException.SESSION_REQUEST_INVALID,
                "SOMETHING_ELSE")) {
            all.add(new BadRequestException(code, 400));
        }
        all.add(new CancelledException());

        assertThat(all).allSatisfy(e -> {
            assertThat(e.getMessage()).as(e.messageKey()).isNotEqualTo(e.messageKey()).doesNotContain("{", "''")
                    .contains(":").endsWith(".");
            assertThat(e.code()).isNotBlank();
        });
        assertThat(new NetworkException(new IOException(), NetworkException.Kind.DNS, "mdmenrollment.apple.com", false).getMessage())
                .contains("mdmenrollment.apple.com");
        assertThat(new AppleUnavailableException(503).getMessage()).contains("Apple's").contains("503");
        assertThat(new BadRequestException("SOMETHING_ELSE", 400).getMessage()).contains("SOMETHING_ELSE");
    }
}
