package io.scouter.jaxrs.internal;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.AsyncInvoker;
import jakarta.ws.rs.client.CompletionStageRxInvoker;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.InvocationCallback;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * {@link AsyncInvoker} of a traced builder, implemented on the builder's {@code rx()} invoker: the returned future (a
 * {@link CompletableFuture}) and the callback see the same results and exceptions as the runtime's own async invoker,
 * and the CLIENT span ends with the exception of a failed request. Cancelling the future does not abort the HTTP
 * exchange. Not a public API.
 */
final class TracedAsyncInvoker implements AsyncInvoker {
  private final Invocation.Builder builder;

  TracedAsyncInvoker(Invocation.Builder builder) {
    this.builder = builder;
  }

  @SuppressWarnings("unchecked")
  private <T> Future<T> call(String method, Entity<?> entity, GenericType<T> type) {
    CallHook hook = TracedClients.prepare(builder);
    CompletionStageRxInvoker rx = builder.rx();
    CompletionStage<T> stage;
    try {
      if (type == null) {
        stage = (CompletionStage<T>) (entity == null ? rx.method(method) : rx.method(method, entity));
      } else {
        stage = entity == null ? rx.method(method, type) : rx.method(method, entity, type);
      }
    } catch (RuntimeException e) {
      hook.failed(e);
      throw e;
    }
    CompletableFuture<T> f = stage.toCompletableFuture();
    f.whenComplete((v, e) -> {
      if (e != null) {
        hook.failed(e);
      }
    });
    return f;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private <T> Future<T> call(String method, Entity<?> entity, InvocationCallback<T> callback) {
    Type t = callbackType(callback);
    GenericType<T> type = t == Response.class ? null : new GenericType<>(t);
    CompletableFuture<T> f = (CompletableFuture<T>) call(method, entity, type);
    return f.whenComplete((v, e) -> {
      if (e == null) {
        callback.completed(v);
      } else {
        Throwable cause = ClientCall.unwrap(e);
        callback.failed(cause instanceof ProcessingException || cause instanceof WebApplicationException
            ? (RuntimeException) cause : new ProcessingException(cause));
      }
    });
  }

  /** The callback's {@code T}, as the JAX-RS runtimes resolve it; {@link Response} when it cannot be resolved. */
  static Type callbackType(InvocationCallback<?> callback) {
    for (Class<?> k = callback.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
      for (Type i : k.getGenericInterfaces()) {
        if (i instanceof ParameterizedType && ((ParameterizedType) i).getRawType() == InvocationCallback.class) {
          Type arg = ((ParameterizedType) i).getActualTypeArguments()[0];
          if (arg instanceof Class || arg instanceof ParameterizedType) {
            return arg;
          }
        }
      }
    }
    return Response.class;
  }

  @Override
  public Future<Response> get() {
    return call("GET", null, (GenericType<Response>) null);
  }

  @Override
  public <T> Future<T> get(Class<T> responseType) {
    return call("GET", null, new GenericType<>(responseType));
  }

  @Override
  public <T> Future<T> get(GenericType<T> responseType) {
    return call("GET", null, responseType);
  }

  @Override
  public <T> Future<T> get(InvocationCallback<T> callback) {
    return call("GET", null, callback);
  }

  @Override
  public Future<Response> put(Entity<?> entity) {
    return call("PUT", entity, (GenericType<Response>) null);
  }

  @Override
  public <T> Future<T> put(Entity<?> entity, Class<T> responseType) {
    return call("PUT", entity, new GenericType<>(responseType));
  }

  @Override
  public <T> Future<T> put(Entity<?> entity, GenericType<T> responseType) {
    return call("PUT", entity, responseType);
  }

  @Override
  public <T> Future<T> put(Entity<?> entity, InvocationCallback<T> callback) {
    return call("PUT", entity, callback);
  }

  @Override
  public Future<Response> post(Entity<?> entity) {
    return call("POST", entity, (GenericType<Response>) null);
  }

  @Override
  public <T> Future<T> post(Entity<?> entity, Class<T> responseType) {
    return call("POST", entity, new GenericType<>(responseType));
  }

  @Override
  public <T> Future<T> post(Entity<?> entity, GenericType<T> responseType) {
    return call("POST", entity, responseType);
  }

  @Override
  public <T> Future<T> post(Entity<?> entity, InvocationCallback<T> callback) {
    return call("POST", entity, callback);
  }

  @Override
  public Future<Response> delete() {
    return call("DELETE", null, (GenericType<Response>) null);
  }

  @Override
  public <T> Future<T> delete(Class<T> responseType) {
    return call("DELETE", null, new GenericType<>(responseType));
  }

  @Override
  public <T> Future<T> delete(GenericType<T> responseType) {
    return call("DELETE", null, responseType);
  }

  @Override
  public <T> Future<T> delete(InvocationCallback<T> callback) {
    return call("DELETE", null, callback);
  }

  @Override
  public Future<Response> head() {
    return call("HEAD", null, (GenericType<Response>) null);
  }

  @Override
  public Future<Response> head(InvocationCallback<Response> callback) {
    return call("HEAD", null, callback);
  }

  @Override
  public Future<Response> options() {
    return call("OPTIONS", null, (GenericType<Response>) null);
  }

  @Override
  public <T> Future<T> options(Class<T> responseType) {
    return call("OPTIONS", null, new GenericType<>(responseType));
  }

  @Override
  public <T> Future<T> options(GenericType<T> responseType) {
    return call("OPTIONS", null, responseType);
  }

  @Override
  public <T> Future<T> options(InvocationCallback<T> callback) {
    return call("OPTIONS", null, callback);
  }

  @Override
  public Future<Response> trace() {
    return call("TRACE", null, (GenericType<Response>) null);
  }

  @Override
  public <T> Future<T> trace(Class<T> responseType) {
    return call("TRACE", null, new GenericType<>(responseType));
  }

  @Override
  public <T> Future<T> trace(GenericType<T> responseType) {
    return call("TRACE", null, responseType);
  }

  @Override
  public <T> Future<T> trace(InvocationCallback<T> callback) {
    return call("TRACE", null, callback);
  }

  @Override
  public Future<Response> method(String name) {
    return call(name, null, (GenericType<Response>) null);
  }

  @Override
  public <T> Future<T> method(String name, Class<T> responseType) {
    return call(name, null, new GenericType<>(responseType));
  }

  @Override
  public <T> Future<T> method(String name, GenericType<T> responseType) {
    return call(name, null, responseType);
  }

  @Override
  public <T> Future<T> method(String name, InvocationCallback<T> callback) {
    return call(name, null, callback);
  }

  @Override
  public Future<Response> method(String name, Entity<?> entity) {
    return call(name, entity, (GenericType<Response>) null);
  }

  @Override
  public <T> Future<T> method(String name, Entity<?> entity, Class<T> responseType) {
    return call(name, entity, new GenericType<>(responseType));
  }

  @Override
  public <T> Future<T> method(String name, Entity<?> entity, GenericType<T> responseType) {
    return call(name, entity, responseType);
  }

  @Override
  public <T> Future<T> method(String name, Entity<?> entity, InvocationCallback<T> callback) {
    return call(name, entity, callback);
  }
}
