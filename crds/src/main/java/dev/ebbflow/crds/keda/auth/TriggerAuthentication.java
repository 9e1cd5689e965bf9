package dev.ebbflow.crds.keda.auth;

import dev.ebbflow.crds.keda.KedaApi;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** KEDA's TriggerAuthentication: trigger parameters for triggers in the same namespace. */
@Group(KedaApi.GROUP)
@Version(KedaApi.VERSION)
@Kind("TriggerAuthentication")
@ShortNames({"ta", "triggerauth"})
@AdditionalPrinterColumn(name = "PodIdentity", jsonPath = ".spec.podIdentity.provider", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Secret", jsonPath = ".spec.secretTargetRef[*].name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Env", jsonPath = ".spec.env[*].name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "VaultAddress", jsonPath = ".spec.hashiCorpVault.address", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ScaledObjects", jsonPath = ".status.scaledobjects", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "ScaledJobs", jsonPath = ".status.scaledjobs", type = AdditionalPrinterColumn.Type.STRING, priority = 1)
public class TriggerAuthentication extends CustomResource<TriggerAuthenticationSpec, TriggerAuthenticationStatus>
        implements Namespaced {
}
