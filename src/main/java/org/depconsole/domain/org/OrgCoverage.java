package org.depconsole.domain.org;

import java.time.Instant;

/** One AppleCare coverage of a device ({@code appleCareCoverage}, §6.6). */
public record OrgCoverage(String serial, String id, String status, String paymentType, String description, Instant startDateTime,
                          Instant endDateTime, Boolean isRenewable, Boolean isCanceled, Instant contractCancelDateTime, String agreementNumber) {
}
