package dev.chorus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

/** The coverage check itself: it finds the resources and reports what a document leaves out. */
class OpenApiCoverageTest {

  @Test
  void findsResourceMethodsWithTheirFullPaths() {
    var endpoints = OpenApiCoverage.endpoints();
    var names = endpoints.stream().map(e -> e.httpMethod() + " " + e.path()).toList();
    assertTrue(names.contains("post /api/sessions"), names.toString());
    assertTrue(names.contains("delete /api/rooms/{id}/bans/{username}"), names.toString());
    assertTrue(names.contains("get /api/admin/media"), names.toString());
    var providers =
        endpoints.stream().filter(e -> e.path().equals("/api/auth/providers")).findFirst();
    assertTrue(providers.isPresent());
    assertTrue(!providers.get().canFail() && !providers.get().authenticated());
    var me = endpoints.stream().filter(e -> e.path().equals("/api/accounts/me")).findFirst();
    assertTrue(me.orElseThrow().authenticated());
  }

  @Test
  void reportsEveryUndocumentedMethodAndMissingProblemResponse() {
    var endpoints = OpenApiCoverage.endpoints();
    var problemRef = Json.createObjectBuilder().add("$ref", "#/components/schemas/Problem");
    var doc =
        Json.createObjectBuilder()
            .add(
                "paths",
                Json.createObjectBuilder()
                    .add(
                        "/api/sessions",
                        Json.createObjectBuilder()
                            .add(
                                "post",
                                Json.createObjectBuilder()
                                    .add("summary", "Log in")
                                    .add("tags", Json.createArrayBuilder().add("sessions"))
                                    .add(
                                        "responses",
                                        Json.createObjectBuilder()
                                            .add(
                                                "201",
                                                Json.createObjectBuilder()
                                                    .add(
                                                        "content",
                                                        Json.createObjectBuilder()
                                                            .add(
                                                                "application/json",
                                                                Json.createObjectBuilder()
                                                                    .add("schema", problemRef))))
                                            .add(
                                                "400",
                                                Json.createObjectBuilder()
                                                    .add("description", "bad"))))))
            .add(
                "components",
                Json.createObjectBuilder()
                    .add(
                        "schemas",
                        Json.createObjectBuilder()
                            .add(
                                "Problem",
                                Json.createObjectBuilder()
                                    .add(
                                        "properties",
                                        Json.createObjectBuilder()
                                            .add("status", JsonValue.EMPTY_JSON_OBJECT)
                                            .add("title", JsonValue.EMPTY_JSON_OBJECT)
                                            .add("detail", JsonValue.EMPTY_JSON_OBJECT)))))
            .build();
    var gaps = OpenApiCoverage.gaps(doc, endpoints);
    assertTrue(
        gaps.contains(
            "POST /api/sessions (SessionResource.login): no 4xx response with the problem body"),
        String.join("\n", gaps));
    assertEquals(endpoints.size(), gaps.size(), String.join("\n", gaps));
  }
}
