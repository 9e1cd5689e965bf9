package dev.ebbflow.crds.keda.scaledjob;

import dev.ebbflow.crds.keda.KedaApi;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** KEDA's ScaledJob: creates Jobs from its triggers. */
@Group(KedaApi.GROUP)
@Version(KedaApi.VERSION)
@Kind("ScaledJob")
@ShortNames("sj")
@AdditionalPrinterColumn(name = "Min", jsonPath = ".spec.minReplicaCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Max", jsonPath = ".spec.maxReplicaCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Active", jsonPath = ".status.conditions[?(@.type==\"Active\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Paused", jsonPath = ".status.conditions[?(@.type==\"Paused\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Triggers", jsonPath = ".status.triggersTypes", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Authentications", jsonPath = ".status.authenticationsTypes", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ScaledJob extends CustomResource<ScaledJobSpec, ScaledJobStatus> implements Namespaced {
}
