package dev.chorus.signaling;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The context class loader a socket send runs under: the application's own, except that it lists no
 * Jakarta Concurrency thread-context providers.
 *
 * <p>Why: the container re-arms its WebSocket idle timer on its managed scheduler for every frame
 * it sends (even with the idle timeout off), and Payara's context capture for that timer looks up
 * {@code ThreadContextProvider}s with {@link java.util.ServiceLoader} on the context class loader:
 * a walk through every jar of the server and the application, per frame. That was 45 % of the drain
 * threads' CPU while a message went to 1,000 occupants (bench/README.md, "Room fan-out"). A send
 * needs no such provider: the frame is already text. Every class and every other resource still
 * comes from the application's loader (the parent; this loader defines nothing), so whatever else
 * runs inside a send behaves as before.
 */
final class SendClassLoader extends ClassLoader {
  private static final String PROVIDERS = "META-INF/services/jakarta.enterprise.concurrent.spi.";

  // One per application loader, made on first use; it refers only to this application's own loader
  // (which loaded this class), so it cannot keep an undeployed application alive.
  private static volatile SendClassLoader last;

  SendClassLoader(ClassLoader application) {
    super(application);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return name.startsWith(PROVIDERS) ? Collections.emptyEnumeration() : super.getResources(name);
  }

  /** A send that may throw {@link IOException}. */
  interface Send {
    void run() throws IOException;
  }

  /** Runs {@code send} with a {@code SendClassLoader} over the current context loader. */
  static void around(Send send) throws IOException {
    var thread = Thread.currentThread();
    var before = thread.getContextClassLoader();
    if (before == null || before instanceof SendClassLoader) {
      send.run();
      return;
    }
    var loader = last;
    if (loader == null || loader.getParent() != before) {
      loader = new SendClassLoader(before);
      last = loader;
    }
    thread.setContextClassLoader(loader);
    try {
      send.run();
    } finally {
      thread.setContextClassLoader(before);
    }
  }
}
