package io.scouter.tracing;

/**
 * The configuration of a transport that discards every message, for tests and for running without a Scouter server (the spans still reach
 * local capture and a secondary exporter).
 *
 * <pre>{@code
 * ScouterTracing.initTracer(TracerConfig.builder().serviceName("test").transport(new MockConfig()).build());
 * }</pre>
 */
public final class MockConfig implements TransportConfig {
  /** The transport name, {@value}. */
  public static final String TYPE = "mock";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public String toString() {
    return "MockConfig";
  }
}
