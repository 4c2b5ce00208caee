package org.depconsole.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests per API path, for tests that assert "exactly one /session" or "no request after THROTTLED". */
final class Counters {

    private final ConcurrentHashMap<String, LongAdder> byPath = new ConcurrentHashMap<>();

    void increment(String path) {
        byPath.computeIfAbsent(path, p -> new LongAdder()).increment();
    }

    long get(String path) {
        LongAdder a = byPath.get(path);
        return a == null ? 0 : a.sum();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        byPath.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long total() {
        return byPath.values().stream().mapToLong(LongAdder::sum).sum();
    }

    void reset() {
        byPath.clear();
    }
}
