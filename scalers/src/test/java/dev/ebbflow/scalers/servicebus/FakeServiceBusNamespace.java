package dev.ebbflow.scalers.servicebus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of the Service Bus management API (ATOM over HTTPS) that the administration client uses
 * to read runtime properties, as Microsoft documents it: GET /{queue}, GET /{topic}/subscriptions/{sub},
 * the /$Resources/queues and /{topic}/Subscriptions feeds, shared access signature checks (401), and
 * scripted errors (404, 429/503 with Retry-After). A GET of an unknown queue answers as the service
 * does: 200 with an empty feed.
 */
final class FakeServiceBusNamespace implements AutoCloseable {

    static final String API_VERSION = "2021-05";
    static final String KEY_NAME = "RootManageSharedAccessKey";

    /** CountDetails of one queue or subscription. */
    record Counts(int active, int deadLetter, int scheduled, int transfer, int transferDeadLetter) {
        int total() {
            return active + deadLetter + scheduled + transfer + transferDeadLetter;
        }
    }

    /** One request as received. */
    record Request(String method, String path, Map<String, String> query, String authorization) {
    }

    /** A scripted answer; {@code stallMillis} > 0 delays it, as a hung namespace would. */
    private record Scripted(int status, String retryAfter, String body, long stallMillis) {
    }

    private static final Pattern SAS = Pattern.compile("SharedAccessSignature sr=([^&]+)&sig=([^&]+)&se=(\\d+)&skn=([^&]+)");

    private final HttpsServer server;
    private final String key;
    private final Map<String, Counts> queues = new LinkedHashMap<>();
    private final Map<String, Map<String, Counts>> topics = new LinkedHashMap<>();
    private final Deque<Scripted> scripted = new ArrayDeque<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    /** An Azure AD access token the namespace accepts, as a workload identity would present it. */
    volatile String acceptedAadToken;

    FakeServiceBusNamespace(SelfSignedTls tls, String key) throws IOException {
        this.key = key;
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.server));
        server.createContext("/", this::handle);
        // Several handler threads, so a stalled answer does not hold up the retry that follows it.
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String authority() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String connectionString() {
        return "Endpoint=sb://" + authority() + "/;SharedAccessKeyName=" + KEY_NAME + ";SharedAccessKey=" + key;
    }

    synchronized void queue(String name, Counts counts) {
        queues.put(name, counts);
    }

    synchronized void subscription(String topic, String name, Counts counts) {
        topics.computeIfAbsent(topic, t -> new LinkedHashMap<>()).put(name, counts);
    }

    /** The next {@code times} requests get this status and body (an {@code <Error>} document). */
    synchronized void fail(int status, String retryAfter, String detail, int times) {
        for (int i = 0; i < times; i++) {
            scripted.add(new Scripted(status, retryAfter, error(status, detail), 0));
        }
    }

    /** The next {@code times} requests are answered (with a 500) only after {@code stallMillis}. */
    synchronized void stall(long stallMillis, int times) {
        for (int i = 0; i < times; i++) {
            scripted.add(new Scripted(500, null, error(500, "late"), stallMillis));
        }
    }

    synchronized void clearScript() {
        scripted.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(exchange.getRequestMethod(), path, query, authorization));
            Scripted next;
            synchronized (this) {
                next = scripted.poll();
            }
            if (next != null) {
                if (next.stallMillis > 0) {
                    try {
                        Thread.sleep(next.stallMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (next.retryAfter != null) {
                    exchange.getResponseHeaders().add("Retry-After", next.retryAfter);
                }
                send(exchange, next.status, "application/xml; charset=utf-8", next.body);
                return;
            }
            if (!validSignature(authorization)) {
                send(exchange, 401, "application/xml; charset=utf-8",
                        error(401, "InvalidSignature: The token has an invalid signature. TrackingId:fake"));
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "application/xml; charset=utf-8", error(405, "only GET is served here"));
                return;
            }
            answer(exchange, decode(path.substring(1)), query);
        }
    }

    private synchronized void answer(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        String base = "https://" + authority() + "/";
        String[] parts = path.split("/");
        if (path.equalsIgnoreCase("$Resources/queues")) {
            List<String> entries = new ArrayList<>();
            page(new ArrayList<>(queues.keySet()), query).forEach(q -> entries.add(queueEntry(base, q, queues.get(q))));
            send(exchange, 200, "application/atom+xml;type=feed;charset=utf-8", feed(base + "$Resources/Queues", "Queues", entries));
        } else if (parts.length == 2 && parts[1].equalsIgnoreCase("subscriptions")) {
            Map<String, Counts> subs = topics.get(parts[0]);
            if (subs == null) {
                send(exchange, 404, "application/xml; charset=utf-8", error(404, "Entity 'fake:Topic:" + parts[0] + "' was not found."));
                return;
            }
            List<String> entries = new ArrayList<>();
            page(new ArrayList<>(subs.keySet()), query).forEach(s -> entries.add(subscriptionEntry(base, parts[0], s, subs.get(s))));
            send(exchange, 200, "application/atom+xml;type=feed;charset=utf-8", feed(base + parts[0] + "/Subscriptions", "Subscriptions", entries));
        } else if (parts.length == 3 && parts[1].equalsIgnoreCase("subscriptions")) {
            Map<String, Counts> subs = topics.get(parts[0]);
            Counts c = subs == null ? null : subs.get(parts[2]);
            if (c == null) {
                send(exchange, 404, "application/xml; charset=utf-8",
                        error(404, "Entity 'fake:Topic:" + parts[0] + "|" + parts[2] + "' was not found."));
                return;
            }
            send(exchange, 200, "application/atom+xml;type=entry;charset=utf-8", subscriptionEntry(base, parts[0], parts[2], c));
        } else if (parts.length == 1 && queues.containsKey(parts[0])) {
            send(exchange, 200, "application/atom+xml;type=entry;charset=utf-8", queueEntry(base, parts[0], queues.get(parts[0])));
        } else {
            // What the service answers for an entity that does not exist: an empty feed, not a 404.
            send(exchange, 200, "application/atom+xml;type=feed;charset=utf-8", feed(base + path, "Publicly Listed Services", List.of()));
        }
    }

    private static List<String> page(List<String> names, Map<String, String> query) {
        int skip = Integer.parseInt(query.getOrDefault("$skip", "0"));
        int top = Integer.parseInt(query.getOrDefault("$top", "100"));
        return names.subList(Math.min(skip, names.size()), Math.min(skip + top, names.size()));
    }

    /** Checks the token as Service Bus does: HMAC-SHA256 of "<sr>\n<se>" with the named key, not expired. */
    private boolean validSignature(String authorization) {
        if (authorization == null) {
            return false;
        }
        if (acceptedAadToken != null && authorization.equals("Bearer " + acceptedAadToken)) {
            return true;
        }
        Matcher m = SAS.matcher(authorization);
        if (!m.matches() || !KEY_NAME.equals(decode(m.group(4)))) {
            return false;
        }
        long expiry = Long.parseLong(m.group(3));
        if (expiry < System.currentTimeMillis() / 1000) {
            return false;
        }
        String expected = SharedAccessSignatureCredential.sign(decode(m.group(1)), KEY_NAME, key, expiry);
        return expected.equals(authorization);
    }

    private static String feed(String id, String title, List<String> entries) {
        return "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"text\">" + title + "</title><id>" + id
                + "</id><updated>2026-11-25T10:00:00Z</updated><link rel=\"self\" href=\"" + id + "\"/>"
                + String.join("", entries) + "</feed>";
    }

    private static String queueEntry(String base, String name, Counts c) {
        return "<entry xmlns=\"http://www.w3.org/2005/Atom\"><id>" + base + name + "?api-version=" + API_VERSION + "</id>"
                + "<title type=\"text\">" + name + "</title><published>2026-11-25T09:00:00Z</published><updated>2026-11-25T09:00:00Z</updated>"
                + "<author><name>fake</name></author><link rel=\"self\" href=\"" + base + name + "?api-version=" + API_VERSION + "\"/>"
                + "<content type=\"application/xml\"><QueueDescription xmlns=\"http://schemas.microsoft.com/netservices/2010/10/servicebus/connect\""
                + " xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<LockDuration>PT1M</LockDuration><MaxSizeInMegabytes>1024</MaxSizeInMegabytes>"
                + "<RequiresDuplicateDetection>false</RequiresDuplicateDetection><RequiresSession>false</RequiresSession>"
                + "<DefaultMessageTimeToLive>P14D</DefaultMessageTimeToLive><DeadLetteringOnMessageExpiration>false</DeadLetteringOnMessageExpiration>"
                + "<DuplicateDetectionHistoryTimeWindow>PT10M</DuplicateDetectionHistoryTimeWindow><MaxDeliveryCount>10</MaxDeliveryCount>"
                + "<EnableBatchedOperations>true</EnableBatchedOperations><SizeInBytes>" + (c.total() * 100) + "</SizeInBytes>"
                + "<MessageCount>" + c.total() + "</MessageCount><IsAnonymousAccessible>false</IsAnonymousAccessible><AuthorizationRules/>"
                + "<Status>Active</Status><CreatedAt>2026-11-25T09:00:00Z</CreatedAt><UpdatedAt>2026-11-25T09:00:00Z</UpdatedAt>"
                + "<AccessedAt>2026-11-25T09:30:00Z</AccessedAt><SupportOrdering>true</SupportOrdering>"
                + countDetails(c)
                + "<AutoDeleteOnIdle>P10675199DT2H48M5.4775807S</AutoDeleteOnIdle><EnablePartitioning>false</EnablePartitioning>"
                + "<EntityAvailabilityStatus>Available</EntityAvailabilityStatus><EnableExpress>false</EnableExpress>"
                + "</QueueDescription></content></entry>";
    }

    private static String subscriptionEntry(String base, String topic, String name, Counts c) {
        String self = base + topic + "/subscriptions/" + name + "?api-version=" + API_VERSION;
        return "<entry xmlns=\"http://www.w3.org/2005/Atom\"><id>" + self + "</id><title type=\"text\">" + name + "</title>"
                + "<published>2026-11-25T09:00:00Z</published><updated>2026-11-25T09:00:00Z</updated>"
                + "<link rel=\"self\" href=\"" + self + "\"/>"
                + "<content type=\"application/xml\"><SubscriptionDescription xmlns=\"http://schemas.microsoft.com/netservices/2010/10/servicebus/connect\""
                + " xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<LockDuration>PT1M</LockDuration><RequiresSession>false</RequiresSession><DefaultMessageTimeToLive>P14D</DefaultMessageTimeToLive>"
                + "<DeadLetteringOnMessageExpiration>false</DeadLetteringOnMessageExpiration>"
                + "<DeadLetteringOnFilterEvaluationExceptions>true</DeadLetteringOnFilterEvaluationExceptions>"
                + "<MessageCount>" + c.total() + "</MessageCount><MaxDeliveryCount>10</MaxDeliveryCount>"
                + "<EnableBatchedOperations>true</EnableBatchedOperations><Status>Active</Status>"
                + "<CreatedAt>2026-11-25T09:00:00Z</CreatedAt><UpdatedAt>2026-11-25T09:00:00Z</UpdatedAt><AccessedAt>2026-11-25T09:30:00Z</AccessedAt>"
                + countDetails(c)
                + "<AutoDeleteOnIdle>P10675199DT2H48M5.4775807S</AutoDeleteOnIdle><EntityAvailabilityStatus>Available</EntityAvailabilityStatus>"
                + "</SubscriptionDescription></content></entry>";
    }

    private static String countDetails(Counts c) {
        return "<CountDetails xmlns:d2p1=\"http://schemas.microsoft.com/netservices/2011/06/servicebus\">"
                + "<d2p1:ActiveMessageCount>" + c.active + "</d2p1:ActiveMessageCount>"
                + "<d2p1:DeadLetterMessageCount>" + c.deadLetter + "</d2p1:DeadLetterMessageCount>"
                + "<d2p1:ScheduledMessageCount>" + c.scheduled + "</d2p1:ScheduledMessageCount>"
                + "<d2p1:TransferMessageCount>" + c.transfer + "</d2p1:TransferMessageCount>"
                + "<d2p1:TransferDeadLetterMessageCount>" + c.transferDeadLetter + "</d2p1:TransferDeadLetterMessageCount>"
                + "</CountDetails>";
    }

    private static String error(int code, String detail) {
        return "<Error><Code>" + code + "</Code><Detail>" + detail + "</Detail></Error>";
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return q;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
