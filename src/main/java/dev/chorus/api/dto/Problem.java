package dev.chorus.api.dto;

import dev.chorus.im.common.FieldError;
import java.util.List;

/**
 * Every error body (RFC 9457 members {@code status}, {@code title}, {@code detail}); {@code errors}
 * lists invalid fields for a 400 and is null (so JSON-B leaves it out) otherwise; {@code code} is a
 * domain failure's machine code, the same the socket's {@code error} carries, and null for the
 * container's own refusals.
 */
public record Problem(
    int status, String title, String detail, List<FieldError> errors, String code) {

  public static Problem of(int status, String title, String detail) {
    return new Problem(status, title, detail, null, null);
  }
}
