package dev.ebbflow.operator;

import dev.ebbflow.operator.autoscaling.controller.CompiledScaledObjects;
import dev.ebbflow.operator.autoscaling.auth.AuthDependencyWatch;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthResolver;
import dev.ebbflow.operator.autoscaling.controller.AuthenticatedTriggerParameters;
import dev.ebbflow.operator.autoscaling.controller.ScaleTargets;
import dev.ebbflow.operator.autoscaling.controller.ScaledObjectCompiler;
import dev.ebbflow.operator.autoscaling.controller.ScaledObjectEvents;
import dev.ebbflow.operator.autoscaling.controller.ScaledObjectReconciler;
import dev.ebbflow.operator.autoscaling.controller.ScaledObjectStatusWriter;
import dev.ebbflow.operator.autoscaling.controller.ScalingServices;
import dev.ebbflow.operator.autoscaling.controller.TriggerParameterResolver;
import dev.ebbflow.operator.autoscaling.hpa.HpaSync;
import dev.ebbflow.operator.autoscaling.hpa.HpaWriter;
import dev.ebbflow.operator.autoscaling.loop.LatestReadings;
import dev.ebbflow.operator.autoscaling.loop.ScaleLoopScheduler;
import dev.ebbflow.operator.autoscaling.loop.ScaledObjectPoller;
import dev.ebbflow.operator.autoscaling.loop.TriggerReader;
import dev.ebbflow.operator.autoscaling.metrics.ScaledObjectIndex;
import dev.ebbflow.operator.autoscaling.metrics.ScaledObjectMetricsProvider;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.operator.metricsapi.ClientCaSource;
import dev.ebbflow.operator.metricsapi.ClientCertificateAuthenticator;
import dev.ebbflow.operator.metricsapi.ExternalMetricsApiServer;
import dev.ebbflow.operator.metricsapi.KubernetesAccessReviews;
import dev.ebbflow.operator.metricsapi.RequestHeaderNames;
import dev.ebbflow.operator.metricsapi.ExternalMetricsProvider;
import dev.ebbflow.operator.metricsapi.ServingCertificate;
import dev.ebbflow.operator.observability.KedaMetrics;
import dev.ebbflow.operator.observability.ObservabilityServer;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole operator in one object: API client, scaler registry, Prometheus registry and the
 * {@code /metrics} server, the external metrics API, and the JOSDK operator (leader-elected) with
 * the ScaledObject controller and its scale loop, plus any {@link ControllerModule}s.
 * The metrics API and {@code /metrics} run on every replica; reconcilers and the scale loop only on
 * the Lease holder. {@link #start()} and {@link #close()} are used by {@code ebbflow run} and by tests.
 */
public final class EbbflowOperator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EbbflowOperator.class);
    private static final String AUTH_CONFIGMAP_NAMESPACE = "kube-system";
    private static final String AUTH_CONFIGMAP = "extension-apiserver-authentication";

    /** How to assemble the operator; only {@code settings}, {@code client} and {@code scalers} are required. */
    public static final class Builder {
        private OperatorSettings settings;
        private KubernetesClient client;
        private ScalerRegistry scalers;
        private TriggerParameterResolver resolver;
        private Clock clock = Clock.systemUTC();
        private final List<ControllerModule> modules = new ArrayList<>();
        private String bindHost = "0.0.0.0";
        private ClientCaSource clientCa;
        private boolean metricsApiClientAuthentication = true;
        private int scaleLoopWorkers = 16;
        private int reconcileThreads = 16;
        private boolean exitOnLostLeadership = true;

        public Builder settings(OperatorSettings settings) {
            this.settings = settings;
            return this;
        }

        /** The API client; the operator does not close it. */
        public Builder client(KubernetesClient client) {
            this.client = client;
            return this;
        }

        /** The trigger types; the operator closes the registry (and its pooled connections) when it stops. */
        public Builder scalers(ScalerRegistry scalers) {
            this.scalers = scalers;
            return this;
        }

        /** How trigger authentication and {@code ...FromEnv} parameters are resolved; by default through the API server. */
        public Builder triggerParameters(TriggerParameterResolver resolver) {
            this.resolver = resolver;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Adds a group of controllers (e.g. node provisioning) registered on the same JOSDK operator. */
        public Builder module(ControllerModule module) {
            modules.add(module);
            return this;
        }

        /** Address the HTTP servers bind to (tests use 127.0.0.1). */
        public Builder bindHost(String host) {
            this.bindHost = host;
            return this;
        }

        /** The request-header CA; by default the settings' file, else kube-system/extension-apiserver-authentication. */
        public Builder clientCa(ClientCaSource clientCa) {
            this.clientCa = clientCa;
            return this;
        }

        /** Turns off the aggregator's client-certificate check: local development and tests only. */
        public Builder withoutMetricsApiClientAuthentication() {
            this.metricsApiClientAuthentication = false;
            return this;
        }

        public Builder scaleLoopWorkers(int workers) {
            this.scaleLoopWorkers = workers;
            return this;
        }

        public Builder reconcileThreads(int threads) {
            this.reconcileThreads = threads;
            return this;
        }

        /** Whether losing the Lease ends the process (the default, as a Deployment restarts it). */
        public Builder exitOnLostLeadership(boolean exit) {
            this.exitOnLostLeadership = exit;
            return this;
        }

        public EbbflowOperator build() {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(scalers, "scalers");
            return new EbbflowOperator(this);
        }
    }

    private final Builder config;
    private final PrometheusMeterRegistry meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KedaMetrics kedaMetrics;
    private final CompiledScaledObjects compiled;
    private final ScalingServices services;
    private final AuthDependencyWatch authWatch;
    private final AtomicBoolean leader = new AtomicBoolean();
    private Vertx vertx;
    private ScaledObjectIndex index;
    private SharedIndexInformer<ConfigMap> authConfigMap;
    private ScaleLoopScheduler scaleLoop;
    private ObservabilityServer observability;
    private ExternalMetricsApiServer metricsApi;
    private ExternalMetricsProvider metricsProvider;
    private Operator operator;
    private int metricsPort;
    private int metricsApiPort;

    private EbbflowOperator(Builder config) {
        this.config = config;
        this.kedaMetrics = new KedaMetrics(meterRegistry, version(), "unknown", config.scalers::kedaScalerName);
        this.authWatch = new AuthDependencyWatch(config.client, config.settings.operatorNamespace());
        TriggerParameterResolver resolver = config.resolver != null ? config.resolver : new AuthenticatedTriggerParameters(config.client,
                new TriggerAuthResolver(authWatch.clusterState(), config.settings.operatorNamespace()));
        this.compiled = new CompiledScaledObjects(new ScaledObjectCompiler(config.scalers, resolver));
        KubernetesClient client = config.client;
        this.services = new ScalingServices(client, compiled, new ScaleTargets(client), new HpaSync(new HpaWriter(client)),
                new ScaledObjectStatusWriter(client), new ScaledObjectEvents(client, config.clock),
                new TriggerReader(kedaMetrics, new LatestReadings(), config.clock), kedaMetrics, config.clock,
                key -> index.get(key));
    }

    public static Builder builder() {
        return new Builder();
    }

    public synchronized EbbflowOperator start() {
        OperatorSettings settings = config.settings;
        vertx = Vertx.vertx();
        index = new ScaledObjectIndex(config.client, settings.watchNamespaces());
        observability = new ObservabilityServer(vertx, config.bindHost, settings.metricsPort(), meterRegistry, () -> true, index::hasSynced);
        metricsPort = observability.start();
        metricsProvider = new ScaledObjectMetricsProvider(services, index);
        metricsApi = new ExternalMetricsApiServer(vertx, metricsApiOptions(settings), metricsProvider);
        metricsApiPort = metricsApi.start();

        scaleLoop = new ScaleLoopScheduler(config.scaleLoopWorkers, new ScaledObjectPoller(services));
        operator = new Operator(o -> {
            o.withKubernetesClient(config.client)
                    .withCloseClientOnStop(false)
                    // The mock API server (and some clusters' policies) have no server-side apply.
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .checkingCRDAndValidateLocalModel(false)
                    .withConcurrentReconciliationThreads(config.reconcileThreads)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(meterRegistry));
            if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(leaderElection(settings));
            } else {
                leader.set(true);
            }
        });
        ScaledObjectReconciler reconciler = new ScaledObjectReconciler(services, scaleLoop, authWatch);
        operator.register(reconciler, c -> {
            if (!settings.watchesAllNamespaces()) {
                c.settingNamespaces(settings.watchNamespaces());
            }
        });
        OperatorContext context = new OperatorContext(config.client, settings, meterRegistry, config.clock, config.scalers, kedaMetrics);
        for (ControllerModule module : config.modules) {
            LOG.info("registering controller module {}", module.name());
            module.register(operator, context);
        }
        operator.start();
        LOG.info("Ebbflow operator started: metrics on :{}, external metrics API on :{}, leader election {}", metricsPort, metricsApiPort,
                settings.leaderElection() ? "on Lease " + settings.leaseNamespace() + "/" + settings.leaseName() : "off");
        return this;
    }

    private ExternalMetricsApiServer.Options metricsApiOptions(OperatorSettings settings) {
        ServingCertificate certificate = settings.tlsCertFile().isPresent()
                ? ServingCertificate.fromFiles(settings.tlsCertFile().get(), settings.tlsPrivateKeyFile().orElseThrow())
                : ServingCertificate.selfSigned(List.of("localhost"), config.clock);
        if (!config.metricsApiClientAuthentication) {
            return ExternalMetricsApiServer.Options.withoutClientAuthentication(config.bindHost, settings.metricsApiPort(), certificate);
        }
        ClientCaSource ca = config.clientCa;
        if (ca == null && settings.requestHeaderClientCaFile().isPresent()) {
            ca = ClientCaSource.fromFile(settings.requestHeaderClientCaFile().get());
        }
        Supplier<RequestHeaderNames> headerNames = RequestHeaderNames::defaults;
        Supplier<java.util.Set<String>> allowedNames = settings::requestHeaderAllowedNames;
        if (ca == null) {
            authConfigMap = config.client.configMaps().inNamespace(AUTH_CONFIGMAP_NAMESPACE).withName(AUTH_CONFIGMAP).inform();
            ca = ClientCaSource.fromPem(() -> authData().getOrDefault("requestheader-client-ca-file", ""));
            headerNames = RequestHeaderNames.memoized(this::authData);
            // As aggregated API servers do: what the flags leave out is read from the cluster's ConfigMap.
            if (settings.requestHeaderAllowedNames().isEmpty()) {
                allowedNames = () -> RequestHeaderNames.allowedNames(authData());
            }
        }
        ClientCertificateAuthenticator authenticator = new ClientCertificateAuthenticator(ca, allowedNames, config.clock);
        if (!settings.metricsApiDelegatedAuthorization()) {
            return ExternalMetricsApiServer.Options.withClientAuthentication(config.bindHost, settings.metricsApiPort(), certificate, authenticator);
        }
        return ExternalMetricsApiServer.Options.withDelegatedAuthorization(config.bindHost, settings.metricsApiPort(), certificate, authenticator,
                ExternalMetricsApiServer.DelegatedAccess.kubernetesDefaults(new KubernetesAccessReviews(config.client), headerNames, config.clock));
    }

    /** The data of kube-system/extension-apiserver-authentication, empty until the informer has it. */
    private Map<String, String> authData() {
        ConfigMap cm = authConfigMap.getStore().list().stream().findFirst().orElse(null);
        return cm == null || cm.getData() == null ? Map.of() : cm.getData();
    }

    private LeaderElectionConfiguration leaderElection(OperatorSettings settings) {
        String pod = System.getenv("POD_NAME");
        String identity = (pod == null || pod.isBlank() ? "ebbflow" : pod) + "-" + UUID.randomUUID().toString().substring(0, 8);
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> {
                    leader.set(true);
                    LOG.info("{} leads: reconcilers and the scale loop run here", identity);
                },
                () -> {
                    leader.set(false);
                    LOG.warn("{} lost the Lease: the scale loop stops", identity);
                    if (scaleLoop != null) {
                        scaleLoop.close();
                    }
                },
                newLeader -> LOG.info("leader is {}", newLeader));
        return new LeaderElectionConfiguration(settings.leaseName(), settings.leaseNamespace(),
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE, LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, identity, callbacks, config.exitOnLostLeadership);
    }

    /** Whether this replica holds the Lease (always true without leader election). */
    public boolean isLeader() {
        return leader.get();
    }

    public int metricsPort() {
        return metricsPort;
    }

    public int metricsApiPort() {
        return metricsApiPort;
    }

    /** The provider behind the external metrics API, for in-process callers and tests. */
    public ExternalMetricsProvider metricsProvider() {
        return metricsProvider;
    }

    public PrometheusMeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** ScaledObjects currently polled by the scale loop. */
    public int scaledObjectsInScaleLoop() {
        return scaleLoop == null ? 0 : scaleLoop.registered();
    }

    /** Stops everything it started, in reverse order. */
    @Override
    public synchronized void close() {
        // The scale loop first: its polls must not run against a stopping operator.
        if (scaleLoop != null) {
            scaleLoop.close();
        }
        if (operator != null) {
            operator.stop();
        }
        for (ControllerModule module : config.modules) {
            module.close();
        }
        if (metricsApi != null) {
            metricsApi.close();
        }
        if (observability != null) {
            observability.close();
        }
        if (authConfigMap != null) {
            authConfigMap.close();
        }
        if (index != null) {
            index.close();
        }
        services.scaleTargets().close();
        compiled.close();
        config.scalers.close();
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        LOG.info("Ebbflow operator stopped");
    }

    private static String version() {
        String v = EbbflowOperator.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

}
