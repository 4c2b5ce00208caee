package org.depconsole.domain.org;

import java.util.List;
import java.util.Map;

/**
 * What an assign or unassign would do, from the stored organization, before anything is sent.
 *
 * @param targetServerId   the MDM server the devices go to (null for unassign)
 * @param willMove         devices that change server
 * @param fromServers      of those, per current server name ("unassigned" for none): the serials
 * @param alreadyThere     already on the target (assign) or on no server (unassign): nothing to move
 * @param unknown          not in the organization as of the last org sync: not sent
 * @param released         the organization no longer lists them: not sent
 * @param activities       the orgDeviceActivities (POSTs, about 10 an hour) the move needs
 * @param consoleServerId  the console DEP server mapped to the target, null when none
 * @param profileUuid      the profile to give after the move, null for none
 */
public record MovePreview(OrgJob.Kind kind, String targetServerId, String targetServerName, List<String> willMove,
                          Map<String, List<String>> fromServers, List<String> alreadyThere, List<String> unknown, List<String> released,
                          int activities, Long consoleServerId, String consoleServerName, String profileUuid, String profileName) {

    public MovePreview {
        willMove = List.copyOf(willMove);
        fromServers = Map.copyOf(fromServers);
        alreadyThere = List.copyOf(alreadyThere);
        unknown = List.copyOf(unknown);
        released = List.copyOf(released);
    }

    public int total() {
        return willMove.size() + alreadyThere.size() + unknown.size() + released.size();
    }
}
