package dev.ebbflow.operator.helm;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository checkout, whichever module directory the tests run from. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /** The nearest ancestor of the working directory that holds the Helm chart. */
    public static Path get() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("deploy/helm/ebbflow/Chart.yaml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no ancestor of " + Path.of("").toAbsolutePath()
                + " contains deploy/helm/ebbflow/Chart.yaml");
    }

    public static Path resolve(String relative) {
        return get().resolve(relative);
    }
}
