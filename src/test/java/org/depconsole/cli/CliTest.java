package org.depconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.depconsole.crypto.ServerKeys;
import org.depconsole.crypto.TokenSealer;
import org.depconsole.domain.ServerToken;
import org.depconsole.testsupport.Fixtures;
import org.depconsole.testsupport.TestTokens;
import org.depconsole.testsupport.Cli;
import org.depconsole.testsupport.Cli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process, on a private data folder, as a script would use it. */
class CliTest {

    @TempDir
    Path dir;


    Result run(String... args) {
        return new Cli(dir.resolve("data")).run(args);
    }

    @Test
    void versionAndHelp() {
        Result v = run("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("DEP Console ");
        assertThat(run("--help").out()).contains("servers", "token");
    }

    @Test
    void linkAServerEndToEnd() throws IOException {
        assertThat(run("servers", "add", "Lab").exit()).isZero();
        Path pem = dir.resolve("lab.pem");
        Result cert = run("servers", "cert", "Lab", "--out", pem.toString());
        assertThat(cert.exit()).isZero();
        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");

        ServerToken token = TestTokens.token(Instant.now().plus(Duration.ofDays(200)));
        Path p7m = dir.resolve("Lab_Token_2026-11-22T09-00-00Z_smime.p7m");
        Files.write(p7m, TokenSealer.sealLikeApple(token, ServerKeys.readCertificate(Files.readAllBytes(pem))));

        Result imported = run("token", "import", "Lab", p7m.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Linked \"Lab\"", "token expires", "(199 days)");

        Result show = run("token", "show", "Lab", "--json");
        assertThat(show.out()).contains("\"tokenState\" : \"OK\"", "\"consumerKey\" : \"" + token.consumerKeyPrefix() + "\"");
        Result list = run("servers", "list");
        assertThat(list.out()).contains("Lab", "OK", "199");

        for (Result r : List.of(imported, show, list, run("servers", "list", "--json"), run("token", "show", "Lab"))) {
            for (String secret : List.of(token.consumerKey(), token.consumerSecret(), token.accessToken(), token.accessSecret())) {
                assertThat(r.out() + r.err()).doesNotContain(secret);
            }
        }
    }

    @Test
    void theRealAppleTokenThroughImportKey() {
        Result key = run("servers", "import-key", "petarov", "--key", Fixtures.appleKey().toString(), "--cert", Fixtures.appleCert().toString());
        assertThat(key.exit()).as(key.err()).isZero();
        // the fixture has expired: refused unless --replace-newer says to store it anyway
        Result refused = run("token", "import", "petarov", Fixtures.appleToken().toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err().strip()).startsWith("This token expired on 2026-01-17, and server “petarov” has no token yet.")
                .endsWith("or pass --replace-newer to store it anyway.");
        assertThat(run("token", "show", "petarov").out()).contains("has no token yet");
        Result imported = run("token", "import", "petarov", Fixtures.appleToken().toString(), "--replace-newer");
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("expired on 2026-01-17T11:02:21Z");
        assertThat(run("token", "show", "petarov").out()).contains("expired", "CK_75b2");
    }

    @Test
    void anOlderTokenIsRefusedWithBothDatesUnlessReplaceNewer() throws IOException {
        assertThat(run("servers", "add", "Lab").exit()).isZero();
        Path pem = dir.resolve("lab.pem");
        assertThat(run("servers", "cert", "Lab", "--out", pem.toString()).exit()).isZero();
        ServerToken current = TestTokens.token(Instant.parse("2031-05-04T10:00:00Z"));
        ServerToken old = TestTokens.withConsumerKey(current, current.consumerKey(), Instant.now().plus(Duration.ofDays(30)));
        Path currentFile = dir.resolve("Lab_Token_2026-05-04_smime.p7m");
        Path oldFile = dir.resolve("Lab_Token_2025-05-04_smime.p7m");
        Files.write(currentFile, TokenSealer.sealLikeApple(current, ServerKeys.readCertificate(Files.readAllBytes(pem))));
        Files.write(oldFile, TokenSealer.sealLikeApple(old, ServerKeys.readCertificate(Files.readAllBytes(pem))));
        assertThat(run("token", "import", "Lab", currentFile.toString()).exit()).isZero();

        Result refused = run("token", "import", "Lab", oldFile.toString());
        String oldDate = java.time.LocalDate.ofInstant(old.accessTokenExpiry(), java.time.ZoneOffset.UTC).toString();
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().strip()).isEqualTo("This token expires on " + oldDate + ", earlier than the stored token of server “Lab” "
                + "(2031-05-04); it is probably an old download. Download a new token in Apple Business Manager, or pass --replace-newer "
                + "to store it anyway.");
        assertThat(run("token", "show", "Lab", "--json").out()).contains("\"expires\" : \"2031-05-04");

        Result forced = run("token", "import", "Lab", oldFile.toString(), "--replace-newer");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("Replaced the token of “Lab” with an older one as asked", "(29 days)");
        assertThat(run("token", "show", "Lab", "--json").out()).contains("\"expires\" : \"" + oldDate);
        assertThat(run("token", "import", "--help").out()).contains("--replace-newer", "Tokens never go backwards");
        for (Result r : List.of(refused, forced)) {
            for (String secret : List.of(old.consumerKey(), old.consumerSecret(), old.accessToken(), old.accessSecret())) {
                assertThat(r.out() + r.err()).doesNotContain(secret);
            }
        }
    }

    @Test
    void badInputFailsWithOneSentenceOnStderrAndChangesNothing() throws IOException {
        run("servers", "add", "Lab");
        Path empty = Files.createFile(dir.resolve("empty_smime.p7m"));
        Path text = Files.writeString(dir.resolve("notes_smime.p7m"), "hello, this is not a token");
        Path big = dir.resolve("big_smime.p7m");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024);
        }
        for (Path bad : List.of(empty, text, big, dir, dir.resolve("missing.p7m"))) {
            Result r = run("token", "import", "Lab", bad.toString());
            assertThat(r.exit()).as(bad.toString()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).as(bad.toString()).isNotEmpty().doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(r.err().strip().lines().count()).isEqualTo(1);
        }
        assertThat(run("token", "show", "Lab").out()).contains("has no token yet");
        Result unknown = run("token", "import", "Nope", text.toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("There is no server named \"Nope\"");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("servers", "add").exit()).isEqualTo(2);
        assertThat(run("frobnicate").exit()).isEqualTo(2);
        assertThat(run("profiles", "assign", "Lab").exit()).as("nested, required options missing").isEqualTo(DepConsoleCommand.EXIT_USAGE);
        assertThat(run("token", "import", "Lab", "--replace-newer").exit()).as("FILE missing").isEqualTo(DepConsoleCommand.EXIT_USAGE);
    }

    @Test
    void anUnexpectedErrorExitsWith70AndAnErrorIdButNoStackTrace() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
        Result r = Cli.runExactly("servers", "list", "--data-dir", notAFolder.resolve("data").toString());
        assertThat(r.exit()).isEqualTo(DepConsoleCommand.EXIT_INTERNAL);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).matches("Something went wrong inside DEP Console \\(error id E-[0-9A-F]{8}\\)\\..*")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void removeWithoutATerminalNeedsYes() {
        run("servers", "add", "Lab");
        Result refused = run("servers", "remove", "Lab");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("--yes");
        assertThat(run("servers", "remove", "Lab", "--yes").exit()).isZero();
        assertThat(run("servers", "list").out()).contains("No servers yet");
    }

    @Test
    void passphraseProtectsSecretsButNotTheList() {
        run("servers", "add", "Lab");
        // the variable must exist in this process' environment: use one that always does
        Result set = run("passphrase", "--new-env", "PATH");
        assertThat(set.exit()).as(set.err()).isZero();
        Result needsIt = run("servers", "add", "Second");
        assertThat(needsIt.exit()).isEqualTo(1);
        assertThat(needsIt.err()).contains("--passphrase-env");
        assertThat(run("servers", "list").exit()).isZero();
        assertThat(run("--passphrase-env", "PATH", "servers", "add", "Second").exit()).isZero();
        assertThat(run("--passphrase-env", "HOME", "servers", "add", "Third").err()).containsIgnoringCase("passphrase");
    }
}
