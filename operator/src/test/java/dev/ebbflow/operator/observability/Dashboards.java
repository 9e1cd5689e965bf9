package dev.ebbflow.operator.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The shipped Grafana dashboards and every PromQL query in them (panel targets, nested rows, template variables). */
final class Dashboards {
    /** One query and where it is, for messages. */
    record Query(String where, String expr, boolean variable) {
        PromQl.Parsed parse() {
            return variable ? PromQl.parseVariableQuery(expr) : PromQl.parse(expr);
        }
    }

    /**
     * Metrics of kube-state-metrics, which a Prometheus that watches a cluster has (kube-prometheus-stack
     * installs it): the replicas of each scale target and the HPA's target live there, as on KEDA's own
     * dashboard. Nothing else may be named that the operator does not export.
     */
    static final Set<String> EXTERNAL = Set.of("kube_horizontalpodautoscaler_spec_target_metric", "kube_horizontalpodautoscaler_status_current_replicas",
            "kube_horizontalpodautoscaler_status_desired_replicas", "kube_horizontalpodautoscaler_spec_max_replicas");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Dashboards() {
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static List<Query> queries(Path dashboard) throws IOException {
        JsonNode root = JSON.readTree(dashboard.toFile());
        List<Query> queries = new ArrayList<>();
        String file = dashboard.getFileName().toString();
        collectPanels(file, root.path("panels"), queries);
        for (JsonNode variable : root.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode q = variable.path("query");
                queries.add(new Query(file + " variable " + variable.path("name").asText(), q.isObject() ? q.path("query").asText() : q.asText(), true));
            }
        }
        return queries;
    }

    private static void collectPanels(String file, JsonNode panels, List<Query> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    into.add(new Query(file + " panel \"" + panel.path("title").asText() + "\" " + target.path("refId").asText(),
                            target.path("expr").asText(), false));
                }
            }
            collectPanels(file, panel.path("panels"), into);
        }
    }

    /** Problems of every query: structural mistakes, and metric names neither exported nor external. */
    static List<String> problems(List<Query> queries, Set<String> exported) {
        List<String> problems = new ArrayList<>();
        for (Query q : queries) {
            PromQl.Parsed parsed = q.parse();
            parsed.problems().forEach(p -> problems.add(q.where() + ": " + p + " in " + q.expr()));
            Set<String> unknown = new TreeSet<>(parsed.metrics());
            unknown.removeAll(exported);
            unknown.removeAll(EXTERNAL);
            unknown.forEach(name -> problems.add(q.where() + ": " + name + " is not exported"));
        }
        return problems;
    }
}
