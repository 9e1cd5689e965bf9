package dev.ebbflow.provisioner.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Catalog files shipped inside the jar, next to the class that offers them (a cloud's offline snapshot). */
public final class ShippedCatalogs {

    private ShippedCatalogs() {
    }

    /**
     * The catalog {@code resource} next to {@code owner}, or empty when none is shipped under that name.
     *
     * @throws IllegalStateException when the shipped file does not read as a catalog (a build that ships a broken file)
     */
    public static List<InstanceType> read(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                return List.of();
            }
            return CatalogReader.read(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CatalogFormatException e) {
            throw new IllegalStateException("the shipped catalog " + resource + " is malformed: " + e.getMessage(), e);
        }
    }
}
