package dev.ebbflow.provisioner.disruption;

import dev.ebbflow.provisioner.scheduling.NewClaim;
import java.util.List;
import java.util.Optional;

/**
 * A disruption to carry out: delete the candidates, or replace them with one new claim (launched and
 * initialized before they go).
 *
 * @param reason            the budget reason: {@code Empty}, {@code Underutilized}, {@code Drifted}
 * @param consolidationType {@code empty}, {@code single} or {@code multi} ({@code ""} for drift)
 * @param candidates        the claims to remove, by name
 * @param replacement       the one new claim, its options all cheaper than what it replaces
 * @param savingsPerHour    what the cluster costs less an hour once done (at the replacement's cheapest option)
 */
public record Command(Decision decision, String reason, String consolidationType, List<String> candidates, Optional<NewClaim> replacement,
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
    }
}
