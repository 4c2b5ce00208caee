package org.depconsole.domain.business;

import java.time.Instant;

/**
 * One coverage of a device ({@code appleCareCoverage}, §6.6). {@code id} is the serial, the agreement number or
 * {@code abe-<serial>}. Values not applicable to the coverage kind are null.
 */
public record AppleCareCoverage(String id, String status, String paymentType, String description, String agreementNumber,
                                Instant startDateTime, Instant endDateTime, Boolean renewable, Boolean canceled,
                                Instant contractCancelDateTime) {

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
