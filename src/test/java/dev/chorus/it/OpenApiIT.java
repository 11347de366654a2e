package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void everyResourceMethodIsDescribedWithItsErrors() {
    var reply = client.get("openapi?format=JSON", null);
    assertEquals(200, reply.status(), reply.text());
    var doc = reply.json();
    var endpoints = OpenApiCoverage.endpoints();
    assertTrue(endpoints.size() > 30, "the scan found the resources: " + endpoints);
    var gaps = OpenApiCoverage.gaps(doc, endpoints);
    assertTrue(gaps.isEmpty(), String.join("\n", gaps) + "\nin " + doc.getJsonObject("paths"));
  }
}
