package dev.chorus.api.dto;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/**
 * A page of the audit log, the same shape as {@link Page}. Its own type because JSON-B applies
 * {@link AuditEntryView}'s serializer only when it knows the element type, which the generic {@code
 * Page<T>} does not tell it on every server.
 */
@JsonbNillable
public record AuditPage(List<AuditEntryView> items, String nextCursor) {}
