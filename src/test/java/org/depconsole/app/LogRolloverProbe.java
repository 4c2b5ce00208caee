package org.depconsole.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedFileNamingAndTriggeringPolicy;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run in a child JVM by {@link LogFilesTest}: configures logging as {@link Main} does (with the real logback.xml) and
 * writes on three days, so Logback rolls the file over twice through its own trigger (it reads the day from the
 * rolling policy's clock, which this moves).
 */
public final class LogRolloverProbe {

    private LogRolloverProbe() {
    }

    public static void main(String[] args) {
        Logging.configure(Path.of(args[0]), false);
        Logger log = LoggerFactory.getLogger("org.depconsole.probe");
        log.warn("day 1");
        RollingFileAppender<?> appender = (RollingFileAppender<?>) ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE");
        TimeBasedFileNamingAndTriggeringPolicy<?> trigger =
                ((TimeBasedRollingPolicy<?>) appender.getRollingPolicy()).getTimeBasedFileNamingAndTriggeringPolicy();
        long start = System.currentTimeMillis();
        for (int day = 2; day <= 3; day++) {
            trigger.setCurrentTime(start + Duration.ofDays(day - 1).toMillis());
            log.warn("day {}", day);
            log.warn("day {}, second line", day);
        }
    }
}
