package io.scouter.tracing.internal.transport;

import io.scouter.tracing.HttpConfig;
import io.scouter.tracing.TransportConfig;
import io.scouter.tracing.spi.MessageTransport;
import io.scouter.tracing.spi.TransportProvider;

/** The built-in HTTP transport. Not a public API. */
public final class HttpTransportProvider implements TransportProvider {
  @Override
  public String type() {
    return HttpConfig.TYPE;
  }

  @Override
  public String artifact() {
    return "io.scouter:scouter-tracing";
  }

  @Override
  public MessageTransport create(TransportConfig config) {
    return new HttpTransport((HttpConfig) config);
  }
}
