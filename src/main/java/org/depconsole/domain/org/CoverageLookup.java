package org.depconsole.domain.org;

import java.time.Instant;
import java.util.List;

/**
 * The AppleCare coverage of one device and when Apple was asked.
 *
 * @param fromCache true when the stored answer was fresh enough and Apple was not asked again
 * @param error     the sentence when the device could not be looked up (unknown serial, rate limit…), else null
 */
public record CoverageLookup(String serial, Instant fetchedAt, boolean fromCache, List<OrgCoverage> coverage, String error) {

    public CoverageLookup {
        coverage = coverage == null ? List.of() : List.copyOf(coverage);
    }
}
