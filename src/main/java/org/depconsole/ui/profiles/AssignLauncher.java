package org.depconsole.ui.profiles;

import java.util.List;
import org.depconsole.domain.profile.AssignmentReport;

/** Opens the assign/remove window for some devices of a server (no serials: the admin pastes them). */
public interface AssignLauncher {

    /** @param presetOrNull the preset chosen at first, null for the first one */
    void open(long serverId, AssignmentReport.Operation operation, List<String> serials, String presetOrNull);
}
