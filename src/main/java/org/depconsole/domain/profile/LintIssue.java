package org.depconsole.domain.profile;

import java.util.List;
import java.util.Locale;
import org.depconsole.domain.Messages;

/**
 * One finding of {@link ProfileLint}: the Apple field it concerns ({@code profile_name}, {@code skip_setup_items}…),
 * how serious it is, and a bundle key whose sentence names the problem and the fix.
 */
public record LintIssue(String field, Severity severity, String messageKey, List<Object> args) {

    public enum Severity {
        /** Apple would refuse the profile, or it cannot work: defining is refused. */
        ERROR,
        /** Apple accepts it, but part of it has no effect or needs care. */
        WARNING
    }

    public LintIssue {
        args = List.copyOf(args);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public String message() {
        return Messages.format(messageKey, args.toArray());
    }

    public String message(Locale locale) {
        return Messages.format(locale, messageKey, args.toArray());
    }
}
