package io.fluxfs.fuse.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/** Applies {@code --log-level} and {@code --log-file} to logback (its default config is logback.xml: stderr, INFO). */
final class LogSetup {

    private LogSetup() {
    }

    static void apply(String level, Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (level != null) {
            root.setLevel(Level.toLevel(level, Level.INFO));
        }
        if (file != null) {
            PatternLayoutEncoder enc = new PatternLayoutEncoder();
            enc.setContext(ctx);
            enc.setPattern("%d{ISO8601} %-5level [%thread] %logger{20} - %msg%n");
            enc.start();
            FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> app = new FileAppender<>();
            app.setContext(ctx);
            app.setName("file");
            app.setFile(file.toAbsolutePath().toString());
            app.setAppend(true);
            app.setEncoder(enc);
            app.start();
            root.detachAndStopAllAppenders();
            root.addAppender(app);
        }
    }
}
