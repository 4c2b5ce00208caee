package org.depconsole.domain.apple;

/** Result of the activation lock call; {@code responseStatus} is Apple's raw value. */
public record ActivationLockResult(String serialNumber, String responseStatus) {

    public ActivationLockStatus status() {
        return ActivationLockStatus.fromWire(responseStatus);
    }
}
