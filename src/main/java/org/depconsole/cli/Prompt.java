package org.depconsole.cli;

import java.io.Console;
import java.util.Locale;
import picocli.CommandLine;

/** Questions on a terminal. Without a terminal (scripts, CI) the answer is always "no". */
final class Prompt {

    private Prompt() {
    }

    static boolean confirm(CommandLine cl, String question) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        String answer = console.readLine("%s", question);
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
    }

    static char[] secret(String question) {
        Console console = System.console();
        return console == null ? null : console.readPassword("%s", question);
    }
}
