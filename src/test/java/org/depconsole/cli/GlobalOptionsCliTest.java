package org.depconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.depconsole.testsupport.Cli;
import org.depconsole.testsupport.Cli.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --data-dir, --passphrase-env and --debug work before or after a subcommand, at any depth, and once only. */
class GlobalOptionsCliTest {

    @TempDir
    Path dir;
    Path data;
    Path other;

    @BeforeEach
    void folders() {
        data = dir.resolve("data");
        other = dir.resolve("other");
    }

    static Result run(String... args) {
        return Cli.runExactly(args);
    }

    @Test
    void dataDirBeforeOrAfterALeafCommand() {
        Result added = run("servers", "add", "Lab", "--data-dir", data.toString());
        assertThat(added.exit()).as(added.err()).isZero();

        Result before = run("--data-dir", data.toString(), "devices", "Lab");
        Result after = run("devices", "Lab", "--data-dir", data.toString());
        Result equalsForm = run("devices", "--data-dir=" + data, "Lab");
        for (Result r : new Result[] {before, after, equalsForm}) {
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo(before.out());
        }
        Result elsewhere = run("devices", "Lab", "--data-dir", other.toString());
        assertThat(elsewhere.exit()).as("another folder has no server Lab").isEqualTo(1);
        assertThat(elsewhere.err()).contains("There is no server named \"Lab\"");
    }

    @Test
    void dataDirBeforeOrAfterANestedCommand() {
        assertThat(run("--data-dir", data.toString(), "servers", "add", "Lab").exit()).isZero();
        for (String[] args : new String[][] {
                {"--data-dir", data.toString(), "servers", "list"},
                {"servers", "--data-dir", data.toString(), "list"},
                {"servers", "list", "--data-dir", data.toString()}}) {
            Result r = run(args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
            assertThat(r.out()).as(String.join(" ", args)).contains("Lab");
        }

        String uuid = "0123456789ABCDEF0123456789ABCDEF";
        Result before = run("--data-dir", data.toString(), "profiles", "assign", "Lab", "--profile", uuid, "--serial", "C02XYZ", "--dry-run");
        Result after = run("profiles", "assign", "Lab", "--profile", uuid, "--serial", "C02XYZ", "--dry-run", "--data-dir", data.toString());
        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(after.exit()).as(after.err()).isZero();
        assertThat(after.out()).isEqualTo(before.out()).contains("1 not in this server's inventory");
        Result elsewhere = run("profiles", "assign", "Lab", "--profile", uuid, "--serial", "C02XYZ", "--dry-run", "--data-dir", other.toString());
        assertThat(elsewhere.exit()).isEqualTo(1);
        assertThat(elsewhere.err()).contains("There is no server named \"Lab\"");
    }

    @Test
    void passphraseEnvAndDebugAfterTheCommand() {
        assertThat(run("servers", "add", "Lab", "--data-dir", data.toString()).exit()).isZero();
        // the variable must exist in this process' environment: use one that always does
        assertThat(run("passphrase", "--new-env", "PATH", "--data-dir", data.toString()).exit()).isZero();
        Result locked = run("servers", "add", "Second", "--data-dir", data.toString());
        assertThat(locked.exit()).isEqualTo(1);
        assertThat(locked.err()).contains("--passphrase-env");

        Result unlocked = run("servers", "add", "Second", "--data-dir", data.toString(), "--passphrase-env", "PATH", "--debug");
        assertThat(unlocked.exit()).as(unlocked.err()).isZero();
        Result nested = run("token", "show", "Second", "--debug", "--passphrase-env", "PATH", "--data-dir", data.toString());
        assertThat(nested.exit()).as(nested.err()).isZero();
        assertThat(nested.out()).contains("has no token yet");
    }

    @Test
    void aGlobalOptionGivenBeforeAndAfterIsAUsageError() {
        Result twice = run("--data-dir", data.toString(), "servers", "list", "--data-dir", other.toString());
        assertThat(twice.exit()).isEqualTo(DepConsoleCommand.EXIT_USAGE);
        assertThat(twice.err()).contains("--data-dir was given more than once");
        Result debugTwice = run("--debug", "servers", "list", "--debug", "--data-dir", data.toString());
        assertThat(debugTwice.exit()).isEqualTo(DepConsoleCommand.EXIT_USAGE);
        assertThat(debugTwice.err()).contains("--debug was given more than once");
        assertThat(data.resolve("store")).as("nothing was opened").doesNotExist();
    }

    @Test
    void helpOfASubcommandListsTheGlobalOptions() {
        Result help = run("profiles", "assign", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--data-dir=DIR", "--passphrase-env=VAR", "--debug");
    }
}
