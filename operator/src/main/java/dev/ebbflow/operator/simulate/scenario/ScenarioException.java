package dev.ebbflow.operator.simulate.scenario;

import java.nio.file.Path;

/**
 * A scenario that cannot be simulated as written. The message always starts with the file and the
 * field at fault, e.g. {@code online-store.yaml: queues[0].arrivals[2].rate: must not be negative},
 * so that the user can go straight to the line to fix.
 */
public class ScenarioException extends RuntimeException {

    private final Path file;
    private final String field;

    public ScenarioException(Path file, String field, String problem) {
        super(file + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
        this.file = file;
        this.field = field;
    }

    public Path file() {
        return file;
    }

    public String field() {
        return field;
    }
}
