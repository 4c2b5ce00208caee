package org.depconsole.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/** The one list of subcommands. */
final class Commands {

    /** Each top-level subcommand by its {@code @Command} name (CommandsTest keeps the names in step with the classes). */
    private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("servers", ServersCommand::new);
        ALL.put("token", TokenCommand::new);
        ALL.put("passphrase", PassphraseCommand::new);
        ALL.put("sync", SyncCommand.Sync::new);
        ALL.put("history", SyncCommand.History::new);
        ALL.put("devices", DevicesCommand.Devices::new);
        ALL.put("tags", DevicesCommand.Tags::new);
        ALL.put("account", AccountCommand::new);
        ALL.put("details", DetailsCommand::new);
        ALL.put("journal", JournalCommand::new);
        ALL.put("profiles", ProfilesCommand::new);
        ALL.put("org", OrgCommand::new);
        ALL.put("simulator", SimulatorCommand::new);
        ALL.put("backup", BackupCommand.Backup::new);
        ALL.put("restore", BackupCommand.Restore::new);
    }

    private Commands() {
    }

    static Set<String> names() {
        return ALL.keySet();
    }

    /** Every subcommand. */
    static void register(CommandLine cl, DepConsoleCommand root) {
        register(cl, root, null);
    }

    /**
     * The subcommand that {@code commandWord} names, or all of them when it names none (no command, {@code help}, a
     * typing error: the usage text and picocli's suggestions list them all). picocli builds each command's model by
     * reflection, and building all of them was a fifth of a short command's start-up; the others cannot be reached
     * from a command line that starts with another command anyway.
     *
     * @param commandWord the first word of the command line that is not an option, see {@link #commandWord}
     */
    static void register(CommandLine cl, DepConsoleCommand root, String commandWord) {
        Supplier<Object> only = commandWord == null ? null : ALL.get(commandWord);
        if (only != null) {
            cl.addSubcommand(only.get());
        } else {
            ALL.values().forEach(command -> cl.addSubcommand(command.get()));
        }
        // every command and subcommand answers --help (and -h) the same way
        helpEverywhere(cl);
    }

    /**
     * The word that picks the subcommand: the first argument that is neither an option nor the value of a global option
     * ({@code --data-dir DIR}, {@code --passphrase-env VAR}), or null (none, or only after {@code --}).
     */
    static String commandWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return null;
            }
            if (a.equals("--data-dir") || a.equals("--passphrase-env")) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    private static void helpEverywhere(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandSpec().mixinStandardHelpOptions()) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            helpEverywhere(sub);
        }
    }
}
