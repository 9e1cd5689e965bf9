package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The current {@link Compilation} of every known ScaledObject, built once per generation and shared
 * by the reconciler, the scale loop and the external metrics API. A new generation replaces (and
 * closes) the scalers of the previous one; {@link #remove} closes them for good.
 */
public final class CompiledScaledObjects implements AutoCloseable {

    private final ScaledObjectCompiler compiler;
    private final ConcurrentMap<ScaledObjectKey, Compilation> byKey = new ConcurrentHashMap<>();

    public CompiledScaledObjects(ScaledObjectCompiler compiler) {
        this.compiler = compiler;
    }

    /** The compilation of this generation of {@code so}, built now if the cached one is older (or absent). */
    public Compilation get(ScaledObject so) {
        long generation = so.getMetadata().getGeneration() == null ? 0 : so.getMetadata().getGeneration();
        ScaledObjectKey key = ScaledObjectKey.of(so);
        Compilation cached = byKey.get(key);
        if (cached != null && cached.generation() >= generation) {
            return cached;
        }
        return byKey.compute(key, (k, previous) -> {
            // An informer that lags behind may still hand out an older generation: never go back to it.
            if (previous != null && previous.generation() >= generation) {
                return previous;
            }
            if (previous != null && previous.valid()) {
                previous.compiled().close();
            }
            return compiler.compile(so);
        });
    }

    /**
     * Like {@link #get}, but checks an invalid ScaledObject again even at the same generation: what made
     * it invalid may lie outside it (a TriggerAuthentication, a Secret, the scale target's environment).
     */
    public Compilation refresh(ScaledObject so) {
        Compilation cached = get(so);
        return cached.valid() ? cached : recompile(so);
    }

    /**
     * Compiles {@code so} again even when the cached compilation is valid and of the same generation:
     * a Secret or TriggerAuthentication it read has changed, so its scalers (and the pooled connections
     * they hold, keyed by credentials) must be rebuilt. The replaced scalers are closed.
     */
    public Compilation recompile(ScaledObject so) {
        ScaledObjectKey key = ScaledObjectKey.of(so);
        Compilation fresh = compiler.compile(so);
        return byKey.compute(key, (k, previous) -> {
            // An informer that lags behind may hand out an older generation: never go back to it.
            boolean keepPrevious = previous != null && previous.generation() > fresh.generation();
            if (keepPrevious) {
                if (fresh.valid()) {
                    fresh.compiled().close();
                }
                return previous;
            }
            if (previous != null && previous.valid()) {
                previous.compiled().close();
            }
            return fresh;
        });
    }

    /** Forgets the ScaledObject and closes its scalers. */
    public void remove(ScaledObjectKey key) {
        Compilation previous = byKey.remove(key);
        if (previous != null && previous.valid()) {
            previous.compiled().close();
        }
    }

    public int size() {
        return byKey.size();
    }

    @Override
    public void close() {
        byKey.keySet().forEach(this::remove);
    }
}
