package dev.ebbflow.scalers.rabbitmq;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;

/**
 * A loopback TCP forwarder in front of the broker: {@link #stop()} is a broker outage (every
 * connection dropped, new ones refused), {@link #start()} brings it back on the same port. With an
 * SSL server socket factory it terminates TLS, so amqps/https can be tested against the plain broker.
 * {@link #pause()} is a hung broker or network: connections stay up but no byte gets through until
 * {@link #resume()}; {@link #pauseConnection(int)} hangs only one of them.
 */
final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocketFactory sockets;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Object pauseLock = new Object();
    private boolean paused; // guarded by pauseLock
    private final Set<Integer> pausedConnections = new HashSet<>(); // guarded by pauseLock
    private volatile ServerSocket server;
    private int port;

    TcpProxy(String targetHost, int targetPort, ServerSocketFactory sockets) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.sockets = sockets;
        start();
    }

    int port() {
        return port;
    }

    /** Client connections accepted and forwarded so far. */
    int accepted() {
        return accepted.get();
    }

    void pause() {
        synchronized (pauseLock) {
            paused = true;
        }
    }

    /** Hangs the {@code n}th connection accepted (from 1), both ways, leaving the others flowing. */
    void pauseConnection(int n) {
        synchronized (pauseLock) {
            pausedConnections.add(n);
        }
    }

    void resume() {
        synchronized (pauseLock) {
            paused = false;
            pausedConnections.clear();
            pauseLock.notifyAll();
        }
    }

    private void awaitResumed(int connection) throws IOException {
        synchronized (pauseLock) {
            while (paused || pausedConnections.contains(connection)) {
                try {
                    pauseLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while paused", e);
                }
            }
        }
    }

    synchronized void start() throws IOException {
        ServerSocket s = sockets.createServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = s.getLocalPort();
        server = s;
        Thread acceptor = new Thread(() -> accept(s), "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    synchronized void stop() {
        resume();
        closeQuietly(server);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                int connection = track(s, client, upstream);
                if (connection == 0) {
                    continue;
                }
                pump(connection, client, upstream);
                pump(connection, upstream, client);
            } catch (IOException e) {
                // server socket closed by stop(), or one connection failed: keep accepting while open
            }
        }
    }

    /**
     * Registers a forwarded connection unless {@link #stop()} ran since it was accepted: a connection
     * that slipped past the outage would keep the "broker" reachable.
     *
     * @return the connection's number in accept order (from 1), or 0 when it was dropped
     */
    private synchronized int track(ServerSocket acceptedBy, Socket client, Socket upstream) {
        if (acceptedBy.isClosed() || acceptedBy != server) {
            closeQuietly(client);
            closeQuietly(upstream);
            return 0;
        }
        open.add(client);
        open.add(upstream);
        return accepted.incrementAndGet();
    }

    private void pump(int connection, Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    awaitResumed(connection);
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close the other below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // closing is best effort
        }
    }

    @Override
    public void close() {
        stop();
    }
}
