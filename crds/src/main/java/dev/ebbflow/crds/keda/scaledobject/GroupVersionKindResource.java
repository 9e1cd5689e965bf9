package dev.ebbflow.crds.keda.scaledobject;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The resolved group, version, kind and resource of a scale target, as KEDA records it in status.scaleTargetGVKR.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class GroupVersionKindResource {

    private String group;

    private String version;

    private String kind;

    private String resource;

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getResource() {
        return resource;
    }

    public void setResource(String resource) {
        this.resource = resource;
    }

    public GroupVersionKindResource() {
    }

    public GroupVersionKindResource(String group, String version, String kind, String resource) {
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.resource = resource;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof GroupVersionKindResource that)) {
            return false;
        }
        return Objects.equals(group, that.group)
                && Objects.equals(version, that.version)
                && Objects.equals(kind, that.kind)
                && Objects.equals(resource, that.resource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(group, version, kind, resource);
    }
}
