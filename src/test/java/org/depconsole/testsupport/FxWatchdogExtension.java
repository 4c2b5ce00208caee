package org.depconsole.testsupport;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a UI test whose FX thread was blocked for more than {@link FxWatchdog#LIMIT} while the test method ran (after
 * the {@code @Start} and {@code @BeforeEach} fixtures, before the {@code @AfterEach} ones). Every TestFX test gets it
 * through {@link UiTest}.
 */
public final class FxWatchdogExtension implements BeforeTestExecutionCallback, AfterTestExecutionCallback {

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        FxWatchdog.shared().arm(context.getRequiredTestClass());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        List<FxWatchdog.Stall> stalls = FxWatchdog.shared().disarm();
        if (!stalls.isEmpty()) {
            throw new AssertionError(stalls.size() + " time(s) the FX thread did not answer within " + FxWatchdog.LIMIT.toMillis()
                    + " ms during " + context.getDisplayName() + " (route blocking work through ui.Background):\n"
                    + stalls.stream().map(FxWatchdog.Stall::describe).collect(Collectors.joining("\n\n")));
        }
    }
}
