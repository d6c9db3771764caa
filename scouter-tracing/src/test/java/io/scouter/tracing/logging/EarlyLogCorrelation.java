package io.scouter.tracing.logging;

import io.scouter.tracing.internal.log.LogCorrelation;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs the log correlation hook when the test JVM's launcher session opens, as an application's entry point does
 * by touching {@code ScouterTracing} first: some tests use OpenTelemetry's context before any Scouter class, and the
 * storage wrapper must come before that first use.
 */
public class EarlyLogCorrelation implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    LogCorrelation.install();
  }
}
