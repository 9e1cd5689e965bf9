package dev.ebbflow.provisioner.aws;

import dev.ebbflow.provisioner.cloud.CloudProviderException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance catalog as last read from EC2, read again once older than the refresh period. A read
 * that fails keeps the previous catalog in use (and is retried on the next call), so a throttled or
 * unreachable API does not stop provisioning with what was known.
 */
final class Ec2Catalog {

    private static final Logger LOG = LoggerFactory.getLogger(Ec2Catalog.class);

    private final Ec2CatalogReader reader;
    private final Clock clock;
    private final Duration refresh;
    private Ec2CatalogData data;

    Ec2Catalog(Ec2CatalogReader reader, Clock clock, Duration refresh) {
        this.reader = reader;
        this.clock = clock;
        this.refresh = refresh;
    }

    synchronized Ec2CatalogData data() throws CloudProviderException {
        if (data == null || !clock.instant().isBefore(data.readAt().plus(refresh))) {
            try {
                data = reader.read();
            } catch (CloudProviderException e) {
                if (data == null) {
                    throw e;
                }
                LOG.warn("instance catalog could not be refreshed, keeping the one read at {}: {}", data.readAt(), e.getMessage());
            }
        }
        return data;
    }
}
