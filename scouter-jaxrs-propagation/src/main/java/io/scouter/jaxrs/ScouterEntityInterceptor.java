package io.scouter.jaxrs;

import io.scouter.jaxrs.internal.JaxrsRuntime;
import io.scouter.jaxrs.internal.ServerFilters;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;

/**
 * Ends the SERVER span after the response entity is written (so the span covers serialization and a failure while
 * writing is recorded), and, with {@code scouter.jaxrs.capture-body=true}, captures the request entity as
 * {@code scouter.tracing.input} and the response entity as {@code scouter.tracing.output}, with the same JSON
 * serialization and truncation as {@code ActiveSpan.setInput}/{@code setOutput}.
 *
 * <pre>{@code
 * # microprofile-config.properties
 * scouter.jaxrs.capture-body=true
 * }</pre>
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Priority(ScouterContainerFilter.PRIORITY)
public class ScouterEntityInterceptor implements ReaderInterceptor, WriterInterceptor {

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    Object entity = context.proceed();
    Object request = context.getProperty(ServerFilters.PROPERTY);
    if (request != null && JaxrsRuntime.settings().captureBody()) {
      ServerFilters.input(request, entity);
    }
    return entity;
  }

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    Object request = context.getProperty(ServerFilters.PROPERTY);
    if (request == null) {
      context.proceed();
      return;
    }
    if (JaxrsRuntime.settings().captureBody()) {
      ServerFilters.output(request, context.getEntity());
    }
    try {
      context.proceed();
    } catch (IOException | RuntimeException | Error e) {
      ServerFilters.writeFailed(request, e);
      throw e;
    } finally {
      ServerFilters.written(request);
    }
  }
}
