package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.api.dto.Problem;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server's {@code /openapi} document (MicroProfile OpenAPI, from the annotations) describes
 * every JAX-RS resource method in the WAR, with success and problem responses ({@link
 * OpenApiCoverage}); an endpoint added without annotations fails this test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiIT {
  private final TestClient client = new TestClient();

  @Test
  void everyResourceMethodIsDescribedWithItsErrors() throws IOException {
    var text = OpenApiCoverage.fetch(client.http(), ChorusServer.https());
    // Kept for reading: what the server published.
    Files.writeString(Path.of("target", "openapi-payara-micro.json"), text);
    var doc = OpenApiCoverage.parse(text);
    var endpoints = OpenApiCoverage.endpoints();
    assertTrue(endpoints.size() > 30, "the scan found the resources: " + endpoints);
    var gaps = OpenApiCoverage.gaps(doc, endpoints);
    assertTrue(gaps.isEmpty(), String.join("\n", gaps) + "\nin " + doc);
    assertEquals("Chorus", doc.getJsonObject("info").getString("title"));
  }

  /** The problem schema is spelled out in ChorusApplication: it must name the record's members. */
  @Test
  void theProblemSchemaIsTheProblemRecord() {
    var doc = OpenApiCoverage.parse(OpenApiCoverage.fetch(client.http(), ChorusServer.https()));
    var schema = doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem");
    assertEquals(
        Arrays.stream(Problem.class.getRecordComponents())
            .map(RecordComponent::getName)
            .collect(Collectors.toSet()),
        schema.getJsonObject("properties").keySet());
  }
}
