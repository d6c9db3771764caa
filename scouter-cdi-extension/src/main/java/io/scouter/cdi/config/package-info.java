/**
 * The configuration machinery shared by Scouter's modules: {@link io.scouter.cdi.config.ConfigKey} (one key, its kind
 * and allowed values, validated with an error naming the key and never echoing a secret),
 * {@link io.scouter.cdi.config.ConfigLookup} (MicroProfile Config, else system properties and environment),
 * {@link io.scouter.cdi.config.PerApplication} (settings parsed once per application) and the tracer's snapshot
 * {@link io.scouter.cdi.config.ScouterSettings}. Each module declares and parses its own keys here:
 * {@code scouter-jaxrs-propagation} the {@code scouter.jaxrs.*} and {@code scouter.propagation} keys,
 * {@code scouter-queue-cdi} the {@code scouter.queue.*} keys, the Quarkus extension reads the snapshot.
 *
 * <p>For Scouter's own modules and integrations, not for applications: applications configure the library with the
 * {@code scouter.*} keys or the builders of {@code io.scouter.tracing}; these types may change between minor versions.
 *
 * <pre>{@code
 * static final ConfigKey CAPTURE_BODY = ConfigKey.bool("scouter.jaxrs.capture-body");
 * static final PerApplication<MySettings> SETTINGS =
 *     new PerApplication<>(List.of(CAPTURE_BODY), List.of(), List.of(), MySettings::read);
 * }</pre>
 */
package io.scouter.cdi.config;
