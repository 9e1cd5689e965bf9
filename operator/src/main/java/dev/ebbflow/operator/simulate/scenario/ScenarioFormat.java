package dev.ebbflow.operator.simulate.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The fields a scenario file may set, for {@link KnownFields} to reject the others; values are
 * untyped here because {@link ScenarioLoader} reads and checks each one (durations may be numbers
 * or strings like {@code 90s}). The scenario format is described in examples/simulations/README.md.
 */
record ScenarioFormat(Object name, Object duration, Object step, Object seed, Object sampleEvery, Cluster cluster, Object catalog,
        List<Object> manifests, List<JsonNode> objects, List<Queue> queues, List<Change> changes) {

    record Cluster(Object podStartupTime, Object nodeBootTime) {
    }

    /** A queue, either with one producer's fields of its own or with a list of producers. */
    record Queue(Object name, Object consumer, Object messagesPerPodPerSecond, Object podStartupTime, Object initialBacklog,
            Object arrivalNoise, List<Producer> producers, List<Arrival> arrivals, Object csv, Object interpolate) {
    }

    /** One of several traces summed on a queue; its name only labels it for the reader of the file. */
    record Producer(Object name, List<Arrival> arrivals, Object csv, Object interpolate) {
    }

    record Arrival(Object at, Object rate, Object rampTo) {
    }

    /** NodePools applied again at a virtual time, as {@code kubectl apply} would. */
    record Change(Object at, List<Object> manifests, List<JsonNode> objects) {
    }
}
