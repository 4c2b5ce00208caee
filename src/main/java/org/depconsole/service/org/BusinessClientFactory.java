package org.depconsole.service.org;

import org.depconsole.appleapi.business.AppleBusinessClient;
import org.depconsole.appleapi.business.BusinessClientConfig;
import org.depconsole.appleapi.business.RateLimitListener;

/** Opens the Apple Business API client of an account (OkHttp in the console; tests may pace it differently). */
@FunctionalInterface
public interface BusinessClientFactory {

    /**
     * @param waits told before every wait for Apple's rate limits
     */
    AppleBusinessClient open(BusinessClientConfig config, RateLimitListener waits);
}
