package dev.ebbflow.provisioner.scheduling;

import java.util.List;
import java.util.Map;

/**
 * A pod label selector: matchLabels plus set-based expressions, reusing {@link Requirements}
 * (In, NotIn, Exists, DoesNotExist). {@link #NOTHING} is the null selector, which matches no pod.
 */
public record LabelSelector(Requirements requirements, boolean matchesNothing) {

    public static final LabelSelector NOTHING = new LabelSelector(Requirements.NONE, true);
    public static final LabelSelector EVERYTHING = new LabelSelector(Requirements.NONE, false);

    public static LabelSelector of(Map<String, String> matchLabels, List<Requirement> expressions) {
        return new LabelSelector(Requirements.fromLabels(matchLabels).and(Requirements.of(expressions)), false);
    }

    public boolean matches(Map<String, String> labels) {
        return !matchesNothing && requirements.matchesLabels(labels);
    }
}
