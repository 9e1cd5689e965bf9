package dev.ebbflow.operator.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mixed dispatcher (expectations first, CRUD otherwise; the mock server registers a few
 * expectations of its own, such as {@code /version}) with {@link IndexedCrudDispatcher} for the CRUD part.
 */
final class IndexedMixedDispatcher extends KubernetesMixedDispatcher {

    private final Map<ServerRequest, Queue<ServerResponse>> responses;
    private final IndexedCrudDispatcher crud = new IndexedCrudDispatcher();

    IndexedMixedDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
        super(responses);
        this.responses = responses;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Queue<ServerResponse> expected = responses.get(new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
        if (expected != null && !expected.isEmpty()) {
            return super.dispatch(request);
        }
        return crud.dispatch(request);
    }

    @Override
    public void expectCustomResource(io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext context) {
        super.expectCustomResource(context);
        crud.expectCustomResource(context);
    }

    @Override
    public void reset() {
        super.reset();
        crud.reset();
    }
}
