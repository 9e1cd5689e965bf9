package dev.ebbflow.crds.keda.scaledobject;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The values {@code spec.fallback.behavior} may take, as KEDA's CRD enumerates them. Only the schema
 * reads this type: the model keeps the field a String so that the operator, not the deserializer,
 * names a bad value (on a server without this CRD, e.g. the mock server).
 */
enum FallbackBehaviorValues {
    @JsonProperty(Fallback.STATIC) STATIC,
    @JsonProperty(Fallback.CURRENT_REPLICAS) CURRENT_REPLICAS,
    @JsonProperty(Fallback.CURRENT_REPLICAS_IF_HIGHER) CURRENT_REPLICAS_IF_HIGHER,
    @JsonProperty(Fallback.CURRENT_REPLICAS_IF_LOWER) CURRENT_REPLICAS_IF_LOWER
}
