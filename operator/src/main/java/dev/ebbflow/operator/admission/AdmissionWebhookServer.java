package dev.ebbflow.operator.admission;

import dev.ebbflow.operator.https.Listener;
import dev.ebbflow.operator.metricsapi.ServingCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validating admission webhook, on its own HTTPS port of every replica (answering needs no Lease).
 * The API server posts an AdmissionReview to one path per kind, as KEDA's webhooks are laid out; the
 * decision runs off the event loop, since it reads from the API server. A decision that fails is a 500,
 * so the webhook's {@code failurePolicy} decides, never a silent allow.
 */
public final class AdmissionWebhookServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdmissionWebhookServer.class);
    /** KEDA's webhook paths, one per kind; any of them takes any of the four kinds. */
    public static final List<String> PATHS = List.of("/validate-keda-sh-v1alpha1-scaledobject", "/validate-keda-sh-v1alpha1-scaledjob",
            "/validate-keda-sh-v1alpha1-triggerauthentication", "/validate-keda-sh-v1alpha1-clustertriggerauthentication");
    /** AdmissionReviews carry whole objects; a ScaledJob's pod template is the largest of them. */
    private static final long MAX_BODY_BYTES = 3L * 1024 * 1024;

    private final Vertx vertx;
    private final Listener listener;
    private final Function<AdmissionReview, Verdict> decision;

    public AdmissionWebhookServer(Vertx vertx, String host, int port, ServingCertificate certificate, Function<AdmissionReview, Verdict> decision) {
        this.vertx = vertx;
        this.listener = new Listener(vertx, "admission webhook", Listener.serverOptions(host, port, certificate.keyCertOptions()));
        this.decision = decision;
    }

    /** Starts listening and returns the bound port. */
    public int start() {
        Router router = Router.router(vertx);
        router.get("/healthz").handler(ctx -> ctx.response().putHeader("content-type", "text/plain").end("ok"));
        for (String path : PATHS) {
            router.post(path).handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES)).handler(this::review);
        }
        return listener.start(router);
    }

    public int port() {
        return listener.port();
    }

    private void review(RoutingContext ctx) {
        AdmissionReview review;
        try {
            review = AdmissionReview.parse(ctx.body().asJsonObject());
        } catch (IllegalArgumentException | DecodeException e) {
            ctx.response().setStatusCode(400).putHeader("content-type", "text/plain").end(e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> decision.apply(review), false).onComplete(result -> {
            if (result.succeeded()) {
                Verdict verdict = result.result();
                if (!verdict.allowed()) {
                    LOG.debug("denied {} {}/{}{}: {}", review.kind(), review.namespace(), review.name(), review.dryRun() ? " (dry run)" : "",
                            verdict.message());
                }
                ctx.response().putHeader("content-type", "application/json").end(review.respond(verdict).toBuffer());
            } else {
                LOG.warn("admission of {} {}/{} failed: {}", review.kind(), review.namespace(), review.name(), result.cause().toString());
                ctx.response().setStatusCode(500).putHeader("content-type", "text/plain")
                        .end("the admission of " + review.kind() + " " + review.name() + " could not be decided");
            }
        });
    }

    @Override
    public void close() {
        listener.close();
    }
}
