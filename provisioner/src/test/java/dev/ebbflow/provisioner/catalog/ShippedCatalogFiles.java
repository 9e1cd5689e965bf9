package dev.ebbflow.provisioner.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A shipped catalog file must be what its generator makes; {@code -Debbflow.snapshot.update=true} writes it again. */
public final class ShippedCatalogFiles {

    private ShippedCatalogFiles() {
    }

    public static void assertGenerated(Path shipped, String generated) throws IOException {
        if (Boolean.getBoolean("ebbflow.snapshot.update")) {
            Files.writeString(shipped, generated);
        }
        assertThat(Files.readString(shipped)).as(shipped + " (regenerate with -Debbflow.snapshot.update=true)").isEqualTo(generated);
    }
}
