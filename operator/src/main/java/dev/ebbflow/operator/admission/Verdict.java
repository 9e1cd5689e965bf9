package dev.ebbflow.operator.admission;

import java.util.ArrayList;
import java.util.List;

/**
 * What the webhook answers about one object: every reason to refuse it (none: allowed) and the
 * warnings {@code kubectl} prints either way.
 */
public record Verdict(List<String> denials, List<String> warnings) {

    public Verdict {
        denials = List.copyOf(denials);
        warnings = List.copyOf(warnings);
    }

    public static Verdict allow() {
        return new Verdict(List.of(), List.of());
    }

    public static Verdict deny(String reason) {
        return new Verdict(List.of(reason), List.of());
    }

    public boolean allowed() {
        return denials.isEmpty();
    }

    /** All the denials in one message, as {@code kubectl} shows it after "denied the request: ". */
    public String message() {
        return String.join("; ", denials);
    }

    public Verdict and(Verdict other) {
        List<String> d = new ArrayList<>(denials);
        d.addAll(other.denials);
        List<String> w = new ArrayList<>(warnings);
        w.addAll(other.warnings);
        return new Verdict(d, w);
    }
}
