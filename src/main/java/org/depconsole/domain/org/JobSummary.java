package org.depconsole.domain.org;

import java.util.List;
import java.util.Map;

/** A move job with the count of its devices per state and its activities. */
public record JobSummary(OrgJob job, Map<OrgJobDevice.State, Integer> counts, List<OrgJobActivity> activities) {

    public JobSummary {
        counts = Map.copyOf(counts);
        activities = List.copyOf(activities);
    }

    public int devices() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(OrgJobDevice.State s) {
        return counts.getOrDefault(s, 0);
    }
}
