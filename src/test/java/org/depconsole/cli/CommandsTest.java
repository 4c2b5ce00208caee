package org.depconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A command line builds only the subcommand it names; the list of names stays in step with the commands. */
class CommandsTest {

    private static CommandLine withSubcommandsFor(String commandWord) {
        DepConsoleCommand root = new DepConsoleCommand(o -> {
            throw new AssertionError("no window");
        });
        CommandLine cl = new CommandLine(root);
        Commands.register(cl, root, commandWord);
        return cl;
    }

    @Test
    void eachNameIsTheNameItsCommandDeclares() {
        Set<String> all = new LinkedHashSet<>(withSubcommandsFor(null).getSubcommands().keySet());
        all.remove("help");
        assertThat(all).containsExactlyElementsOf(Commands.names());
        for (String name : Commands.names()) {
            assertThat(withSubcommandsFor(name).getSubcommands().keySet()).as(name).containsExactlyInAnyOrder(name, "help");
        }
    }

    @Test
    void anythingButACommandNameGetsThemAll() {
        int all = withSubcommandsFor(null).getSubcommands().size();
        assertThat(withSubcommandsFor("help").getSubcommands()).hasSize(all);
        assertThat(withSubcommandsFor("sevrers").getSubcommands()).hasSize(all);
    }

    @Test
    void theCommandWordSkipsOptionsAndTheValuesOfGlobalOptions() {
        assertThat(Commands.commandWord(new String[] {"--data-dir", "/tmp/servers", "devices", "Lab"})).isEqualTo("devices");
        assertThat(Commands.commandWord(new String[] {"--data-dir=/tmp/x", "--debug", "servers", "list"})).isEqualTo("servers");
        assertThat(Commands.commandWord(new String[] {"--passphrase-env", "P", "token", "show", "Lab"})).isEqualTo("token");
        assertThat(Commands.commandWord(new String[] {"servers", "list", "--data-dir", "/tmp/x"})).isEqualTo("servers");
        assertThat(Commands.commandWord(new String[] {"--version"})).isNull();
        assertThat(Commands.commandWord(new String[] {"--", "servers"})).isNull();
        assertThat(Commands.commandWord(new String[0])).isNull();
    }
}
