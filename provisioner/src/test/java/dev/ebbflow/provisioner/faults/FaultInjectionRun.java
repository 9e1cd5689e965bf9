package dev.ebbflow.provisioner.faults;

import ch.qos.logback.classic.Level;
import dev.ebbflow.provisioner.aws.AwsFaultRig;
import dev.ebbflow.provisioner.azure.AzureFaultRig;
import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The fault-injection run, on demand (not a test: it takes a minute or two):
 * {@code mvn -o -q -pl provisioner -am test-compile -Pfaults [-Dfaults.launches=1000 -Dfaults.seed=16 -Dfaults.clouds=aws,azure]}.
 * For AWS and Azure in turn, 1,000 NodeClaims are launched through the adapter against its fake
 * server, which answers 10 % of launch requests with a capacity error, throttles 5 % of all requests,
 * and loses the answer of 1 % of launch requests after creating their instance. Prints launches,
 * retries, capacity fallbacks, duplicate instances per claim and instances leaked after garbage
 * collection; exits 1 when any claim had two instances or anything leaked.
 */
public final class FaultInjectionRun {

    static final double CAPACITY = 0.10;
    static final double THROTTLE = 0.05;
    static final double LOST_RESPONSE = 0.01;

    private FaultInjectionRun() {
    }

    public static void main(String[] args) throws Exception {
        int launches = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 16;
        List<String> clouds = List.of((args.length > 2 ? args[2] : "aws,azure").split(","));
        // Every capacity error and throttled request is logged by the adapters; the figures say it all.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.ebbflow")).setLevel(Level.ERROR);
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.OFF);
        KubernetesMockServer apiServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        apiServer.init();
        List<LifecycleSimulation.Figures> all = new ArrayList<>();
        try (KubernetesClient client = apiServer.createClient()) {
            ManualClock clock = new ManualClock();
            if (clouds.contains("aws")) {
                try (CloudRig aws = new AwsFaultRig(client, clock, new FaultPolicy(seed, CAPACITY, THROTTLE, LOST_RESPONSE, "CreateFleet"::equals))) {
                    all.add(run(aws, clock, launches, seed));
                }
            }
            if (clouds.contains("azure")) {
                try (CloudRig azure = new AzureFaultRig(client, clock, new FaultPolicy(seed, CAPACITY, THROTTLE, LOST_RESPONSE, AzureFaultRig::isLaunch))) {
                    all.add(run(azure, clock, launches, seed));
                }
            }
        } finally {
            apiServer.destroy();
        }
        System.exit(all.stream().allMatch(LifecycleSimulation.Figures::clean) ? 0 : 1);
    }

    private static LifecycleSimulation.Figures run(CloudRig rig, ManualClock clock, int launches, long seed) {
        long started = System.nanoTime();
        LifecycleSimulation.Figures f = new LifecycleSimulation(rig, clock, seed).run(launches);
        System.out.printf("%n== %s: %d launches, seed %d, %.1f s%n", f.cloud(), f.launches(), seed, (System.nanoTime() - started) / 1e9);
        System.out.printf("faults injected: %d capacity errors, %d throttled requests, %d answers lost after the launch%n",
                f.injectedCapacity(), f.injectedThrottle(), f.injectedLostResponse());
        System.out.printf("claims created %d, create calls %d, launch requests sent %d%n", f.claimsCreated(), f.createCalls(), f.launchRequests());
        System.out.printf("lifecycle retries (create failed, claim reconciled again) %d; claims out of capacity, replaced %d; "
                + "claims in doubt deleted before their retry %d%n", f.lifecycleRetries(), f.insufficientCapacity(), f.abandonedInDoubt());
        System.out.printf("lost status writes (claim created again) %d, of which got another instance %d%n", f.restarts(),
                f.restartsWithAnotherInstance());
        System.out.printf("terminations %d (retried %d); GC passes %d (skipped, listing failed: %d), instances terminated %d, "
                + "claims deleted %d (instance still running: %d)%n", f.terminations(), f.terminationRetries(), f.gcPasses(), f.gcSkipped(),
                f.gcTerminated(), f.gcClaimsDeleted(), f.gcClaimsDeletedWithLiveInstance());
        System.out.printf("claims with duplicate instances %d; instances without a claim before the last GC %d, after %d; "
                + "stray NICs %d -> %s%n", f.duplicateClaims(), f.leakedBeforeFinalGc(), f.leakedAfterGc(), f.strayAfterGc(),
                f.clean() ? "clean" : "NOT CLEAN");
        return f;
    }
}
