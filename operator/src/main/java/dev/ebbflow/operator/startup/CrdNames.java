package dev.ebbflow.operator.startup;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** CRD names ({@code <plural>.<group>}) of resource classes, as modules declare what they need. */
public final class CrdNames {

    private CrdNames() {
    }

    @SafeVarargs
    public static Set<String> of(Class<? extends HasMetadata>... kinds) {
        return Arrays.stream(kinds).map(HasMetadata::getFullResourceName).collect(Collectors.toUnmodifiableSet());
    }
}
