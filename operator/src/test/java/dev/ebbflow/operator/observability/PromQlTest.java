package dev.ebbflow.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {
    @Test
    void namesTheMetricsButNotFunctionsLabelsOrKeywords() {
        PromQl.Parsed parsed = PromQl.parse("sum by (nodepool) (count by (instance_type, zone) (karpenter_nodes_allocatable{resource_type=\"cpu\", nodepool=~\"$nodepool\"})"
                + " * on (instance_type, zone) group_left max by (instance_type, zone) (karpenter_cloudprovider_instance_type_offering_price_estimate))"
                + " / ignoring(le) rate(foo_total[$__rate_interval] offset 1h) > bool 3 or vector(0)");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.metrics()).containsExactly("karpenter_nodes_allocatable", "karpenter_cloudprovider_instance_type_offering_price_estimate",
                "foo_total");
    }

    @Test
    void readsHistogramQuantilesNameMatchersAndLabelValuesQueries() {
        assertThat(PromQl.parse("histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket{verb=\"LIST\"}[5m])))").metrics())
                .containsExactly("x_seconds_bucket");
        assertThat(PromQl.parse("{__name__=\"up\", job=\"a\"}").metrics()).containsExactly("up");
        assertThat(PromQl.parseVariableQuery("label_values(keda_scaler_metrics_value{namespace=~\"$namespace\"}, scaledObject)").metrics())
                .containsExactly("keda_scaler_metrics_value");
    }

    @Test
    void reportsStructuralMistakes() {
        assertThat(PromQl.parse("sum(rate(x_total[5m])").problems()).singleElement().asString().contains("unclosed");
        assertThat(PromQl.parse("rate(x_total[5m]))").problems()).singleElement().asString().contains("unbalanced ')'");
        assertThat(PromQl.parse("sume(x_total)").problems()).singleElement().asString().contains("unknown function sume");
        assertThat(PromQl.parse("x_total y_total").problems()).singleElement().asString().contains("two operands");
        assertThat(PromQl.parse("  ").problems()).containsExactly("empty expression");
    }
}
