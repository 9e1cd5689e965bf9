package dev.ebbflow.scalers.sqs;

import java.net.URI;
import java.time.Duration;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An in-process ElasticMQ on loopback (real HTTP, the SQS JSON protocol), and an SDK client that
 * plays the queue's producers and consumers in tests. Can be stopped and started again on the same
 * port to play an outage.
 */
final class ElasticMq implements AutoCloseable {

    static final String REGION = "eu-west-1";

    private SQSRestServer server;
    private final int port;
    private SqsClient client;

    private ElasticMq(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static ElasticMq start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion(REGION).start();
        return new ElasticMq(server, server.waitUntilStarted().localAddress().getPort());
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    /** A producer/consumer client, unrelated to the clients of the scalers under test. */
    synchronized SqsClient client() {
        if (client == null) {
            client = SqsClient.builder()
                    .region(Region.of(REGION))
                    .endpointOverride(endpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(5)))
                    .build();
        }
        return client;
    }

    /** Creates the queue and returns its URL. */
    String createQueue(String name) {
        return client().createQueue(b -> b.queueName(name)).queueUrl();
    }

    void stop() {
        server.stopAndWait();
    }

    /** Starts again on the same port, empty: queues must be created again. */
    void restart() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port).withAWSRegion(REGION).start();
        server.waitUntilStarted();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        server.stopAndWait();
    }
}
