package dev.ebbflow.operator;

import dev.ebbflow.operator.cli.StartupErrors;
import dev.ebbflow.operator.leadership.Leadership;
import dev.ebbflow.operator.startup.CrdAvailability;
import dev.ebbflow.operator.startup.StartBackoff;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller modules, each in a JOSDK {@link Operator} of its own (JOSDK takes no controller
 * after its start): a module starts on the Lease holder once all its CRDs are established, so a
 * missing CRD holds back only the controllers that need it, and one installed later is picked up
 * without a restart. A module that fails to start is tried again with {@link StartBackoff}.
 */
final class Controllers {

    private static final Logger LOG = LoggerFactory.getLogger(Controllers.class);

    private final List<ControllerModule> modules;
    private final OperatorContext context;
    private final CrdAvailability crds;
    private final int reconcileThreads;
    private final Leadership leadership;
    private final MicrometerMetrics metrics;
    /** Starts run one at a time, through the gate: a module never starts on a follower. */
    private final ScheduledExecutorService starter;
    private final List<ControllerModule> started = new CopyOnWriteArrayList<>();
    /** Started modules' operators; those still starting are in {@code starting}, so that health never asks them. */
    private final Map<ControllerModule, Operator> operators = new ConcurrentHashMap<>();
    private final Map<ControllerModule, Operator> starting = new ConcurrentHashMap<>();
    private final Map<ControllerModule, String> failures = new ConcurrentHashMap<>();
    /** Failed starts in a row of each module, and when it may be tried again. */
    private final Map<ControllerModule, Integer> failedStarts = new ConcurrentHashMap<>();
    private final Map<ControllerModule, Long> retryAtNanos = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    Controllers(List<ControllerModule> modules, OperatorContext context, CrdAvailability crds, int reconcileThreads) {
        this.modules = List.copyOf(modules);
        this.context = context;
        this.crds = crds;
        this.reconcileThreads = reconcileThreads;
        this.leadership = context.leadership();
        this.metrics = MicrometerMetrics.withoutPerResourceMetrics(context.meterRegistry());
        this.starter = leadership.newExecutor("ebbflow-controllers", 1);
    }

    /** Starts, off the caller's thread, the modules that can start now. */
    void startReadyLater() {
        try {
            starter.execute(this::startReady);
        } catch (RejectedExecutionException e) {
            // leading stopped: nothing starts any more
        }
    }

    /** Starts, in the caller's thread, every module not started yet whose CRDs are all established. */
    synchronized void startReady() {
        for (ControllerModule module : modules) {
            if (stopped || !leadership.isLeader()) {
                return;
            }
            Long retryAt = retryAtNanos.get(module);
            boolean due = retryAt == null || retryAt - System.nanoTime() <= 0;
            if (!started.contains(module) && due && module.requiredCrds().stream().allMatch(crds::established)) {
                start(module);
            }
        }
    }

    private void start(ControllerModule module) {
        Operator operator = new Operator(o -> o.withKubernetesClient(context.client())
                .withCloseClientOnStop(false)
                // The mock API server (and some clusters' policies) have no server-side apply.
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .checkingCRDAndValidateLocalModel(false)
                .withConcurrentReconciliationThreads(reconcileThreads)
                .withMetrics(metrics));
        started.add(module);
        starting.put(module, operator);
        try {
            module.register(operator, context);
            operator.start();
            operators.put(module, operator);
            failures.remove(module);
            failedStarts.remove(module);
            retryAtNanos.remove(module);
            LOG.info("{} controllers started", module.name());
        } catch (RuntimeException e) {
            if (stopped) {
                return; // stopped while starting: not a failure of the module
            }
            Duration retry = StartBackoff.after(failedStarts.merge(module, 1, Integer::sum));
            String problem = module.name() + " controllers could not start: " + StartupErrors.explain(e);
            LOG.error("{}; trying again in {} s", problem, retry.toSeconds());
            LOG.debug("{} controllers could not start", module.name(), e);
            failures.put(module, problem);
            stop(module);
            retryAtNanos.put(module, System.nanoTime() + retry.toNanos());
            try {
                starter.schedule(this::startReady, retry.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException rejected) {
                // leading stopped: nothing starts any more
            }
        } finally {
            starting.remove(module);
        }
    }

    boolean anyStarted() {
        return !operators.isEmpty();
    }

    /** Whether every started module's informers run and watch. */
    boolean healthy() {
        return operators.values().stream().allMatch(o -> o.getRuntimeInfo().allEventSourcesAreHealthy());
    }

    /** One line per module that could not start (and is waiting to be tried again). */
    List<String> failures() {
        return new ArrayList<>(failures.values());
    }

    /** Stops every started module's reconcilers and loops; nothing starts afterwards. */
    void stop() {
        stopped = true;
        for (ControllerModule module : started) {
            stop(module);
        }
    }

    private void stop(ControllerModule module) {
        started.remove(module);
        Operator operator = operators.remove(module);
        if (operator == null) {
            operator = starting.get(module);
        }
        try {
            if (operator != null) {
                operator.stop();
            }
        } catch (RuntimeException e) {
            LOG.debug("stopping {} controllers: {}", module.name(), e.toString());
        }
        module.close();
    }
}
