package org.depconsole.domain.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import org.depconsole.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

/** The catalogue shipped as a resource against Apple's machine-readable list (read in place from ../shared). */
class SkipKeyCatalogTest {

    private final SkipKeyCatalog catalog = SkipKeyCatalog.load();

    @Test
    void everyKeyOfApplesListIsInTheCatalogue() throws Exception {
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(Fixtures.skipKeys().toFile());
        List<String> missing = new ArrayList<>();
        for (JsonNode k : yaml.get("payloadkeys")) {
            String key = k.get("key").asText();
            if (catalog.find(key).filter(c -> c.key().equals(key)).isEmpty()) {
                missing.add(key);
            }
        }
        assertThat(missing).isEmpty();
        assertThat(yaml.get("payloadkeys").size()).isGreaterThan(40);
    }

    @Test
    void newerKeysDeprecationAndPlatformsAreKnown() {
        assertThat(catalog.find("LiquidGlass")).get().satisfies(k -> assertThat(k.platforms()).containsKeys(Platform.IOS, Platform.MACOS));
        assertThat(catalog.find("Multitasking")).get().satisfies(k -> assertThat(k.on(Platform.IOS).orElseThrow().introduced()).isEqualTo("26"));
        assertThat(catalog.find("OSShowcase")).get().satisfies(k -> assertThat(k.deprecated()).isTrue());
        assertThat(catalog.find("Zoom")).get().satisfies(k -> {
            assertThat(k.deprecated()).isTrue();
            assertThat(k.on(Platform.IOS).orElseThrow().deprecated()).isEqualTo("17");
        });
        assertThat(catalog.find("Siri")).get().satisfies(k -> {
            assertThat(k.deprecated()).isFalse();
            assertThat(k.platforms()).containsKeys(Platform.IOS, Platform.MACOS, Platform.TVOS, Platform.VISIONOS);
        });
        assertThat(catalog.find("Keyboard").orElseThrow().alwaysSkippable()).isFalse();
        assertThat(catalog.find("AgeAssurance").orElseThrow().confirmed()).isFalse();
        assertThat(catalog.find("appleid").orElseThrow().key()).isEqualTo("AppleID");
        assertThat(catalog.forPlatform(Platform.TVOS)).extracting(SkipKey::key).contains("TVRoom", "ScreenSaver").doesNotContain("FileVault");
        assertThat(catalog.keys()).extracting(SkipKey::title).allSatisfy(t -> assertThat(t).isNotBlank());
    }

    @Test
    void theSmallJsonReaderHandlesEscapesAndNesting() {
        Object v = MiniJson.parse("{\"a\": [1, true, null, \"x\\u00e9\\\"\"], \"b\": {}}");
        assertThat(v.toString()).isEqualTo("{a=[1.0, true, null, x\u00e9\"], b={}}");
    }
}
