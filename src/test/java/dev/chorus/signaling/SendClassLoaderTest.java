package dev.chorus.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendClassLoaderTest {
  @TempDir Path dir;

  /** An application loader that lists a (broken) thread-context provider and another service. */
  private URLClassLoader application() throws IOException {
    var services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(
        services.resolve(ThreadContextProvider.class.getName()), "com.example.NoSuchProvider\n");
    Files.writeString(services.resolve("com.example.Other"), "com.example.OtherImpl\n");
    return new URLClassLoader(
        new URL[] {dir.toUri().toURL()}, SendClassLoaderTest.class.getClassLoader());
  }

  @Test
  void aSendSeesNoThreadContextProvidersButEveryOtherResourceAndClassOfTheApplication()
      throws Exception {
    try (var app = application()) {
      // The container's lookup on the application loader walks the jars and finds the provider.
      var listed = ServiceLoader.load(ThreadContextProvider.class, app).iterator();
      assertTrue(listed.hasNext());
      assertThrows(ServiceConfigurationError.class, listed::next, "it names a missing class");

      var seen = new AtomicReference<ClassLoader>();
      var thread = Thread.currentThread();
      var before = thread.getContextClassLoader();
      thread.setContextClassLoader(app);
      try {
        SendClassLoader.around(
            () -> {
              var inSend = thread.getContextClassLoader();
              seen.set(inSend);
              assertFalse(
                  ServiceLoader.load(ThreadContextProvider.class, inSend).iterator().hasNext());
              var others = inSend.getResources("META-INF/services/com.example.Other");
              assertEquals(1, Collections.list(others).size());
            });
        assertSame(app, thread.getContextClassLoader(), "restored after the send");
        assertSame(app, seen.get().getParent());
        assertSame(String.class, seen.get().loadClass("java.lang.String"));
        assertSame(SendClassLoaderTest.class, seen.get().loadClass(getClass().getName()));

        assertThrows(
            IOException.class,
            () ->
                SendClassLoader.around(
                    () -> {
                      throw new IOException("send failed");
                    }));
        assertSame(app, thread.getContextClassLoader(), "restored after a failed send");

        SendClassLoader.around(
            () -> assertSame(seen.get(), thread.getContextClassLoader(), "one per application"));
      } finally {
        thread.setContextClassLoader(before);
      }
    }
  }
}
