package dev.ebbflow.operator.simulate.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebbflow.crds.GoDurations;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.auth.InMemoryClusterState;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthResolver;
import dev.ebbflow.operator.autoscaling.controller.AuthenticatedTriggerParameters;
import dev.ebbflow.operator.autoscaling.controller.ResolvedTrigger;
import dev.ebbflow.operator.autoscaling.controller.ScaledObjectReader;
import dev.ebbflow.operator.autoscaling.controller.TriggerParameterResolver;
import dev.ebbflow.operator.autoscaling.controller.TriggerResolutionException;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.crds.simulated.SimulatedNodeClassSpec;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodes;
import dev.ebbflow.operator.provisioning.provisioner.PoolCatalogs;
import dev.ebbflow.operator.autoscaling.core.FieldError;
import dev.ebbflow.operator.autoscaling.core.PauseAnnotations;
import dev.ebbflow.operator.simulate.scenario.Field;
import dev.ebbflow.operator.simulate.scenario.Manifest;
import dev.ebbflow.operator.simulate.scenario.QueueSpec;
import dev.ebbflow.operator.simulate.scenario.Scenario;
import dev.ebbflow.operator.simulate.scenario.ScenarioException;
import dev.ebbflow.provisioner.catalog.CatalogFormatException;
import dev.ebbflow.provisioner.catalog.CatalogReader;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.PodConverter;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Taint;
import dev.ebbflow.provisioner.scheduling.WellKnownLabels;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.TriggerConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a scenario's manifests into the simulated cluster: workloads, queues with their consumers,
 * ScaledObjects with their triggers bound to queues, NodePools with their instance types, and the
 * nodes present at the start. Every inconsistency is a {@link ScenarioException} naming the file and
 * field of the manifest at fault.
 */
final class ClusterModel {

    static final Duration DEFAULT_NODE_BOOT = Duration.ofSeconds(60);
    /** Where ClusterTriggerAuthentications read their Secrets, as the operator's default namespace. */
    static final String OPERATOR_NAMESPACE = "ebbflow";

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    final Map<String, Workload> workloads = new LinkedHashMap<>();
    final Map<String, SimulatedQueue> queues = new LinkedHashMap<>();
    final Map<String, double[]> publishRates = new LinkedHashMap<>();
    final Map<String, Workload> consumers = new LinkedHashMap<>();
    final List<ScaledObjectDriver> scaledObjects = new ArrayList<>();
    final List<NodePoolModel> pools = new ArrayList<>();
    /** NodePools applied again during the run, in time order. */
    final List<PoolChange> poolChanges = new ArrayList<>();
    final Cluster cluster = new Cluster();

    static ClusterModel build(Scenario s) {
        ClusterModel m = new ClusterModel();
        Map<String, Duration> startup = new HashMap<>();
        for (QueueSpec q : s.queues()) {
            startup.put(q.consumerNamespace() + "/" + q.consumer(), q.podStartupTime());
        }
        for (Manifest d : s.manifests("apps", "Deployment")) {
            Deployment dep = convert(d, Deployment.class);
            String key = d.namespace() + "/" + d.name();
            SchedulablePod template = podTemplate(d, dep);
            if (dep.getSpec().getSelector() == null) {
                // The API server requires one; a scenario may leave it out, and its pods are then those of its template's labels.
                dep.getSpec().setSelector(new io.fabric8.kubernetes.api.model.LabelSelectorBuilder().withMatchLabels(template.labels()).build());
            }
            m.workloads.put(key, new Workload(dep, template, startup.getOrDefault(key, s.podStartupTime()).toMillis()));
        }
        for (QueueSpec q : s.queues()) {
            Workload consumer = m.workloads.get(q.consumerNamespace() + "/" + q.consumer());
            if (consumer == null) {
                throw q.fields().get("consumer").error("no Deployment '" + q.consumer() + "' in namespace '" + q.consumerNamespace() + "' among the scenario's manifests");
            }
            SimulatedQueue sq = new SimulatedQueue();
            sq.arrive(0, q.initialBacklog());
            m.queues.put(q.name(), sq);
            m.publishRates.put(q.name(), new double[1]);
            m.consumers.put(q.name(), consumer);
        }
        List<InstanceType> catalog = s.catalogFile().map(ClusterModel::readCatalog).orElse(null);
        Map<String, Manifest> configMaps = new HashMap<>();
        for (Manifest cm : s.manifests("", "ConfigMap")) {
            configMaps.put(cm.namespace() + "/" + cm.name(), cm);
        }
        Map<String, Manifest> nodeClasses = new HashMap<>();
        for (Manifest nc : s.manifests("ebbflow.dev", "SimulatedNodeClass")) {
            nodeClasses.put(nc.name(), nc);
        }
        for (Manifest p : s.manifests("karpenter.sh", "NodePool")) {
            m.pools.add(pool(s, p, nodeClasses, configMaps, catalog));
        }
        m.pools.sort(java.util.Comparator.comparingInt((NodePoolModel p) -> -p.weight()).thenComparing(p -> p.name));
        for (Scenario.Change c : s.changes()) {
            for (Manifest p : c.manifests()) {
                if (m.pools.stream().noneMatch(x -> x.name.equals(p.name()))) {
                    throw p.field("metadata.name").error("names NodePool '" + p.name() + "', which the scenario's manifests do not declare");
                }
                m.poolChanges.add(new PoolChange(c.at().toMillis(), pool(s, p, nodeClasses, configMaps, catalog)));
            }
        }
        for (Manifest n : s.manifests("", "Node")) {
            m.existingNode(n, catalog != null ? catalog : allGenerated(nodeClasses, configMaps));
        }
        InMemoryClusterState state = new InMemoryClusterState();
        for (Manifest secret : s.manifests("", "Secret")) {
            state.put(convert(secret, Secret.class));
        }
        for (Manifest cm : s.manifests("", "ConfigMap")) {
            state.put(convert(cm, ConfigMap.class));
        }
        for (Manifest a : s.manifests("keda.sh", "TriggerAuthentication")) {
            state.put(convert(a, TriggerAuthentication.class));
        }
        for (Manifest a : s.manifests("keda.sh", "ClusterTriggerAuthentication")) {
            state.put(convert(a, ClusterTriggerAuthentication.class));
        }
        TriggerAuthResolver auth = new TriggerAuthResolver(state, OPERATOR_NAMESPACE);
        for (Manifest so : s.manifests("keda.sh", "ScaledObject")) {
            m.scaledObjects.add(m.scaledObject(so, auth));
        }
        return m;
    }

    /** A NodePool as applied again at {@code atMs}. */
    record PoolChange(long atMs, NodePoolModel pool) {
    }

    private static final java.util.Set<String> CLUSTER_SCOPED = java.util.Set.of("Node", "NodePool", "SimulatedNodeClass",
            "ClusterTriggerAuthentication", "Namespace");

    static <T> T convert(Manifest m, Class<T> type) {
        try {
            T object = JSON.convertValue(m.body(), type);
            // As kubectl apply does, a namespaced object that names no namespace lands in 'default'.
            if (object instanceof io.fabric8.kubernetes.api.model.HasMetadata h && h.getMetadata() != null
                    && h.getMetadata().getNamespace() == null && !CLUSTER_SCOPED.contains(m.kind())) {
                h.getMetadata().setNamespace("default");
            }
            return object;
        } catch (IllegalArgumentException e) {
            String path = jsonPath(e);
            throw m.field(path.isEmpty() ? "spec" : path).error("cannot be read as a " + m.kind() + ": " + firstLine(e.getMessage()));
        }
    }

    private static String jsonPath(IllegalArgumentException e) {
        if (e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException jme) {
            StringBuilder b = new StringBuilder();
            for (var ref : jme.getPath()) {
                if (ref.getFieldName() != null) {
                    b.append(b.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    b.append('[').append(ref.getIndex()).append(']');
                }
            }
            return b.toString();
        }
        return "";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    private static SchedulablePod podTemplate(Manifest d, Deployment dep) {
        if (dep.getSpec() == null || dep.getSpec().getTemplate() == null || dep.getSpec().getTemplate().getSpec() == null) {
            throw d.field("spec.template.spec").error("is required");
        }
        var tpl = dep.getSpec().getTemplate();
        Map<String, String> labels = tpl.getMetadata() == null || tpl.getMetadata().getLabels() == null ? Map.of() : tpl.getMetadata().getLabels();
        checkQuantities(d, "spec.template.spec.containers", tpl.getSpec().getContainers());
        checkQuantities(d, "spec.template.spec.initContainers", tpl.getSpec().getInitContainers());
        try {
            return PodConverter.convert(d.namespace(), d.name(), labels, tpl.getSpec());
        } catch (InvalidInputException e) {
            throw d.field("spec.template." + e.field()).error(e.getMessage().substring(Math.min(e.getMessage().length(), e.field().length() + 2)));
        }
    }

    /** Finds the first request or limit that is not a Kubernetes quantity, before the core reads them. */
    private static void checkQuantities(Manifest d, String prefix, List<Container> containers) {
        if (containers == null) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            var resources = containers.get(i).getResources();
            if (resources == null) {
                continue;
            }
            for (var kind : List.of(Map.entry("requests", resources.getRequests() == null ? Map.<String, Quantity>of() : resources.getRequests()),
                    Map.entry("limits", resources.getLimits() == null ? Map.<String, Quantity>of() : resources.getLimits()))) {
                for (Map.Entry<String, Quantity> q : kind.getValue().entrySet()) {
                    try {
                        ResourceList.parseMilli(q.getValue().getAmount() + (q.getValue().getFormat() == null ? "" : q.getValue().getFormat()));
                    } catch (IllegalArgumentException | ArithmeticException e) {
                        throw d.field(prefix + "[" + i + "].resources." + kind.getKey() + "." + q.getKey())
                                .error("'" + q.getValue() + "' is not a quantity");
                    }
                }
            }
        }
    }

    private static List<InstanceType> readCatalog(java.nio.file.Path file) {
        try {
            return CatalogReader.read(file);
        } catch (CatalogFormatException e) {
            String prefix = e.source() + ": " + e.fieldPath() + ": ";
            throw new ScenarioException(file, e.fieldPath(), e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage());
        }
    }

    private static NodePoolModel pool(Scenario s, Manifest p, Map<String, Manifest> nodeClasses, Map<String, Manifest> configMaps,
            List<InstanceType> catalog) {
        NodePool pool = convert(p, NodePool.class);
        if (pool.getSpec() == null || pool.getSpec().getTemplate() == null || pool.getSpec().getTemplate().getSpec() == null) {
            throw p.field("spec.template.spec").error("is required");
        }
        var ref = pool.getSpec().getTemplate().getSpec().getNodeClassRef();
        Field refField = p.field("spec.template.spec.nodeClassRef");
        if (ref == null || ref.getName() == null) {
            throw refField.get("name").error("is required");
        }
        List<InstanceType> types;
        Duration boot = s.nodeBootTime().orElse(null);
        Manifest nc = nodeClasses.get(ref.getName());
        SimulatedNodeClassSpec marks = nc != null && "SimulatedNodeClass".equals(ref.getKind())
                ? Optional.ofNullable(convert(nc, SimulatedNodeClass.class).getSpec()).orElseGet(SimulatedNodeClassSpec::new)
                : new SimulatedNodeClassSpec();
        if (catalog != null) {
            types = catalog;
        } else if (nc != null && "SimulatedNodeClass".equals(ref.getKind())) {
            SimulatedNodeClass cls = convert(nc, SimulatedNodeClass.class);
            types = NodeClassCatalogs.of(nc, cls, configMaps);
            if (boot == null && cls.getSpec() != null && cls.getSpec().getBootDelay() != null) {
                // Read as the simulated cloud reads it, so a node boots here as long as it would there.
                String field = "spec.bootDelay";
                try {
                    boot = GoDurations.parseFinite(cls.getSpec().getBootDelay(), field);
                } catch (IllegalArgumentException e) {
                    throw nc.field(field).error(e.getMessage().substring(e.getMessage().startsWith(field + ": ") ? field.length() + 2 : 0));
                }
            }
        } else {
            throw refField.get("name").error("no SimulatedNodeClass '" + ref.getName() + "' among the scenario's manifests"
                    + " (a " + ref.getKind() + " needs the scenario's 'catalog' file)");
        }
        if (nc == null || !"SimulatedNodeClass".equals(ref.getKind())) {
            marks.setMarkSimulated(false);
        }
        return NodePoolModel.read(p, pool, types, SimulatedNodes.classLabels(marks),
                PoolCatalogs.taints(SimulatedNodes.classTaints(marks)),
                (boot == null ? DEFAULT_NODE_BOOT : boot).toMillis());
    }

    private static List<InstanceType> allGenerated(Map<String, Manifest> nodeClasses, Map<String, Manifest> configMaps) {
        List<InstanceType> all = new ArrayList<>();
        for (Manifest nc : nodeClasses.values()) {
            all.addAll(NodeClassCatalogs.of(nc, convert(nc, SimulatedNodeClass.class), configMaps));
        }
        return all;
    }

    private void existingNode(Manifest m, List<InstanceType> catalog) {
        Node node = convert(m, Node.class);
        Map<String, String> labels = new LinkedHashMap<>(node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels());
        labels.putIfAbsent(WellKnownLabels.HOSTNAME, m.name());
        Map<String, Quantity> alloc = node.getStatus() == null ? null
                : node.getStatus().getAllocatable() != null ? node.getStatus().getAllocatable() : node.getStatus().getCapacity();
        if (alloc == null || alloc.isEmpty()) {
            throw m.field("status.allocatable").error("is required: the simulator needs to know what fits on the node");
        }
        ResourceList allocatable = quantities(m, "status.allocatable", alloc);
        ResourceList capacity = node.getStatus().getCapacity() == null ? allocatable : quantities(m, "status.capacity", node.getStatus().getCapacity());
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints().stream().map(t -> new Taint(t.getKey(), t.getValue() == null ? "" : t.getValue(), t.getEffect())).toList();
        String type = labels.getOrDefault(WellKnownLabels.INSTANCE_TYPE, "unknown");
        String capacityType = labels.getOrDefault(WellKnownLabels.CAPACITY_TYPE, Offering.ON_DEMAND);
        String zone = labels.getOrDefault(WellKnownLabels.ZONE, "");
        double price = price(catalog, type, capacityType, zone);
        cluster.addNode(m.name(), type, capacityType, zone, labels.getOrDefault(WellKnownLabels.NODEPOOL, ""), price, capacity, allocatable,
                taints, labels, 0, 0);
    }

    /** A pre-existing node's price, from the catalog entry of its type, zone and capacity type; 0 when the catalog has none. */
    private static double price(List<InstanceType> catalog, String type, String capacityType, String zone) {
        for (InstanceType t : catalog) {
            if (t.name().equals(type)) {
                Optional<Offering> o = t.offerings().stream()
                        .filter(x -> x.capacityType().equals(capacityType) && (zone.isEmpty() || x.zone().equals(zone))).findFirst();
                return o.map(Offering::pricePerHour).orElse(0.0);
            }
        }
        return 0;
    }

    private static ResourceList quantities(Manifest m, String field, Map<String, Quantity> q) {
        Map<String, String> s = new LinkedHashMap<>();
        q.forEach((k, v) -> s.put(k, v.getAmount() + (v.getFormat() == null ? "" : v.getFormat())));
        try {
            return ResourceList.parse(s);
        } catch (IllegalArgumentException e) {
            throw m.field(field).error(e.getMessage());
        }
    }

    private ScaledObjectDriver scaledObject(Manifest m, TriggerAuthResolver auth) {
        ScaledObject so = convert(m, ScaledObject.class);
        if (so.getSpec() == null || so.getSpec().getScaleTargetRef() == null || so.getSpec().getScaleTargetRef().getName() == null) {
            throw m.field("spec.scaleTargetRef.name").error("is required");
        }
        var ref = so.getSpec().getScaleTargetRef();
        if (ref.getKind() != null && !"Deployment".equals(ref.getKind())) {
            throw m.field("spec.scaleTargetRef.kind").error("the simulator scales Deployments, got '" + ref.getKind() + "'");
        }
        Workload target = workloads.get(m.namespace() + "/" + ref.getName());
        if (target == null) {
            throw m.field("spec.scaleTargetRef.name").error("no Deployment '" + ref.getName() + "' in namespace '" + m.namespace() + "' among the scenario's manifests");
        }
        TriggerParameterResolver parameters = new AuthenticatedTriggerParameters((namespace, scaleTarget) -> Optional
                .ofNullable(workloads.get(namespace + "/" + scaleTarget.getName())).map(w -> w.deployment.getSpec().getTemplate()), auth);
        List<Field> triggerFields = m.field("spec.triggers").items();
        ScaledObjectReader.Reading<BoundTrigger> reading = ScaledObjectReader.read(so,
                (i, trigger, metricType, at, errors) -> bind(m, so, triggerFields.get(i), parameters, trigger, metricType, i),
                b -> b.trigger().metric());
        if (!reading.valid()) {
            throw firstError(m, reading.errors());
        }
        List<BoundTrigger> bound = reading.triggers();
        Map<String, String> annotations = so.getMetadata().getAnnotations() == null ? Map.of() : so.getMetadata().getAnnotations();
        PauseAnnotations.Parsed pause = PauseAnnotations.parse(annotations);
        if (!pause.errors().isEmpty()) {
            throw firstError(m, pause.errors());
        }
        return new ScaledObjectDriver(so, target, reading.spec(), bound.stream().map(BoundTrigger::trigger).toList(),
                bound.stream().map(BoundTrigger::queue).collect(java.util.stream.Collectors.toList()),
                bound.stream().map(BoundTrigger::publishRate).collect(java.util.stream.Collectors.toList()), pause.state());
    }

    /** A trigger answered from one of the scenario's queues. */
    private record BoundTrigger(SimulatedTrigger trigger, SimulatedQueue queue, double[] publishRate) {
    }

    /** Binds one trigger to its simulated queue; anything the simulator cannot model fails at once, naming the field. */
    private BoundTrigger bind(Manifest m, ScaledObject so, Field tf, TriggerParameterResolver parameters, ScaleTrigger trigger,
            MetricTargetType metricType, int i) {
        ResolvedTrigger resolved;
        try {
            resolved = parameters.resolve(so, i, trigger);
        } catch (TriggerResolutionException e) {
            throw m.field(e.field()).error(e.getMessage());
        }
        if (metricType == null) {
            return null;
        }
        TriggerConfig config = new TriggerConfig(i, trigger.getType(), trigger.getName(), resolved.metadata(), resolved.authParams(),
                resolved.podIdentityProvider(), ScaledObjectReader.declaredMetricType(trigger, metricType));
        SimulatedTrigger t = TriggerTypes.read(tf, config);
        if (t.queue() == null) {
            return new BoundTrigger(t, null, null);
        }
        if (!queues.containsKey(t.queue())) {
            throw tf.get("metadata").get(queueField(t.type())).error("names queue '" + t.queue() + "', which the scenario's 'queues' do not declare");
        }
        return new BoundTrigger(t, queues.get(t.queue()), publishRates.get(t.queue()));
    }

    /** The scenario names one field at fault: the first the shared checks found. */
    private static ScenarioException firstError(Manifest m, List<FieldError> errors) {
        return m.field(errors.get(0).field()).error(errors.get(0).message());
    }

    private static String queueField(String type) {
        return switch (type) {
            case TriggerTypes.AWS_SQS -> "queueURL";
            default -> "queueName";
        };
    }
}
