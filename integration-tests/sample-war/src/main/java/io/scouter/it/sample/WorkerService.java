package io.scouter.it.sample;

import io.scouter.cdi.Traced;
import jakarta.enterprise.context.ApplicationScoped;

/** The work handed to another thread: a span labelled {@code worker} whose output is the thread it ran on. */
@ApplicationScoped
@Traced(label = "worker")
public class WorkerService {
  /** Input {@code {"via": ...}}, output the name of the thread that ran it. */
  public String work(String via) {
    return Thread.currentThread().getName();
  }
}
