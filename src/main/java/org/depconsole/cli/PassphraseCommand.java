package org.depconsole.cli;

import java.util.concurrent.Callable;
import org.depconsole.crypto.SecretStore;
import org.depconsole.domain.ConsoleException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code depconsole passphrase set|remove}: protect the stored secrets with a passphrase. */
@Command(name = "passphrase", description = "Set, change or remove the passphrase that protects private keys and tokens.")
final class PassphraseCommand implements Callable<Integer> {

    @ParentCommand
    DepConsoleCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--new-env", paramLabel = "VAR", description = "Environment variable holding the new passphrase (else asked on the terminal).")
    String newEnv;

    @Option(names = "--remove", description = "Remove the passphrase (secrets stay encrypted with the key file only).")
    boolean remove;

    @Override
    public Integer call() {
        CliContext ctx = root.context();
        ctx.unlockSecrets();
        SecretStore secrets = ctx.core().secrets();
        if (remove) {
            secrets.changePassphrase(null);
            spec.commandLine().getOut().println("Passphrase removed.");
            return 0;
        }
        char[] next = newEnv != null ? CliContext.env(newEnv) : Prompt.secret("New passphrase: ");
        if (next == null || next.length == 0) {
            throw new ConsoleException("cli.error.passphraseMissing");
        }
        if (newEnv == null) {
            char[] again = Prompt.secret("Repeat: ");
            if (again == null || !java.util.Arrays.equals(next, again)) {
                throw new ConsoleException("cli.error.passphraseMismatch");
            }
        }
        secrets.changePassphrase(next);
        spec.commandLine().getOut().println("Passphrase set. The window asks for it once per run; commands read it with --passphrase-env VAR.");
        return 0;
    }
}
