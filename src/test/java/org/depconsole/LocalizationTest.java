package org.depconsole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.depconsole.domain.Messages;
import org.junit.jupiter.api.Test;

/**
 * Every user-visible text comes from the bundle: each key the code or an FXML view names exists, and each key in the
 * bundle is used (directly, or through one of the prefixes the code completes at run time).
 */
class LocalizationTest {

    /** Prefixes the code completes with an enum name or a code at run time. */
    private static final List<String> DYNAMIC = List.of("devices.col.", "devices.status.", "devices.history.", "history.kind.",
            "history.result.", "history.change.", "history.filter.", "apple.error.", "token.state.", "theme.", "journal.col.",
            "settings.language.");

    private static final Pattern JAVA_LITERAL = Pattern.compile("\"([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9_]+)+\\.?)\"");
    private static final Pattern FXML_KEY = Pattern.compile("\"%([A-Za-z0-9_.]+)\"");

    @Test
    void everyKeyTheCodeNamesExistsAndEveryKeyInTheBundleIsUsed() throws IOException {
        ResourceBundle bundle = Messages.bundle(Locale.ROOT);
        Set<String> defined = new TreeSet<>(bundle.keySet());
        Set<String> prefixes = defined.stream().map(k -> k.substring(0, k.indexOf('.') + 1)).collect(Collectors.toSet());

        Set<String> literals = new TreeSet<>();
        Set<String> fxmlKeys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.toString();
                if (name.endsWith(".java")) {
                    collect(JAVA_LITERAL, Files.readString(f), literals);
                } else if (name.endsWith(".fxml")) {
                    collect(FXML_KEY, Files.readString(f), fxmlKeys);
                }
            }
        }
        Set<String> missing = new TreeSet<>();
        for (String key : literals) {
            boolean looksLikeAKey = prefixes.stream().anyMatch(key::startsWith) && !key.endsWith(".");
            if (looksLikeAKey && !defined.contains(key) && !key.startsWith("setting.") && !isPackageOrFile(key)) {
                missing.add(key);
            }
        }
        fxmlKeys.stream().filter(k -> !defined.contains(k)).forEach(missing::add);
        assertThat(missing).as("keys used but not in messages.properties").isEmpty();

        Set<String> unused = new TreeSet<>();
        for (String key : defined) {
            if (!literals.contains(key) && !fxmlKeys.contains(key) && DYNAMIC.stream().noneMatch(key::startsWith)) {
                unused.add(key);
            }
        }
        assertThat(unused).as("keys in messages.properties that nothing uses").isEmpty();
    }

    @Test
    void everyValueOfAnEnumShownThroughAKeyPrefixHasItsKey() {
        ResourceBundle bundle = Messages.bundle(Locale.ROOT);
        Set<String> missing = new TreeSet<>();
        for (var e : List.of(org.depconsole.domain.inventory.SyncResult.values(), org.depconsole.domain.inventory.SyncKind.values(),
                org.depconsole.domain.inventory.DeviceChange.Kind.values())) {
            for (Enum<?> v : e) {
                String prefix = v instanceof org.depconsole.domain.inventory.DeviceChange.Kind ? "history.change."
                        : v instanceof org.depconsole.domain.inventory.SyncKind ? "history.kind." : "history.result.";
                String key = prefix + v.name().toLowerCase(Locale.ROOT);
                if (!bundle.containsKey(key)) {
                    missing.add(key);
                }
            }
        }
        assertThat(missing).as("the sync history shows these values through these keys").isEmpty();
    }

    @Test
    void apostrophesAreDoubledSoMessageFormatKeepsThem() {
        ResourceBundle bundle = Messages.bundle(Locale.ROOT);
        for (String key : bundle.keySet()) {
            String v = bundle.getString(key);
            if (v.contains("{0")) {
                assertThat(v.replace("''", "")).as(key).doesNotContain("'");
            }
        }
    }

    private static boolean isPackageOrFile(String s) {
        return s.startsWith("org.") || s.startsWith("i18n.") || s.matches(".*\\.(css|csv|fxml|png|properties|json|sql|yaml)");
    }

    private static void collect(Pattern p, String text, Set<String> into) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }
}
