package org.depconsole.domain.profile;

import java.util.Locale;

/** The platforms a DEP profile can apply to, with the names Apple's skip-key list uses. */
public enum Platform {
    IOS("iOS"),
    MACOS("macOS"),
    TVOS("tvOS"),
    VISIONOS("visionOS");

    private final String appleName;

    Platform(String appleName) {
        this.appleName = appleName;
    }

    /** "iOS" (iPadOS included), "macOS", "tvOS", "visionOS". */
    public String appleName() {
        return appleName;
    }

    /** Accepts Apple's spelling in any case ("ios", "MacOS"); null when unknown. */
    public static Platform fromName(String name) {
        if (name == null) {
            return null;
        }
        for (Platform p : values()) {
            if (p.appleName.equalsIgnoreCase(name.strip()) || p.name().equalsIgnoreCase(name.strip())) {
                return p;
            }
        }
        return "ipados".equals(name.strip().toLowerCase(Locale.ROOT)) ? IOS : null;
    }
}
