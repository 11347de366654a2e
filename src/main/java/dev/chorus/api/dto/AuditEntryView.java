package dev.chorus.api.dto;

import dev.chorus.im.audit.AuditEntry;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import java.time.Instant;

/**
 * One audit log entry. {@code actor} is null for anonymous events (a failed login); it names the
 * account as it was then. {@code target}, {@code detail} and {@code address} may be null; every
 * member is always written, nulls included.
 */
@JsonbTypeSerializer(AuditEntryView.Writer.class)
public record AuditEntryView(
    long id, Instant at, Actor actor, String action, String target, String detail, String address) {
  /** Who acted. */
  public record Actor(String id, String username, String displayName) {}

  public static AuditEntryView of(AuditEntry e) {
    var a = e.actor();
    return new AuditEntryView(
        e.id(),
        e.at(),
        a == null ? null : new Actor(a.id(), a.username(), a.displayName()),
        e.action(),
        e.target(),
        e.detail(),
        e.address());
  }

  /**
   * Writes the entry by hand: Yasson 3 leaves out a null of an object type even under
   * {@code @JsonbNillable}, and readers of the log rely on {@code "actor": null}.
   */
  public static final class Writer implements JsonbSerializer<AuditEntryView> {
    @Override
    public void serialize(AuditEntryView e, JsonGenerator g, SerializationContext ctx) {
      g.writeStartObject();
      g.write("id", e.id());
      g.write("at", e.at().toString());
      if (e.actor() == null) {
        g.writeNull("actor");
      } else {
        g.writeStartObject("actor");
        text(g, "id", e.actor().id());
        text(g, "username", e.actor().username());
        text(g, "displayName", e.actor().displayName());
        g.writeEnd();
      }
      text(g, "action", e.action());
      text(g, "target", e.target());
      text(g, "detail", e.detail());
      text(g, "address", e.address());
      g.writeEnd();
    }

    private static void text(JsonGenerator g, String name, String value) {
      if (value == null) {
        g.writeNull(name);
      } else {
        g.write(name, value);
      }
    }
  }
}
