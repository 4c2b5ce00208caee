package org.depconsole.cli;

import picocli.CommandLine;

/** The one list of subcommands. */
final class Commands {

    private Commands() {
    }

    static void register(CommandLine cl, DepConsoleCommand root) {
        cl.addSubcommand(new ServersCommand());
        cl.addSubcommand(new TokenCommand());
        cl.addSubcommand(new PassphraseCommand());
        cl.addSubcommand(new SyncCommand.Sync());
        cl.addSubcommand(new SyncCommand.History());
        cl.addSubcommand(new DevicesCommand.Devices());
        cl.addSubcommand(new DevicesCommand.Tags());
        cl.addSubcommand(new AccountCommand());
        cl.addSubcommand(new DetailsCommand());
        cl.addSubcommand(new JournalCommand());
        cl.addSubcommand(new ProfilesCommand());
        cl.addSubcommand(new SimulatorCommand());
        cl.addSubcommand(new BackupCommand.Backup());
        cl.addSubcommand(new BackupCommand.Restore());
        // every command and subcommand answers --help (and -h) the same way
        helpEverywhere(cl);
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
