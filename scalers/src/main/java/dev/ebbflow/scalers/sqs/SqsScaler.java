package dev.ebbflow.scalers.sqs;

import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.ScalerReading;
import dev.ebbflow.scalers.SourceScaler;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An {@code aws-sqs-queue} trigger: one GetQueueAttributes call per read, on the client it shares
 * with every trigger of the same region, endpoint and credentials. Nothing but the queue URL is
 * cached between reads, so a source that comes back is read again at the next poll.
 *
 * <p>A trigger that names its queue by bare name has it resolved once with GetQueueUrl (SQS-compatible
 * servers such as ElasticMQ accept only URLs). When the identity may not call GetQueueUrl (KEDA's
 * documented policy grants only GetQueueAttributes), the bare name is sent as the queue URL, as KEDA
 * does, which AWS resolves in the caller's account.
 */
public final class SqsScaler extends SourceScaler {

    private final SqsMetadata metadata;
    private final SqsClientPool.Lease lease;
    private final List<QueueAttributeName> attributes;
    private final String where;
    /** Null until a bare queue name is resolved; two racing first reads both resolve, harmlessly. */
    private volatile String queueUrl;

    SqsScaler(MetricSpec metricSpec, SqsMetadata metadata, SqsClientPool.Lease lease) {
        super(metricSpec);
        this.metadata = metadata;
        this.lease = lease;
        this.attributes = QueueDepth.attributes(metadata.scaleOnInFlight(), metadata.scaleOnDelayed());
        this.queueUrl = metadata.byName() ? null : metadata.queueUrl();
        this.where = metadata.endpoint() != null ? metadata.endpoint().toString() : "region " + metadata.region();
    }

    @Override
    protected ScalerReading readSource() throws ScalerException {
        GetQueueAttributesResponse answer;
        try {
            GetQueueAttributesRequest request = GetQueueAttributesRequest.builder().queueUrl(queueUrl()).attributeNames(attributes).build();
            answer = lease.client().getQueueAttributes(request);
        } catch (SdkException e) {
            throw new ScalerException(SqsErrors.describe(e, metadata, where));
        }
        long value;
        try {
            value = QueueDepth.value(answer.attributes(), metadata.scaleOnInFlight(), metadata.scaleOnDelayed());
        } catch (IllegalArgumentException e) {
            throw new ScalerException("SQS at " + where + " answered GetQueueAttributes for queue '" + metadata.queueName() + "' unexpectedly: "
                    + e.getMessage());
        }
        return aboveActivation(value, metadata.activationQueueLength());
    }

    private String queueUrl() throws ScalerException {
        String url = queueUrl;
        if (url != null) {
            return url;
        }
        try {
            url = lease.client().getQueueUrl(b -> b.queueName(metadata.queueName())).queueUrl();
        } catch (AwsServiceException e) {
            if (!SqsErrors.isUnauthorised(e)) {
                throw e;
            }
            url = metadata.queueName();
        }
        queueUrl = url;
        return url;
    }

    @Override
    protected void release() {
        lease.close();
    }
}
