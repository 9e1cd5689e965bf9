package dev.ebbflow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free loopback ports for servers a test starts. The kernel may hand the same ephemeral port to
 * two sockets opened one after another once the first is closed, so a test that asks for a
 * metrics port and then a webhook port can get one number twice; this class remembers every port
 * it gave out in this JVM and never returns one again.
 */
public final class FreePorts {
    private static final Set<Integer> GIVEN = new HashSet<>();

    private FreePorts() {
    }

    public static synchronized int next() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = probe();
            if (GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port left that this JVM has not already handed out");
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
