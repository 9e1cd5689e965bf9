package dev.ebbflow.operator.provisioning.lifecycle;

import dev.ebbflow.operator.provisioning.kube.Pods;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happened to the pods of our nodes between two looks: whether a reschedulable pod arrived or
 * left (Karpenter's {@code status.lastPodEventTime}, which {@code consolidateAfter} counts from),
 * and which pods started running (the pod startup duration metric). Memory only: after a restart
 * the first look sets the baseline and reports nothing, so no pod is counted twice.
 */
public final class PodActivity {

    private final Instant since;
    private final Map<String, Set<String>> podsByNode = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> startedByNode = new ConcurrentHashMap<>();

    /** @param since pods that became Ready before this instant are never reported as started */
    public PodActivity(Instant since) {
        this.since = since;
    }

    /** {@code now} when the node's reschedulable pods differ from the previous look, else empty. */
    public Optional<Instant> podEvent(String nodeName, List<Pod> pods, Instant now) {
        Set<String> current = new HashSet<>();
        for (Pod p : pods) {
            if (Pods.isReschedulable(p) && !Pods.isTerminating(p)) {
                current.add(p.getMetadata().getUid());
            }
        }
        Set<String> previous = podsByNode.put(nodeName, current);
        return previous != null && !previous.equals(current) ? Optional.of(now) : Optional.empty();
    }

    /** Creation-to-running durations of the node's pods that started since the last look. */
    public List<Duration> newlyStarted(String nodeName, List<Pod> pods) {
        Set<String> started = startedByNode.computeIfAbsent(nodeName, n -> ConcurrentHashMap.newKeySet());
        List<Duration> durations = new ArrayList<>();
        for (Pod p : pods) {
            Optional<Instant> running = Pods.runningSince(p);
            if (running.isEmpty() || running.get().isBefore(since) || p.getMetadata().getCreationTimestamp() == null) {
                continue;
            }
            if (started.add(p.getMetadata().getUid())) {
                Duration d = Duration.between(Instant.parse(p.getMetadata().getCreationTimestamp()), running.get());
                durations.add(d.isNegative() ? Duration.ZERO : d);
            }
        }
        return durations;
    }

    public void forget(String nodeName) {
        podsByNode.remove(nodeName);
        startedByNode.remove(nodeName);
    }
}
