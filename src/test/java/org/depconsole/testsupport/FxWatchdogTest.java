package org.depconsole.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The FX-thread watchdog catches a deliberate block, every time (a block four times the limit, repeated), forgives
 * the test's own work on the FX thread and short tasks, and turns a block into a failed UI test through
 * {@link UiTest}; and every TestFX test class uses {@link UiTest}.
 */
class FxWatchdogTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @RepeatedTest(3)
    void aBlockOfTheFxThreadByApplicationCodeIsCaughtWithItsStack() throws Exception {
        List<FxWatchdog.Stall> stalls;
        try (FxWatchdog watchdog = new FxWatchdog(FxWatchdog.LIMIT)) {
            watchdog.start();
            watchdog.arm(FxWatchdogTest.class);
            Platform.runLater(new DeliberateBlock(1000));

            stalls = watchdog.disarm();
        }

        assertThat(stalls).isNotEmpty();
        FxWatchdog.Stall stall = stalls.stream().max((a, b) -> Long.compare(a.countedMillis(), b.countedMillis())).orElseThrow();
        assertThat(stall.countedMillis()).isGreaterThan(FxWatchdog.LIMIT.toMillis());
        assertThat(stall.state()).isEqualTo(Thread.State.TIMED_WAITING);
        assertThat(stall.describe()).contains("DeliberateBlock.run").contains("Thread.sleep");
    }

    @Test
    void aComputationOnTheFxThreadIsCaughtToo() throws Exception {
        List<FxWatchdog.Stall> stalls;
        try (FxWatchdog watchdog = new FxWatchdog(FxWatchdog.LIMIT)) {
            watchdog.start();
            watchdog.arm(FxWatchdogTest.class);
            Platform.runLater(DeliberateBlock.spinning(1000));

            stalls = watchdog.disarm();
        }

        assertThat(stalls).isNotEmpty();
        assertThat(stalls).anySatisfy(s -> {
            assertThat(s.countedMillis()).isGreaterThan(FxWatchdog.LIMIT.toMillis());
            assertThat(s.describe()).contains("DeliberateBlock.run");
        });
    }

    @Test
    void shortTasksAndTheTestsOwnWorkOnTheFxThreadAreNoStall() throws Exception {
        try (FxWatchdog watchdog = new FxWatchdog(FxWatchdog.LIMIT)) {
            watchdog.start();
            watchdog.arm(FxWatchdogTest.class);
            for (int i = 0; i < 40; i++) {
                Platform.runLater(new DeliberateBlock(10));
                Thread.sleep(15);
            }
            // the test itself sleeping on the FX thread (as a fixture building a window would) is not the application's
            WaitForAsyncUtils.asyncFx(() -> {
                Thread.sleep(600);
                return null;
            }).get(10, TimeUnit.SECONDS);

            assertThat(watchdog.disarm()).isEmpty();
        }
    }

    @Test
    void aUiTestWhoseFxThreadIsBlockedFails() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(BlocksTheFxThread.class)).build(),
                listener);
        TestExecutionSummary summary = listener.getSummary();

        assertThat(summary.getTestsStartedCount()).isEqualTo(1);
        assertThat(summary.getFailures()).singleElement().satisfies(f -> assertThat(f.getException())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the FX thread did not answer within 250 ms")
                .hasMessageContaining("DeliberateBlock.run"));
    }

    @Test
    void everyTestFxTestIsAUiTest() {
        List<JavaClass> withStart = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("org.depconsole").stream()
                .filter(c -> c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(Start.class)))
                .toList();

        assertThat(withStart).as("the TestFX tests").hasSizeGreaterThanOrEqualTo(7);
        assertThat(withStart).allSatisfy(c -> assertThat(c.isAnnotatedWith(UiTest.class))
                .as(c.getName() + " is annotated @UiTest, so the FX-thread watchdog watches it").isTrue());
    }

    /** Run only by {@link #aUiTestWhoseFxThreadIsBlockedFails} (surefire skips nested classes). */
    @UiTest
    static class BlocksTheFxThread {

        @Start
        void start(Stage stage) {
            // no window needed: the FX thread is what is watched
        }

        @Test
        void blocks() throws Exception {
            Platform.runLater(new DeliberateBlock(1000));
            Thread.sleep(1200);
        }
    }
}
