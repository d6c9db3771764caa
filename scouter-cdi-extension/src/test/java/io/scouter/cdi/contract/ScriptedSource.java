package io.scouter.cdi.contract;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** An iterator whose items (or failure, or end) the test scripts after handing it out. */
final class ScriptedSource implements Iterator<String> {
  static final Object END = new Object();
  private final Deque<Object> script = new ArrayDeque<>();

  ScriptedSource script(Object... steps) {
    for (Object s : steps) {
      script.add(s);
    }
    return this;
  }

  @Override
  public boolean hasNext() {
    Object next = script.peek();
    if (next == null) {
      throw new AssertionError("source read before the test scripted it");
    }
    if (next instanceof RuntimeException) {
      script.poll();
      throw (RuntimeException) next;
    }
    return next != END;
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return (String) script.poll();
  }
}
