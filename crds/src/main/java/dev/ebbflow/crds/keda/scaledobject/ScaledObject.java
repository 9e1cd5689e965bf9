package dev.ebbflow.crds.keda.scaledobject;

import dev.ebbflow.crds.keda.KedaApi;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * KEDA's ScaledObject: scales a workload with a /scale subresource from its triggers. The plural and
 * singular are spelled out although fabric8 would derive the same ones: it derives them (with regular
 * expressions) in every instance's constructor, i.e. for every object an informer or a response
 * deserializes, which was the operator's largest CPU cost with 10,000 ScaledObjects.
 */
@Group(KedaApi.GROUP)
@Version(KedaApi.VERSION)
@Kind("ScaledObject")
@Plural("scaledobjects")
@Singular("scaledobject")
@ShortNames("so")
@AdditionalPrinterColumn(name = "ScaleTargetKind", jsonPath = ".status.scaleTargetKind", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ScaleTargetName", jsonPath = ".spec.scaleTargetRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Min", jsonPath = ".spec.minReplicaCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Max", jsonPath = ".spec.maxReplicaCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Active", jsonPath = ".status.conditions[?(@.type==\"Active\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Fallback", jsonPath = ".status.conditions[?(@.type==\"Fallback\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Paused", jsonPath = ".status.conditions[?(@.type==\"Paused\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Triggers", jsonPath = ".status.triggersTypes", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Authentications", jsonPath = ".status.authenticationsTypes", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ScaledObject extends CustomResource<ScaledObjectSpec, ScaledObjectStatus> implements Namespaced {
}
