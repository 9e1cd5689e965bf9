package dev.ebbflow.crds.keda;

import java.util.List;

/** A status that carries KEDA-shaped conditions, so {@link KedaConditions} can work on any of them. */
public interface HasKedaConditions {

    List<KedaCondition> getConditions();

    void setConditions(List<KedaCondition> conditions);
}
