package dev.ebbflow.operator.admission;

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

    public boolean allowed() {
        return denials.isEmpty();
    }

    /** All the denials in one message, as {@code kubectl} shows it after "denied the request: ". */
    public String message() {
        return String.join("; ", denials);
    }
}
