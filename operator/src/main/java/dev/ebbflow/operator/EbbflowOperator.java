package dev.ebbflow.operator;

import dev.ebbflow.operator.admission.AdmissionCaches;
import dev.ebbflow.operator.admission.AdmissionWebhookServer;
import dev.ebbflow.operator.admission.KedaAdmission;
import dev.ebbflow.operator.ahead.PodsAhead;
import dev.ebbflow.operator.autoscaling.ahead.ProvisionAheadPlanner;
import dev.ebbflow.operator.autoscaling.core.HpaForecast;
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
import dev.ebbflow.operator.observability.BuildInfo;
import dev.ebbflow.operator.observability.KedaMetrics;
import dev.ebbflow.operator.observability.MetricsApiRequestMetrics;
import dev.ebbflow.operator.observability.RuntimeMetrics;
import dev.ebbflow.operator.observability.ScaledObjectStateMetrics;
import dev.ebbflow.operator.observability.ObservabilityServer;
import dev.ebbflow.operator.health.Health;
import dev.ebbflow.operator.health.HealthLimits;
import dev.ebbflow.operator.health.HealthMonitor;
import dev.ebbflow.operator.health.MetricsApiSelfProbe;
import dev.ebbflow.operator.kube.KubernetesClients;
import dev.ebbflow.operator.leadership.LeaseElection;
import dev.ebbflow.operator.leadership.Leadership;
import dev.ebbflow.operator.startup.CrdAvailability;
import dev.ebbflow.operator.startup.CrdNames;
import dev.ebbflow.operator.startup.InstalledCrds;
import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole operator in one object: API client, scaler registry, Prometheus registry and the
 * {@code /metrics} server, the external metrics API, the ScaledObject controller and its scale loop,
 * plus any {@link ControllerModule}s. The metrics API, {@code /metrics} and the probes run on every
 * replica; everything that writes runs on the Lease holder only, through one {@link Leadership} gate:
 * each module's JOSDK operator starts there once its CRDs are installed, and background loops take
 * their schedulers from it. {@link #start()} and {@link #close()} are used by {@code ebbflow run} and
 * by tests; {@link #close()} stops acting, then releases the Lease, then stops serving.
 */
public final class EbbflowOperator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EbbflowOperator.class);
    private static final String AUTH_CONFIGMAP_NAMESPACE = "kube-system";
    private static final String AUTH_CONFIGMAP = "extension-apiserver-authentication";
    private static final String SCALED_OBJECT_CRD = HasMetadata.getFullResourceName(ScaledObject.class);
    static final String VITAL_SCALED_OBJECT_INFORMERS = "ScaledObject informers";
    static final String VITAL_CONTROLLERS = "controller informers";
    static final String VITAL_CRD_WATCH = "CRD watch";
    static final String VITAL_SCALE_LOOP = "scale loop";
    static final String VITAL_METRICS_API = "external metrics API";
    /**
     * The metrics API's own client rate limit, apart from the reconcilers': its access reviews are cached per caller,
     * so this is headroom for many callers at once, never a queue behind 10,000 ScaledObjects' writes.
     */
    static final double METRICS_API_QPS = 100;
    static final int METRICS_API_BURST = 200;
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
        private boolean watchCrds;
        private Integer admissionWebhookPort;
        private HealthLimits healthLimits = HealthLimits.DEFAULTS;
        private ProvisionAheadPlanner provisionAhead;

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

        /**
         * Watches the operator's CRDs: a module whose CRDs are missing waits for them (named in the log, in
         * {@code /readyz} and in {@code ebbflow_crd_installed}) instead of failing the start. Off by default,
         * for embedding and the mock API server, which serves custom resources without CRDs.
         */
        public Builder watchCrds(boolean watch) {
            this.watchCrds = watch;
            return this;
        }

        /**
         * Serves the validating admission webhook of KEDA's kinds on this HTTPS port (0: any free port), with the
         * metrics API's certificate. Off by default; the chart turns it on.
         */
        public Builder admissionWebhookPort(int port) {
            this.admissionWebhookPort = port;
            return this;
        }

        /** How long each vital sign may go unseen before {@code /healthz} fails (tests shorten them). */
        public Builder healthLimits(HealthLimits limits) {
            this.healthLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * After each poll, tells {@code listener} how many replicas the HPA will have asked for within
         * {@code horizon} (node provisioning then launches their nodes before the pods exist). Off by default.
         */
        public Builder provisionAhead(PodsAhead listener, Duration horizon) {
            this.provisionAhead = new ProvisionAheadPlanner(listener, horizon, HpaForecast.DEFAULT_SYNC_PERIOD);
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
    private final RuntimeMetrics runtimeMetrics;
    private final CompiledScaledObjects compiled;
    private final ScalingServices services;
    private final AuthDependencyWatch authWatch;
    private final HealthMonitor health;
    private final List<Supplier<String>> vitals = new ArrayList<>();
    /** Work that only reads (starting the ScaledObject index, sampling vital signs): on every replica. */
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ebbflow-background");
        t.setDaemon(true);
        return t;
    });
    private Leadership leadership;
    private LeaseElection election;
    private CrdAvailability crds;
    private Controllers controllers;
    private OperatorContext context;
    private MetricsApiSelfProbe selfProbe;
    private volatile Health lastHealth;
    private volatile boolean closing;
    private volatile boolean lostLeadership;
    private Vertx vertx;
    private ScaledObjectIndex index;
    private SharedIndexInformer<ConfigMap> authConfigMap;
    private ScaleLoopScheduler scaleLoop;
    private ScaledObjectPoller scaleLoopPoller;
    private ObservabilityServer observability;
    private ExternalMetricsApiServer metricsApi;
    private AdmissionWebhookServer admissionWebhook;
    private AdmissionCaches admissionCaches;
    private ExternalMetricsProvider metricsProvider;
    private KubernetesClient metricsApiClient;
    private int metricsPort;
    private int metricsApiPort;
    private int admissionWebhookPort;

    private EbbflowOperator(Builder config) {
        this.config = config;
        BuildInfo build = BuildInfo.current();
        build.register(meterRegistry);
        this.runtimeMetrics = new RuntimeMetrics(meterRegistry);
        this.kedaMetrics = new KedaMetrics(meterRegistry, build.version(), build.gitCommit(), config.scalers::kedaScalerName);
        this.authWatch = new AuthDependencyWatch(config.client, config.settings.operatorNamespace());
        this.health = new HealthMonitor(config.clock);
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
        leadership = settings.leaderElection() ? Leadership.following() : Leadership.alwaysLeading();
        index = new ScaledObjectIndex(config.client, settings.watchNamespaces(), false);
        meterRegistry.getPrometheusRegistry().register(new ScaledObjectStateMetrics(index::all));
        List<ControllerModule> all = new ArrayList<>();
        all.add(new ScaledObjectControllers());
        all.addAll(config.modules);
        // The first API call: a cluster that cannot be reached, or RBAC that forbids it, fails the start here.
        crds = config.watchCrds ? new InstalledCrds(config.client, requiredCrds(all), meterRegistry) : CrdAvailability.assumeInstalled();
        vertx = Vertx.vertx();
        observability = new ObservabilityServer(vertx, config.bindHost, settings.metricsPort(), meterRegistry, this::health, this::readiness, this::metricsApiReadiness);
        metricsPort = observability.start();
        // scaleLoop is read when a reading arrives, once started: an active reading served to the HPA polls its ScaledObject at once.
        metricsProvider = new ScaledObjectMetricsProvider(services, index, key -> scaleLoop.pollSoon(key));
        ServingCertificate certificate = servingCertificate(settings);
        metricsApi = new ExternalMetricsApiServer(vertx, metricsApiOptions(settings, certificate), metricsProvider)
                .observedBy(new MetricsApiRequestMetrics(meterRegistry));
        metricsApiPort = metricsApi.start();
        if (config.admissionWebhookPort != null) {
            admissionCaches = AdmissionCaches.start(config.client, index, settings.watchNamespaces(), config.clock);
            admissionWebhook = new AdmissionWebhookServer(vertx, config.bindHost, config.admissionWebhookPort, certificate,
                    KedaAdmission.cached(config.client, config.scalers, settings.operatorNamespace(), admissionCaches));
            admissionWebhookPort = admissionWebhook.start();
        }

        scaleLoopPoller = new ScaledObjectPoller(services, config.provisionAhead);
        scaleLoop = new ScaleLoopScheduler(leadership, config.scaleLoopWorkers, scaleLoopPoller);
        scaleLoop.heartbeat(config.healthLimits.scaleLoopHeartbeat(), () -> health.seen(VITAL_SCALE_LOOP));
        context = new OperatorContext(config.client, settings, meterRegistry, config.clock, config.scalers, kedaMetrics, leadership);
        controllers = new Controllers(all, context, crds, config.reconcileThreads);
        watchVitals();
        startIndexOnceInstalled();
        crds.onChange(() -> {
            background.execute(this::startIndexOnceInstalled);
            controllers.startReadyLater();
        });
        if (settings.leaderElection()) {
            leadership.onAcquired(controllers::startReadyLater);
            election = new LeaseElection(config.client, settings.leaseNamespace(), settings.leaseName(), identity(), settings.leaseTiming(),
                    leadership, this::leadershipLost).start();
        } else {
            controllers.startReady();
        }
        LOG.info("Ebbflow operator started: metrics on :{}, external metrics API on :{}, admission webhook {}, leader election {}", metricsPort,
                metricsApiPort, admissionWebhook == null ? "off" : "on :" + admissionWebhookPort,
                election != null ? "on Lease " + settings.leaseNamespace() + "/" + settings.leaseName() + " as " + election.identity() : "off");
        return this;
    }

    private static Set<String> requiredCrds(List<ControllerModule> modules) {
        Set<String> out = new TreeSet<>();
        modules.forEach(m -> out.addAll(m.requiredCrds()));
        return out;
    }

    /** The index behind the metrics API runs on every replica, once the ScaledObject CRD is there. */
    private void startIndexOnceInstalled() {
        if (crds.established(SCALED_OBJECT_CRD) && !closing) {
            try {
                index.start();
            } catch (RuntimeException e) {
                LOG.warn("watching ScaledObjects failed, retrying when the CRD changes: {}", e.getMessage());
            }
        }
    }

    /** The vital signs /healthz watches, sampled off the event loop so a wedged part cannot hang the probe. */
    private void watchVitals() {
        HealthLimits limits = config.healthLimits;
        health.expect(VITAL_SCALED_OBJECT_INFORMERS, limits.informerSilence(), index::hasSynced)
                .expect(VITAL_CONTROLLERS, limits.informerSilence(), controllers::anyStarted)
                .expect(VITAL_SCALE_LOOP, limits.scaleLoopSilence(), leadership::isLeader)
                .expect(VITAL_METRICS_API, limits.metricsApiSilence(), () -> true);
        if (crds instanceof InstalledCrds installed) {
            health.expect(VITAL_CRD_WATCH, limits.informerSilence(), () -> true);
            vitals.add(() -> installed.isWatching() ? VITAL_CRD_WATCH : null);
        }
        vitals.add(() -> index.isWatching() ? VITAL_SCALED_OBJECT_INFORMERS : null);
        vitals.add(() -> controllers.healthy() ? VITAL_CONTROLLERS : null);
        selfProbe = new MetricsApiSelfProbe(vertx, config.bindHost, metricsApiPort, limits.metricsApiSilence());
        background.scheduleWithFixedDelay(() -> {
            try {
                for (Supplier<String> vital : vitals) {
                    String seen = vital.get();
                    if (seen != null) {
                        health.seen(seen);
                    }
                }
                selfProbe.probe(() -> health.seen(VITAL_METRICS_API));
                logHealthChange(health.health());
            } catch (RuntimeException e) {
                LOG.debug("health sampling failed: {}", e.toString());
            }
        }, 0, limits.sampling().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void logHealthChange(Health now) {
        Health before = lastHealth;
        lastHealth = now;
        if (!now.ok() && (before == null || !before.problems().equals(now.problems()))) {
            LOG.warn("unhealthy: {}", String.join("; ", now.problems()));
        } else if (now.ok() && before != null && !before.ok()) {
            LOG.info("healthy again");
        }
    }

    private Health health() {
        return health.health();
    }

    /** Not ready while a CRD is missing, the ScaledObject index has not synced, or a module failed to start. */
    private Health readiness() {
        List<String> problems = new ArrayList<>();
        if (crds instanceof InstalledCrds installed) {
            installed.missing().forEach(crd -> problems.add("CRD " + crd + " is not installed"));
        }
        problems.addAll(metricsApiReadiness().problems());
        problems.addAll(controllers.failures());
        return new Health(problems);
    }

    /** The external metrics API answers from the ScaledObject index: ready once that has listed them (or has no CRD to list). */
    private Health metricsApiReadiness() {
        return crds.established(SCALED_OBJECT_CRD) && !index.hasSynced() ? new Health(List.of("ScaledObjects not listed yet")) : Health.OK;
    }

    /** Whether this replica lost its Lease to another (rather than releasing it on close). */
    public boolean lostLeadership() {
        return lostLeadership;
    }

    /** Another replica took the Lease (or it could not be renewed): stop reconciling at once, then end the process. */
    private void leadershipLost() {
        lostLeadership = true;
        Thread stop = new Thread(() -> {
            controllers.stop();
            if (config.exitOnLostLeadership) {
                LOG.warn("exiting: a restart rejoins as a follower");
                System.exit(1);
            }
        }, "ebbflow-lost-leadership");
        stop.setDaemon(true);
        stop.start();
    }

    private static String identity() {
        String pod = System.getenv("POD_NAME");
        return (pod == null || pod.isBlank() ? "ebbflow" : pod) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The ScaledObject controller, as a module like the others: it waits for its CRDs the same way. */
    private final class ScaledObjectControllers implements ControllerModule {

        @Override
        public String name() {
            return "scaledobjects";
        }

        @Override
        public Set<String> requiredCrds() {
            return CrdNames.of(ScaledObject.class, TriggerAuthentication.class, ClusterTriggerAuthentication.class);
        }

        @Override
        public void register(Operator operator, OperatorContext context) {
            operator.register(new ScaledObjectReconciler(services, scaleLoop, scaleLoopPoller, authWatch), c -> {
                ScaledObjectReconciler.configure(c);
                if (!context.settings().watchesAllNamespaces()) {
                    c.settingNamespaces(context.settings().watchNamespaces());
                }
            });
        }
    }

    /** The certificate of every HTTPS endpoint the API server calls: mounted files, else a self-signed one. */
    private ServingCertificate servingCertificate(OperatorSettings settings) {
        return settings.tlsCertFile().isPresent()
                ? ServingCertificate.fromFiles(settings.tlsCertFile().get(), settings.tlsPrivateKeyFile().orElseThrow())
                : ServingCertificate.selfSigned(List.of("localhost"), config.clock);
    }

    private ExternalMetricsApiServer.Options metricsApiOptions(OperatorSettings settings, ServingCertificate certificate) {
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
                ExternalMetricsApiServer.DelegatedAccess.kubernetesDefaults(new KubernetesAccessReviews(metricsApiClient()), headerNames,
                        config.clock));
    }

    /** The client of the metrics API's access reviews: its own rate limit, so that they never wait behind the reconcilers' writes. */
    private KubernetesClient metricsApiClient() {
        if (metricsApiClient == null) {
            metricsApiClient = KubernetesClients.withOwnRateLimit(config.client, METRICS_API_QPS, METRICS_API_BURST);
        }
        return metricsApiClient;
    }

    /** The data of kube-system/extension-apiserver-authentication, empty until the informer has it. */
    private Map<String, String> authData() {
        ConfigMap cm = authConfigMap.getStore().list().stream().findFirst().orElse(null);
        return cm == null || cm.getData() == null ? Map.of() : cm.getData();
    }

    /** Whether this replica holds the Lease (always true without leader election). */
    public boolean isLeader() {
        return leadership != null && leadership.isLeader();
    }

    public int metricsPort() {
        return metricsPort;
    }

    public int metricsApiPort() {
        return metricsApiPort;
    }

    /** The admission webhook's port; 0 when it is off. */
    public int admissionWebhookPort() {
        return admissionWebhookPort;
    }

    /** The parts {@code /healthz} watches, for the wiring test that stops each one as a wedge would. */
    ScaledObjectIndex scaledObjectIndex() {
        return index;
    }

    ScaleLoopScheduler scaleLoop() {
        return scaleLoop;
    }

    ExternalMetricsApiServer metricsApiServer() {
        return metricsApi;
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

    /**
     * Stops acting first (the gate, the scale loop, the controllers), then releases the Lease so that a
     * follower takes over at once, then stops serving.
     */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (leadership != null) {
            leadership.stop();
        }
        if (scaleLoop != null) {
            scaleLoop.close();
        }
        if (controllers != null) {
            controllers.stop();
        }
        if (election != null) {
            election.close();
            LOG.info("Lease released");
        }
        background.shutdownNow();
        if (crds != null) {
            crds.close();
        }
        if (selfProbe != null) {
            selfProbe.close();
        }
        if (admissionWebhook != null) {
            admissionWebhook.close();
        }
        if (admissionCaches != null) {
            admissionCaches.close();
        }
        if (metricsApi != null) {
            metricsApi.close();
        }
        if (metricsApiClient != null) {
            metricsApiClient.close();
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
        runtimeMetrics.close();
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        LOG.info("Ebbflow operator stopped");
    }

}
