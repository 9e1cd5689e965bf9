package dev.ebbflow.operator.simulate.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One node of a scenario document together with where it came from (file and field path), so that
 * every read that fails can say exactly which field of which file is wrong.
 */
public record Field(Path file, String path, JsonNode node) {

    public static Field root(Path file, JsonNode node) {
        return new Field(file, "", node == null ? MissingNode.getInstance() : node);
    }

    public Field get(String name) {
        JsonNode child = node.path(name);
        return new Field(file, path.isEmpty() ? name : path + "." + name, child);
    }

    public boolean present() {
        return !node.isMissingNode() && !node.isNull();
    }

    public List<Field> items() {
        if (!present()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("must be a list");
        }
        List<Field> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new Field(file, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    public ScenarioException error(String problem) {
        return new ScenarioException(file, path, problem);
    }

    public String text() {
        if (!present()) {
            throw error("is required");
        }
        if (!node.isValueNode()) {
            throw error("must be a single value");
        }
        return node.asText();
    }

    public Optional<String> optionalText() {
        return present() ? Optional.of(text()) : Optional.empty();
    }

    public double number() {
        if (!present()) {
            throw error("is required");
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        try {
            return Double.parseDouble(node.asText().trim());
        } catch (NumberFormatException e) {
            throw error("'" + node.asText() + "' is not a number");
        }
    }

    public double nonNegative() {
        double v = number();
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw error("must not be negative, got " + node.asText());
        }
        return v;
    }

    public double positive() {
        double v = number();
        if (!(v > 0) || Double.isInfinite(v)) {
            throw error("must be greater than 0, got " + node.asText());
        }
        return v;
    }

    public double nonNegativeOr(double fallback) {
        return present() ? nonNegative() : fallback;
    }

    public long integerOr(long fallback) {
        if (!present()) {
            return fallback;
        }
        double v = number();
        if (v != Math.rint(v)) {
            throw error("must be a whole number, got " + node.asText());
        }
        return (long) v;
    }

    public Duration duration() {
        if (!present()) {
            throw error("is required");
        }
        if (node.isNumber()) {
            if (node.doubleValue() < 0) {
                throw error("must not be negative, got " + node.asText());
            }
            return Durations.ofSeconds(node.doubleValue());
        }
        try {
            return Durations.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    public Duration durationOr(Duration fallback) {
        return present() ? duration() : fallback;
    }

    public Duration positiveDuration() {
        Duration d = duration();
        if (d.isZero() || d.isNegative()) {
            throw error("must be longer than 0");
        }
        return d;
    }
}
