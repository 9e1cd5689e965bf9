/**
 * KEDA's API (group {@code keda.sh}, version {@code v1alpha1}): what ScaledObject and ScaledJob
 * share (triggers, authentication references, conditions). The kinds live in the sub-packages
 * {@code scaledobject}, {@code scaledjob} and {@code auth}.
 *
 * <p>Every default KEDA documents is both a schema default ({@code @Default}, applied by the API
 * server) and a Java field initialiser, so a manifest parsed without the API server (tests, the
 * mock server, the simulator) reads KEDA's default from the plain getter. An explicit {@code null} in
 * a manifest keeps the default, as the API server's defaulting does. Fields without a default
 * stay null and are never written ({@code NON_NULL}). Unknown fields are ignored when reading, so an
 * object written by a newer KEDA schema never stops an informer.
 */
package dev.ebbflow.crds.keda;
