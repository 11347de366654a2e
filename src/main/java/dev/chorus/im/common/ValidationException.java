package dev.chorus.im.common;

import java.util.List;

/** Input that breaks the rules; carries one message per offending field. */
public final class ValidationException extends DomainException {
  private final List<FieldError> errors;

  public ValidationException(List<FieldError> errors) {
    super(Failure.BAD_REQUEST, summary(errors));
    this.errors = List.copyOf(errors);
  }

  /** Invalid input with its own machine code, e.g. {@code invalid_message} for a chat text. */
  public ValidationException(String code, String field, String message) {
    super(Failure.BAD_REQUEST, code, message);
    this.errors = List.of(new FieldError(field, message));
  }

  public ValidationException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }

  @Override
  public String title() {
    return "Validation failed";
  }

  private static String summary(List<FieldError> errors) {
    return errors.size() == 1
        ? errors.get(0).message()
        : errors.size() + " fields are invalid: " + errors.stream().map(FieldError::field).toList();
  }
}
