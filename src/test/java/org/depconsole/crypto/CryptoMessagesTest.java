package org.depconsole.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.depconsole.domain.Messages;
import org.junit.jupiter.api.Test;

/** The crypto section of the bundle: every key the package uses exists, none is unused, each is one well-formed sentence. */
class CryptoMessagesTest {

    private static final Pattern KEY = Pattern.compile("\"((?:token|key|secrets)\\.error\\.[A-Za-z]+)\"");

    @Test
    void usedAndDefinedKeysMatch() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/org/depconsole/crypto"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = KEY.matcher(Files.readString(source));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        Set<String> defined = new TreeSet<>();
        for (String key : Messages.bundle(Locale.ROOT).keySet()) {
            if (key.matches("(token|key|secrets)\\.error\\..*")) {
                defined.add(key);
            }
        }

        assertThat(used).isNotEmpty();
        assertThat(defined).isEqualTo(used);
    }

    @Test
    void eachMessageIsOneSentenceNamingProblemAndFix() {
        var bundle = Messages.bundle(Locale.ROOT);
        for (String key : bundle.keySet()) {
            if (!key.matches("(token|key|secrets)\\.error\\..*")) {
                continue;
            }
            String pattern = bundle.getString(key);
            assertThat(pattern.replace("''", "")).as(key + ": apostrophes doubled").doesNotContain("'");
            String text = new MessageFormat(pattern, Locale.ENGLISH).format(new Object[] {"x.p7m", "y"});
            assertThat(text).as(key).endsWith(".").contains(": ");
            assertThat(text.substring(0, text.length() - 1)).as(key + ": one sentence").doesNotContain(". ");
        }
    }
}
