package dev.ebbflow.operator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code --log-level} to Ebbflow's loggers; libraries stay at WARN unless asked for TRACE/DEBUG. */
public final class LogLevels {

    private LogLevels() {
    }

    public static void apply(String level) {
        Level parsed = Level.toLevel(level, Level.INFO);
        ((Logger) LoggerFactory.getLogger("dev.ebbflow")).setLevel(parsed);
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(parsed.isGreaterOrEqual(Level.INFO) ? Level.WARN : parsed);
    }
}
