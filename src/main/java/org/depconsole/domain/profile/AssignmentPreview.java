package org.depconsole.domain.profile;

import java.util.List;

/**
 * What an assign (or remove) would do, from the local inventory, before anything is sent.
 *
 * @param willChange     in the inventory and not in the wanted state yet
 * @param alreadyDone    assign: has this profile already (assigned or pushed); remove: has no profile
 * @param pushed         the device downloaded another profile: Apple records the change, the device follows only after an erase
 * @param notInInventory not in this server's inventory (Apple will most likely answer NOT_ACCESSIBLE)
 * @param gone           in the inventory but no longer listed by Apple
 */
public record AssignmentPreview(AssignmentReport.Operation operation, String profileUuid, List<String> willChange, List<String> alreadyDone,
                                List<String> pushed, List<String> notInInventory, List<String> gone) {

    public AssignmentPreview {
        willChange = List.copyOf(willChange);
        alreadyDone = List.copyOf(alreadyDone);
        pushed = List.copyOf(pushed);
        notInInventory = List.copyOf(notInInventory);
        gone = List.copyOf(gone);
    }

    public int total() {
        return willChange.size() + alreadyDone.size() + pushed.size() + notInInventory.size() + gone.size();
    }
}
