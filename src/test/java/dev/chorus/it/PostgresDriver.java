package dev.chorus.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipFile;

/**
 * The PostgreSQL JDBC driver jar for a server that needs it outside the WAR (WildFly's module): the
 * very jar the WAR ships in WEB-INF/lib, copied out, as server-config/wildfly/README.md shows an
 * operator ({@code -Dit.postgresql.jar=PATH} names another).
 */
final class PostgresDriver {
  private PostgresDriver() {}

  static Path jar(Path war, Path dir) {
    var given = System.getProperty("it.postgresql.jar");
    if (given != null) {
      return Path.of(given).toAbsolutePath();
    }
    try (var zip = new ZipFile(war.toFile())) {
      var entry =
          zip.stream()
              .filter(e -> e.getName().matches("WEB-INF/lib/postgresql-[^/]*\\.jar"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          war + " has no WEB-INF/lib/postgresql-*.jar to install on the server"));
      var name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
      var target = Files.createDirectories(dir).resolve(name).toAbsolutePath();
      try (var in = zip.getInputStream(entry)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
