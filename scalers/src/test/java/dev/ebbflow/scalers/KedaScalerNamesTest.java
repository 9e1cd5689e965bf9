package dev.ebbflow.scalers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.scalers.rabbitmq.RabbitMqScalerFactory;
import dev.ebbflow.scalers.servicebus.ServiceBusScalerFactory;
import dev.ebbflow.scalers.sqs.SqsScalerFactory;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code scaler} label values KEDA writes (its scalers' Go type names), which dashboards match. */
class KedaScalerNamesTest {

    static Stream<Arguments> kedasNames() {
        return Stream.of(
                Arguments.of((Supplier<ScalerFactory>) RabbitMqScalerFactory::new, "rabbitmq", "rabbitMQScaler"),
                Arguments.of((Supplier<ScalerFactory>) SqsScalerFactory::new, "aws-sqs-queue", "awsSqsQueueScaler"),
                Arguments.of((Supplier<ScalerFactory>) ServiceBusScalerFactory::new, "azure-servicebus", "azureServiceBusScaler"));
    }

    @ParameterizedTest(name = "{1} is labelled {2}")
    @MethodSource("kedasNames")
    void eachScalerDeclaresKedasName(Supplier<ScalerFactory> factory, String type, String kedaName) {
        try (ScalerFactory f = factory.get(); ScalerRegistry registry = new ScalerRegistry(List.of(factory.get()))) {
            assertThat(f.type()).isEqualTo(type);
            assertThat(f.kedaScalerName()).isEqualTo(kedaName);
            assertThat(registry.kedaScalerName(type)).isEqualTo(kedaName);
        }
    }

    @Test
    void everyInstalledFactoryHasAName() {
        try (ScalerRegistry registry = ScalerRegistry.loadInstalled()) {
            assertThat(registry.types()).contains("rabbitmq", "aws-sqs-queue", "azure-servicebus");
            assertThat(registry.types()).allSatisfy(t -> assertThat(registry.kedaScalerName(t)).endsWith("Scaler").doesNotContain("-"));
        }
    }

    @Test
    void aFactoryThatDeclaresNoNameGetsOneDerivedFromItsType() {
        ScalerFactory plain = new ScalerFactory() {
            @Override
            public String type() {
                return "my-custom-source";
            }

            @Override
            public Scaler create(TriggerConfig config) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
        assertThat(plain.kedaScalerName()).isEqualTo("myCustomSourceScaler");
    }

    @Test
    void derivedNamesCamelCaseTheTypeAndAnUnknownTypeStillGetsOne() {
        assertThat(ScalerNames.fromType("aws-sqs-queue")).isEqualTo("awsSqsQueueScaler");
        assertThat(ScalerNames.fromType("kafka")).isEqualTo("kafkaScaler");
        assertThat(ScalerNames.fromType("Metrics_API")).isEqualTo("metricsAPIScaler");
        try (ScalerRegistry empty = new ScalerRegistry(List.of())) {
            assertThat(empty.kedaScalerName("redis-streams")).isEqualTo("redisStreamsScaler");
        }
    }
}
