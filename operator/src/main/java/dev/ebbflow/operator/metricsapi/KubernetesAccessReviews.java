package dev.ebbflow.operator.metricsapi;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authorization.v1.NonResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpecBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Asks the API server about callers: SubjectAccessReviews (authorization.k8s.io/v1) and TokenReviews (authentication.k8s.io/v1). */
public final class KubernetesAccessReviews implements DelegatedAuthorizer.AccessReviewer, TokenAuthenticator.TokenReviewer {
    private final KubernetesClient client;

    public KubernetesAccessReviews(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public DelegatedAuthorizer.Decision review(UserInfo user, RequestAttributes attributes) {
        SubjectAccessReview answer = client.authorization().v1().subjectAccessReview().create(subjectAccessReview(user, attributes));
        SubjectAccessReviewStatus status = answer == null ? null : answer.getStatus();
        if (status == null) {
            // An answer without status allows nothing: fail closed.
            return DelegatedAuthorizer.Decision.deny("the SubjectAccessReview came back without a status");
        }
        String reason = status.getReason() == null ? "" : status.getReason();
        boolean allowed = Boolean.TRUE.equals(status.getAllowed()) && !Boolean.TRUE.equals(status.getDenied());
        return allowed ? DelegatedAuthorizer.Decision.allow(reason) : DelegatedAuthorizer.Decision.deny(reason);
    }

    @Override
    public Optional<UserInfo> review(String token) {
        TokenReview answer = client.authentication().v1().tokenReviews()
                .create(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
        TokenReviewStatus status = answer == null ? null : answer.getStatus();
        if (status == null || !Boolean.TRUE.equals(status.getAuthenticated()) || status.getUser() == null || status.getUser().getUsername() == null) {
            return Optional.empty();
        }
        var user = status.getUser();
        return Optional.of(new UserInfo(user.getUsername(), user.getUid(),
                user.getGroups() == null ? List.of() : user.getGroups(),
                user.getExtra() == null ? Map.of() : user.getExtra()));
    }

    /** The review Kubernetes' delegated authorizer would send for this caller and request. */
    static SubjectAccessReview subjectAccessReview(UserInfo user, RequestAttributes attributes) {
        SubjectAccessReviewSpecBuilder spec = new SubjectAccessReviewSpecBuilder()
                .withUser(user.name())
                .withGroups(user.groups())
                .withExtra(user.extra().isEmpty() ? null : user.extra());
        if (!user.uid().isEmpty()) {
            spec.withUid(user.uid());
        }
        if (attributes instanceof RequestAttributes.Resource resource) {
            spec.withResourceAttributes(new ResourceAttributesBuilder()
                    .withGroup(resource.group()).withVersion(resource.version()).withResource(resource.resource())
                    .withSubresource(emptyToNull(resource.subresource())).withName(emptyToNull(resource.name()))
                    .withNamespace(emptyToNull(resource.namespace())).withVerb(resource.verb())
                    .build());
        } else if (attributes instanceof RequestAttributes.NonResource nonResource) {
            spec.withNonResourceAttributes(new NonResourceAttributesBuilder().withPath(nonResource.path()).withVerb(nonResource.verb()).build());
        }
        return new SubjectAccessReviewBuilder().withSpec(spec.build()).build();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
