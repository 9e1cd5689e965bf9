package dev.ebbflow.operator.autoscaling.badinput;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every log line the process writes while attached, as it would be printed: the formatted message
 * plus the messages and frames of any exception chain. Lowers the given loggers' levels while
 * attached, so that what an operator might enable for troubleshooting is checked too.
 */
final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Map<Logger, Level> previousLevels = new HashMap<>();
    private final Logger root;

    private CapturedLogs(Map<String, Level> levels) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        setContext(context);
        setName("bad-input-capture");
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        levels.forEach((name, level) -> {
            Logger logger = context.getLogger(name);
            previousLevels.put(logger, logger.getLevel());
            logger.setLevel(level);
        });
        start();
        root.addAppender(this);
    }

    /** Starts capturing everything logged at {@code levels} (logger name to level) or above. */
    static CapturedLogs attach(Map<String, Level> levels) {
        return new CapturedLogs(levels);
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder()
                .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ").append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                line.append(" at ").append(frame.getSTEAsString());
            }
        }
        lines.add(line.toString());
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
        previousLevels.forEach(Logger::setLevel);
    }
}
