package dev.ebbflow.operator.metricsapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where the request-header CA comes from: the CA that signs the aggregator's client certificate
 * ({@code requestheader-client-ca-file} of configmap {@code kube-system/extension-apiserver-authentication}).
 * Read on every check, so a rotated CA is honoured without a restart.
 */
@FunctionalInterface
public interface ClientCaSource {
    List<X509Certificate> certificates();

    /** A PEM bundle on disk, re-read when its modification time changes. */
    static ClientCaSource fromFile(Path path) {
        return new ClientCaSource() {
            private volatile long readAt = Long.MIN_VALUE;
            private volatile List<X509Certificate> cached = List.of();

            @Override
            public List<X509Certificate> certificates() {
                try {
                    long modified = Files.getLastModifiedTime(path).toMillis();
                    if (modified != readAt) {
                        cached = PemCertificates.parse(Files.readString(path), path.toString());
                        readAt = modified;
                    }
                    return cached;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read client CA file " + path, e);
                }
            }
        };
    }

    /** A PEM bundle supplied in memory, e.g. by the operator's informer on the configmap. */
    static ClientCaSource fromPem(Supplier<String> pem) {
        return new ClientCaSource() {
            // Parsed once per distinct bundle: the supplier is asked on every request.
            private volatile String parsedText;
            private volatile List<X509Certificate> parsed = List.of();

            @Override
            public List<X509Certificate> certificates() {
                String text = pem.get();
                if (!text.equals(parsedText)) {
                    parsed = PemCertificates.parse(text, "requestheader-client-ca-file");
                    parsedText = text;
                }
                return parsed;
            }
        };
    }
}
