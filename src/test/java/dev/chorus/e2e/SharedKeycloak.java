package dev.chorus.e2e;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Stops the run's shared Keycloak ({@link Keycloak#shared()}) when the test run ends. */
public final class SharedKeycloak implements TestExecutionListener {
  @Override
  public void testPlanExecutionFinished(TestPlan plan) {
    Keycloak.stopShared();
  }
}
