package org.depconsole.service;

import java.util.List;
import org.depconsole.domain.ConsoleException;
import org.depconsole.domain.profile.LintIssue;

/** Defining was refused before calling Apple because the lint found errors; {@link #issues()} has all findings. */
public final class ProfileLintException extends ConsoleException {

    private final transient List<LintIssue> issues;

    public ProfileLintException(List<LintIssue> issues) {
        super("profiles.error.lint", issues.stream().filter(LintIssue::isError).count(),
                issues.stream().filter(LintIssue::isError).findFirst().map(LintIssue::message).orElse(""));
        this.issues = List.copyOf(issues);
    }

    public List<LintIssue> issues() {
        return issues;
    }
}
