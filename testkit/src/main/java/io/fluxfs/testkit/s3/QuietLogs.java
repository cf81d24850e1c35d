package io.fluxfs.testkit.s3;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.CoreConstants;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded server's own logging out of the way when nobody configured logging. Without a
 * logback configuration file, logback logs everything at DEBUG, and S3Proxy's shaded Jetty alone writes
 * ~100k lines per test run (and would bury the launcher's one ready line). With a configuration file,
 * nothing here touches any level.
 */
final class QuietLogs {

    private QuietLogs() {
    }

    /** S3Proxy and its Jetty at INFO, unless a level was chosen already (e.g. by the launcher). */
    static void forServer() {
        lower("org.gaul", Level.INFO);
    }

    /** For the launcher process: everything at WARN, so its one ready line stands out on stdout. */
    static void forLauncher() {
        lower(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN);
        lower("org.gaul", Level.WARN);
    }

    private static void lower(String name, Level level) {
        if (LoggerFactory.getLogger(name) instanceof Logger logger && !configured(logger)
                && (logger.getLevel() == null || Logger.ROOT_LOGGER_NAME.equals(name))) {
            logger.setLevel(level);
        }
    }

    private static boolean configured(Logger logger) {
        return System.getProperty("logback.configurationFile") != null
                || logger.getLoggerContext().getObject(CoreConstants.SAFE_JORAN_CONFIGURATION) != null;
    }
}
