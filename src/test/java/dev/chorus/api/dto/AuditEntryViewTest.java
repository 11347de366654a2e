package dev.chorus.api.dto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Audit entries keep every member on the wire, {@code "actor": null} included. */
class AuditEntryViewTest {
  @Test
  void nullsAreWrittenAndTheActorIsAnObject() throws Exception {
    var at = Instant.parse("2026-12-07T04:00:00Z");
    var anonymous = new AuditEntryView(2, at, null, "login.failed", "who", null, "10.0.0.9");
    var known =
        new AuditEntryView(
            1, at, new AuditEntryView.Actor("i", "ann", "Ann"), "user.disabled", "bob", "x", null);
    try (var jsonb = JsonbBuilder.create()) {
      var text = jsonb.toJson(new AuditPage(List.of(anonymous, known), null));
      var page = Json.createReader(new StringReader(text)).readObject();
      assertTrue(page.isNull("nextCursor"), text);
      var items = page.getJsonArray("items");
      var first = items.getJsonObject(0);
      assertTrue(first.isNull("actor"), text);
      assertTrue(first.isNull("detail"), text);
      assertEquals("2026-12-07T04:00:00Z", first.getString("at"));
      assertEquals(2, first.getInt("id"));
      var second = items.getJsonObject(1);
      assertEquals("ann", second.getJsonObject("actor").getString("username"));
      assertTrue(second.isNull("address"), text);
    }
  }
}
