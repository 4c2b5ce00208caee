package org.depconsole.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The queue of planned faults: each request to an API path takes at most one, the first that matches. */
final class Faults {

    private static final class Entry {
        final FaultPlan plan;
        int remaining;

        Entry(FaultPlan plan) {
            this.plan = plan;
            this.remaining = plan.times();
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(FaultPlan plan) {
        entries.add(new Entry(plan));
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized int pending() {
        return entries.stream().mapToInt(e -> e.remaining).sum();
    }

    /** The fault this request to {@code path} suffers, or null. */
    synchronized FaultPlan take(String path) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.plan.matches(path)) {
                if (--e.remaining <= 0) {
                    it.remove();
                }
                return e.plan;
            }
        }
        return null;
    }
}
