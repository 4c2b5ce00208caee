package org.depconsole.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A TestFX test of the real window: TestFX's {@link ApplicationExtension} plus the {@link FxWatchdogExtension}, which
 * fails the test when the FX thread is blocked for more than 250 ms. Use this instead of
 * {@code @ExtendWith(ApplicationExtension.class)} ({@code UiTestsAreWatchedTest} checks it).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({ApplicationExtension.class, FxWatchdogExtension.class})
public @interface UiTest {
}
