package dev.ebbflow.operator.health;

import java.util.List;

/** The answer of a probe: healthy, or the problems that make it not. */
public record Health(List<String> problems) {

    public static final Health OK = new Health(List.of());

    public Health {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
