package org.depconsole.ui.org;

import java.util.List;
import java.util.function.Consumer;
import org.depconsole.domain.org.OrgAccount;
import org.depconsole.domain.org.OrgJob;

/** The windows the Organization screens open in front of the main window (made by the composition root). */
public interface OrgWindows {

    /** "Add Apple Business API account…"; {@code linked} is told the stored account. */
    void linkAccount(Consumer<OrgAccount> linked);

    /**
     * "Assign to MDM server…" / "Unassign…" for these serials (empty: the window asks for pasted serials or a CSV);
     * {@code started} is told the stored job.
     */
    void move(long accountId, OrgJob.Kind kind, List<String> serials, Consumer<OrgJob> started);
}
