package org.depconsole.domain.apple;

import java.time.LocalDate;
import java.util.Map;

/**
 * Replacement details of a device (dep-api.md §3.12).
 *
 * @param replacementDate a UTC day; null when Apple sent none or an unreadable value (kept in {@code extra})
 */
public record ReplacementDetails(String serialNumber, String originalDeviceSerialNumber, LocalDate replacementDate,
                                 Map<String, Object> extra) {

    public ReplacementDetails {
        extra = WireValues.map(extra);
    }
}
