package dev.ebbflow.e2e.autoscaling;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository (crds/, examples/), found from wherever Maven or an IDE runs the tests. */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    static Path directory(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
