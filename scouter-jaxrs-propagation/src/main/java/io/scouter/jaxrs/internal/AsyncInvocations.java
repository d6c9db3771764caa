package io.scouter.jaxrs.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The part of an async client invocation that runs on an executor thread: the caller's context is made current
 * (unless it already is, e.g. when both the RESTEasy thread context and the MicroProfile async interceptor carry it),
 * and the client calls started meanwhile are collected; those still without a response when the invocation is over
 * failed before any response filter ran and end as abandoned. Scopes are closed on the thread that opened them and
 * exits may come in any order. Not a public API.
 */
public final class AsyncInvocations {
  private static final ThreadLocal<Deque<Frame>> FRAMES = new ThreadLocal<>();

  private AsyncInvocations() {}

  /** One entered invocation. */
  public static final class Frame {
    private final Scope scope;
    private final List<ClientCall> calls = new ArrayList<>(1);

    private Frame(Scope scope) {
      this.scope = scope;
    }
  }

  /** Enters an invocation on this thread with the caller's context (may be {@code null}). */
  public static Frame enter(Context captured) {
    Scope scope = captured == null || Context.current() == captured ? null : captured.makeCurrent();
    Frame f = new Frame(scope);
    Deque<Frame> frames = FRAMES.get();
    if (frames == null) {
      frames = new ArrayDeque<>(2);
      FRAMES.set(frames);
    }
    frames.push(f);
    return f;
  }

  /** Leaves the invocation: abandons its pending calls and closes its scope (if this frame opened one). */
  public static void exit(Frame frame) {
    if (frame == null) {
      return;
    }
    Deque<Frame> frames = FRAMES.get();
    if (frames != null) {
      frames.remove(frame);
      if (frames.isEmpty()) {
        FRAMES.remove();
      }
    }
    try {
      for (ClientCall c : frame.calls) {
        c.abandon();
      }
    } finally {
      if (frame.scope != null) {
        frame.scope.close();
      }
    }
  }

  /** Adds the call to the innermost invocation on this thread, if any; returns whether it did. */
  static boolean add(ClientCall call) {
    Deque<Frame> frames = FRAMES.get();
    Frame top = frames == null ? null : frames.peek();
    if (top == null) {
      return false;
    }
    top.calls.add(call);
    return true;
  }
}
