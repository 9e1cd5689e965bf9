package dev.ebbflow.provisioner.disruption;

import dev.ebbflow.provisioner.scheduling.NewClaim;
import java.util.List;
import java.util.Optional;

/**
 * A disruption to carry out: delete the candidates, or replace them with new claims (launched and
 * initialized before they go): consolidation with one cheaper claim, drift with as many as their pods
 * need.
 *
 * @param reason            the budget reason: {@code Empty}, {@code Underutilized}, {@code Drifted}
 * @param consolidationType {@code empty}, {@code single} or {@code multi} ({@code ""} for drift)
 * @param candidates        the claims to remove, by name
 * @param replacements      the new claims; for consolidation at most one, its options all cheaper than what it replaces
 * @param savingsPerHour    what the cluster costs less an hour once done (at the replacements' cheapest options)
 */
public record Command(Decision decision, String reason, String consolidationType, List<String> candidates, List<NewClaim> replacements,
                      double savingsPerHour) {

    public enum Decision {
        DELETE, REPLACE;

        /** As Karpenter's metrics label it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Command {
        candidates = List.copyOf(candidates);
        replacements = List.copyOf(replacements);
    }

    /** The first replacement: a consolidation command's only one. */
    public Optional<NewClaim> replacement() {
        return replacements.isEmpty() ? Optional.empty() : Optional.of(replacements.get(0));
    }
}
