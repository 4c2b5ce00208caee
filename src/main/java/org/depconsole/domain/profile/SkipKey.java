package org.depconsole.domain.profile;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code skip_setup_items} key (dep-api.md §5.3): what it skips and, per platform, when it came and went.
 *
 * @param alwaysSkippable false for panes that may show before the device has fetched its profile
 * @param confirmed       false when only community sources list the key
 */
public record SkipKey(String key, String title, Map<Platform, Support> platforms, boolean alwaysSkippable, boolean confirmed) {

    /** OS versions as Apple writes them ("17.1"); deprecated and removed are null when not so. */
    public record Support(String introduced, String deprecated, String removed) {
    }

    public SkipKey {
        platforms = Map.copyOf(platforms);
    }

    /** Deprecated or removed on at least one platform. */
    public boolean deprecated() {
        return platforms.values().stream().anyMatch(s -> s.deprecated() != null || s.removed() != null);
    }

    public boolean appliesToAny(Set<Platform> chosen) {
        return platforms.isEmpty() || platforms.keySet().stream().anyMatch(chosen::contains);
    }

    public Optional<Support> on(Platform p) {
        return Optional.ofNullable(platforms.get(p));
    }
}
