package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What drift and consolidation passes share, as Karpenter's disruption controller runs its methods:
 * while a command is being carried out ({@link DisruptionActions}, shared), a pass only advances it;
 * otherwise it reads the cluster, records every pool's allowed disruptions, and lets the method
 * decide. Each runs on its own {@link PeriodicPass}.
 */
abstract class DisruptionPass implements AutoCloseable {

    private final DisruptionReader reader;
    private final DisruptionActions actions;
    private final Clock clock;
    private final Announcements announcements;
    private final BudgetGauges budgets;
    private final PeriodicPass pass;

    DisruptionPass(String name, DisruptionReader reader, DisruptionActions actions, KarpenterEvents events, KarpenterMetrics metrics, Clock clock) {
        this.reader = reader;
        this.actions = actions;
        this.clock = clock;
        this.announcements = new Announcements(events);
        this.budgets = new BudgetGauges(metrics);
        this.pass = new PeriodicPass(name, this::runOnce);
    }

    public void start(ScheduledExecutorService executor, Duration period) {
        pass.start(executor, period);
    }

    @Override
    public void close() {
        pass.close();
    }

    public final synchronized DisruptionActions.Step runOnce() {
        Instant now = clock.instant();
        if (actions.busy()) {
            return actions.advance(now);
        }
        ConsolidationInputs.Read read = reader.read(now);
        budgets.record(read.input());
        return decide(read, now);
    }

    /** One look with nothing under way: decide, announce, act through {@link #actions()}. */
    protected abstract DisruptionActions.Step decide(ConsolidationInputs.Read read, Instant now);

    protected DisruptionActions actions() {
        return actions;
    }

    /**
     * Events on the claims left alone: {@code notMovableEvent} with why for each of {@code notMovable},
     * {@code DisruptionBlocked} for those the {@code reason} budgets hold back.
     */
    protected void announce(ConsolidationInputs.Read read, Map<String, String> notMovable, String notMovableEvent, List<String> budgetBlocked,
                            String reason) {
        Map<String, Announcements.Why> why = new LinkedHashMap<>();
        notMovable.forEach((c, message) -> why.put(c, new Announcements.Why(notMovableEvent, message)));
        budgetBlocked.forEach(c -> why.put(c, new Announcements.Why(EmptinessController.DISRUPTION_BLOCKED, Announcements.budgetBlocked(reason))));
        announcements.announce(why, read);
    }
}
