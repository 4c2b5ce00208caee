package org.depconsole.domain.org;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What no single portal shows: devices whose server this console cannot manage, or that are nowhere yet. */
public record OrgCrossCheck(List<Finding> findings) {

    public enum Kind {
        /** on an MDM server whose console token has expired */
        SERVER_TOKEN_EXPIRED,
        /** on an MDM server that has no token in this console */
        SERVER_NOT_IN_CONSOLE,
        /** on a server linked in this console whose DEP inventory does not list the device (yet) */
        NOT_IN_DEP_INVENTORY,
        /** in the organization but on no MDM server */
        ON_NO_SERVER
    }

    /**
     * @param serverId   the MDM server (null for ON_NO_SERVER)
     * @param serverName its name
     */
    public record Finding(Kind kind, String serial, String serverId, String serverName) {
    }

    public OrgCrossCheck {
        findings = List.copyOf(findings);
    }

    public Map<Kind, Integer> counts() {
        Map<Kind, Integer> out = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            out.put(k, 0);
        }
        findings.forEach(f -> out.merge(f.kind(), 1, Integer::sum));
        return out;
    }

    public List<Finding> of(Kind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }
}
