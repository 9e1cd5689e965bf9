package dev.ebbflow.scalers.servicebus;

import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.models.QueueProperties;
import com.azure.messaging.servicebus.administration.models.QueueRuntimeProperties;
import com.azure.messaging.servicebus.administration.models.SubscriptionProperties;
import com.azure.messaging.servicebus.administration.models.SubscriptionRuntimeProperties;
import dev.ebbflow.scalers.RefCountedPool;
import dev.ebbflow.scalers.ScalerException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the active message count (dead-lettered, scheduled and transfer messages excluded) of the
 * trigger's queue or subscription from the runtime properties the administration API reports; with
 * a regex, lists the queues (or the topic's subscriptions), whose feed entries carry the same
 * counts, and combines the matching ones.
 */
final class ActiveMessageReader implements AutoCloseable {

    private final ServiceBusMetadata metadata;
    private final RefCountedPool<AdministrationClientPool.Key, ServiceBusAdministrationClient>.Lease lease;

    ActiveMessageReader(ServiceBusMetadata metadata, RefCountedPool<AdministrationClientPool.Key, ServiceBusAdministrationClient>.Lease lease) {
        this.metadata = metadata;
        this.lease = lease;
    }

    double read() throws ScalerException {
        ServiceBusAdministrationClient client = lease.client();
        try {
            if (!metadata.useRegex()) {
                return metadata.isQueue()
                        ? client.getQueueRuntimeProperties(metadata.queueName()).getActiveMessageCount()
                        : client.getSubscriptionRuntimeProperties(metadata.topicName(), metadata.subscriptionName()).getActiveMessageCount();
            }
            List<Double> counts = new ArrayList<>();
            if (metadata.isQueue()) {
                for (QueueProperties q : client.listQueues()) {
                    if (metadata.namePattern().matcher(q.getName()).find()) {
                        counts.add((double) new QueueRuntimeProperties(q).getActiveMessageCount());
                    }
                }
            } else {
                for (SubscriptionProperties s : client.listSubscriptions(metadata.topicName())) {
                    if (metadata.namePattern().matcher(s.getSubscriptionName()).find()) {
                        counts.add((double) new SubscriptionRuntimeProperties(s).getActiveMessageCount());
                    }
                }
            }
            return metadata.operation().apply(counts);
        } catch (RuntimeException e) {
            throw new ScalerException(ServiceBusErrors.describe(e, metadata));
        }
    }

    @Override
    public void close() {
        lease.close();
    }
}
