package io.scouter.it.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The sample's JAX-RS application under {@code /api}. It lists no classes, so the server scans the WAR, including
 * the {@code @Provider} filters of {@code scouter-jaxrs-propagation} in {@code WEB-INF/lib}.
 */
@ApplicationPath("/api")
public class SampleApplication extends Application {}
