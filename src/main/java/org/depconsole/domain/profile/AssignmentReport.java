package org.depconsole.domain.profile;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The per-serial results of an assign or remove sent in batches of at most 1000 serials.
 *
 * @param profileUuid null for a remove, or for a retry that covered several profiles
 * @param calls       requests sent to Apple
 * @param error       the sentence of a failure that stopped the batches (its serials are NOT_SENT), else null
 */
public record AssignmentReport(Operation operation, String profileUuid, List<Result> results, int calls, String error) {

    public enum Operation { ASSIGN, REMOVE }

    /**
     * @param profileUuid what was assigned (null for a remove)
     * @param retryAt     THROTTLED only: the earliest time Apple allows a retry
     */
    public record Result(String serial, String profileUuid, AssignmentOutcome outcome, Instant retryAt) {
    }

    public AssignmentReport {
        results = List.copyOf(results);
    }

    public Map<AssignmentOutcome, Integer> counts() {
        Map<AssignmentOutcome, Integer> out = new EnumMap<>(AssignmentOutcome.class);
        for (AssignmentOutcome o : AssignmentOutcome.values()) {
            out.put(o, 0);
        }
        results.forEach(r -> out.merge(r.outcome(), 1, Integer::sum));
        return out;
    }

    public List<String> serials(AssignmentOutcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).map(Result::serial).toList();
    }
}
