package dev.ebbflow.scalers.rabbitmq;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** PEM fixtures under src/test/resources (a test CA, a server cert for 127.0.0.1/localhost, a client cert and its keys). */
final class TestPem {

    private TestPem() {
    }

    static String read(String name) {
        try (InputStream in = TestPem.class.getResourceAsStream("tls/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource tls/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
