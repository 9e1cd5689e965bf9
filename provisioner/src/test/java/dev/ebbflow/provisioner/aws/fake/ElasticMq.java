package dev.ebbflow.provisioner.aws.fake;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An in-process ElasticMQ on loopback for the interruption queue, and a client that plays EventBridge (sends) and inspects the queue. */
public final class ElasticMq implements AutoCloseable {

    private final SQSRestServer server;
    private final SqsClient client;
    private final URI endpoint;

    public ElasticMq() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion(Ec2World.REGION).start();
        endpoint = URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
        client = SqsClient.builder().region(Region.of(Ec2World.REGION)).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Creates the queue with that visibility timeout and returns its URL. */
    public String createQueue(String name, int visibilityTimeoutSeconds) {
        return client.createQueue(b -> b.queueName(name).attributesWithStrings(
                java.util.Map.of("VisibilityTimeout", String.valueOf(visibilityTimeoutSeconds)))).queueUrl();
    }

    public void send(String queueUrl, String body) {
        client.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
    }

    /** Messages on the queue, visible or being handled. */
    public int messages(String queueUrl) {
        var attributes = client.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("ApproximateNumberOfMessages",
                "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return Integer.parseInt(attributes.get("ApproximateNumberOfMessages")) + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        client.close();
        // Not stopAndWait: that waits for in-flight requests, and a consumer's long poll may hold one for 20 s.
        server.stopAndGetFuture().apply();
    }
}
