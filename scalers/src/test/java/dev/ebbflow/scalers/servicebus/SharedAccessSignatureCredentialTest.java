package dev.ebbflow.scalers.servicebus;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.messaging.servicebus.implementation.ServiceBusSharedKeyCredential;
import dev.ebbflow.testkit.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SharedAccessSignatureCredentialTest {

    private static final String KEY = "c2VjcmV0LWtleQ==";
    private static final Pattern SE = Pattern.compile("&se=(\\d+)");

    /** Our signer must produce, byte for byte, what the SDK's own shared key credential produces. */
    @Test
    void signsExactlyAsTheSdkDoes() {
        ServiceBusSharedKeyCredential sdk = new ServiceBusSharedKeyCredential("RootManageSharedAccessKey", KEY, Duration.ofHours(1));
        String sdkToken = sdk.getTokenSync(new TokenRequestContext().addScopes("https://orders-ns.servicebus.windows.net")).getToken();
        Matcher se = SE.matcher(sdkToken);
        assertThat(se.find()).isTrue();
        String ours = SharedAccessSignatureCredential.sign("https://orders-ns.servicebus.windows.net", "RootManageSharedAccessKey", KEY,
                Long.parseLong(se.group(1)));
        assertThat(ours).isEqualTo(sdkToken);
    }

    @Test
    void tokensAreReusedUntilCloseToExpiryThenResigned() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
        SharedAccessSignatureCredential credential = SharedAccessSignatureCredential.forKey("NS.servicebus.windows.net", "k", KEY, clock);
        AccessToken first = credential.token();
        assertThat(first.getToken()).startsWith("SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net&sig=")
                .endsWith("&se=" + Instant.parse("2026-11-25T11:00:00Z").getEpochSecond() + "&skn=k")
                .doesNotContain(KEY);
        clock.advance(Duration.ofMinutes(50));
        assertThat(credential.token()).isSameAs(first);
        clock.advance(Duration.ofMinutes(6));
        assertThat(credential.token().getToken()).isNotEqualTo(first.getToken());
    }

    @Test
    void readyMadeSignatureIsReturnedAsIs() {
        String sas = "SharedAccessSignature sr=x&sig=y&se=1&skn=z";
        assertThat(SharedAccessSignatureCredential.forSignature(sas, Clock.systemUTC()).token().getToken()).isEqualTo(sas);
    }
}
