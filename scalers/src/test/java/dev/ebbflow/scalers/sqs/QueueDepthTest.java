package dev.ebbflow.scalers.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES;
import static software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED;
import static software.amazon.awssdk.services.sqs.model.QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class QueueDepthTest {

    private static final Map<QueueAttributeName, String> ANSWER = Map.of(
            APPROXIMATE_NUMBER_OF_MESSAGES, "10", APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "4", APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "2");

    @Test
    void sumsWhatEachFlagAdds() {
        assertThat(QueueDepth.value(ANSWER, false, false)).isEqualTo(10);
        assertThat(QueueDepth.value(ANSWER, true, false)).isEqualTo(14);
        assertThat(QueueDepth.value(ANSWER, false, true)).isEqualTo(12);
        assertThat(QueueDepth.value(ANSWER, true, true)).isEqualTo(16);
    }

    @Test
    void asksOnlyForTheAttributesItAdds() {
        assertThat(QueueDepth.attributes(false, false)).containsExactly(APPROXIMATE_NUMBER_OF_MESSAGES);
        assertThat(QueueDepth.attributes(true, false)).containsExactly(APPROXIMATE_NUMBER_OF_MESSAGES, APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
        assertThat(QueueDepth.attributes(false, true)).containsExactly(APPROXIMATE_NUMBER_OF_MESSAGES, APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
    }

    @Test
    void aMissingOrMalformedCountIsNamed() {
        assertThatThrownBy(() -> QueueDepth.value(Map.of(APPROXIMATE_NUMBER_OF_MESSAGES, "1"), true, false))
                .hasMessageContaining("ApproximateNumberOfMessagesNotVisible");
        assertThatThrownBy(() -> QueueDepth.value(Map.of(APPROXIMATE_NUMBER_OF_MESSAGES, "many"), false, false))
                .hasMessage("ApproximateNumberOfMessages is not a count: 'many'");
        assertThatThrownBy(() -> QueueDepth.value(Map.of(APPROXIMATE_NUMBER_OF_MESSAGES, "-1"), false, false))
                .hasMessageContaining("not a count");
    }
}
