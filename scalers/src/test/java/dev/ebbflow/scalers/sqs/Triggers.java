package dev.ebbflow.scalers.sqs;

import dev.ebbflow.scalers.TriggerConfig;
import java.util.HashMap;
import java.util.Map;

/** Builds aws-sqs-queue TriggerConfigs for tests. */
final class Triggers {

    static final String ACCESS_KEY_ID = "AKIATESTKEY0001";
    static final String SECRET = "wJalrXUtnFEMI-very-secret-key";
    static final String TOKEN = "FwoGZXIvYXdzE-session-token-value";

    private final Map<String, String> metadata = new HashMap<>();
    private final Map<String, String> auth = new HashMap<>();
    private String provider;
    private int index;

    static Triggers trigger() {
        return new Triggers();
    }

    /** A trigger with static test keys, as most tests against ElasticMQ use. */
    static Triggers withKeys() {
        return trigger().auth("awsAccessKeyID", ACCESS_KEY_ID).auth("awsSecretAccessKey", SECRET);
    }

    Triggers meta(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    Triggers auth(String key, String value) {
        auth.put(key, value);
        return this;
    }

    Triggers provider(String provider) {
        this.provider = provider;
        return this;
    }

    Triggers index(int index) {
        this.index = index;
        return this;
    }

    TriggerConfig build() {
        return new TriggerConfig(index, SqsScalerFactory.TYPE, null, metadata, auth, provider, null);
    }
}
