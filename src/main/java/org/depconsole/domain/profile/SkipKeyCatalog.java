package org.depconsole.domain.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The project's catalogue of Setup Assistant skip keys ({@code org/depconsole/profiles/skip-keys.json}). */
public final class SkipKeyCatalog {

    public static final String RESOURCE = "/org/depconsole/profiles/skip-keys.json";

    private static volatile SkipKeyCatalog loaded;

    private final Map<String, SkipKey> byLowerKey = new LinkedHashMap<>();

    public SkipKeyCatalog(List<SkipKey> keys) {
        keys.forEach(k -> byLowerKey.put(k.key().toLowerCase(Locale.ROOT), k));
    }

    /** The catalogue shipped with the console (read once). */
    public static SkipKeyCatalog load() {
        SkipKeyCatalog c = loaded;
        if (c == null) {
            try (InputStream in = SkipKeyCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                c = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            loaded = c;
        }
        return c;
    }

    @SuppressWarnings("unchecked")
    static SkipKeyCatalog parse(String json) {
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(json);
        List<SkipKey> keys = new ArrayList<>();
        for (Object o : (List<Object>) root.get("keys")) {
            Map<String, Object> k = (Map<String, Object>) o;
            Map<Platform, SkipKey.Support> platforms = new EnumMap<>(Platform.class);
            ((Map<String, Object>) k.getOrDefault("platforms", Map.of())).forEach((name, v) -> {
                Map<String, Object> s = (Map<String, Object>) v;
                Platform p = Platform.fromName(name);
                if (p == null) {
                    throw new IllegalArgumentException("unknown platform " + name);
                }
                platforms.put(p, new SkipKey.Support((String) s.get("introduced"), (String) s.get("deprecated"), (String) s.get("removed")));
            });
            keys.add(new SkipKey((String) k.get("key"), (String) k.get("title"), platforms,
                    !Boolean.FALSE.equals(k.get("alwaysSkippable")), !Boolean.FALSE.equals(k.get("confirmed"))));
        }
        return new SkipKeyCatalog(keys);
    }

    public List<SkipKey> keys() {
        return List.copyOf(byLowerKey.values());
    }

    /** Apple's keys are case-sensitive in their lists; lookup forgives case so that a typo can be named. */
    public Optional<SkipKey> find(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(byLowerKey.get(key.toLowerCase(Locale.ROOT)));
    }

    /** The keys that apply to a platform, in catalogue order. */
    public List<SkipKey> forPlatform(Platform p) {
        return byLowerKey.values().stream().filter(k -> k.platforms().containsKey(p)).toList();
    }
}
