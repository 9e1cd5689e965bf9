package dev.ebbflow.crds.simulated;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** Where a catalog file is held: a key of a ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CatalogConfigMapReference {

    public static final String DEFAULT_KEY = "catalog.yaml";

    @Required
    private String namespace;

    @Required
    private String name;

    @Default(DEFAULT_KEY)
    private String key = DEFAULT_KEY;

    public CatalogConfigMapReference() {
    }

    public CatalogConfigMapReference(String namespace, String name, String key) {
        this.namespace = namespace;
        this.name = name;
        this.key = key;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }
}
