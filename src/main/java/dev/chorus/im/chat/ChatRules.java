package dev.chorus.im.chat;

import dev.chorus.im.common.ValidationException;

/** What a valid message looks like. */
public final class ChatRules {
  /** The machine code of a message that breaks these rules, the same on REST and the socket. */
  public static final String INVALID = "invalid_message";

  public static final int MAX_TEXT = 4000;
  public static final int MAX_CLIENT_ID = 64;

  private ChatRules() {}

  /**
   * Checks a message text; returns it unchanged (white space inside is the author's choice).
   *
   * @throws ValidationException if it is missing, blank or too long
   */
  public static String text(String text) {
    if (text == null || text.isBlank()) {
      throw new ValidationException(INVALID, "text", "A message cannot be empty.");
    }
    if (text.codePointCount(0, text.length()) > MAX_TEXT) {
      throw new ValidationException(
          INVALID, "text", "A message can be at most " + MAX_TEXT + " characters long.");
    }
    return text;
  }

  /** Checks an optional client message id. */
  public static String clientMessageId(String id) {
    if (id != null && (id.isEmpty() || id.length() > MAX_CLIENT_ID)) {
      throw new ValidationException(
          INVALID,
          "clientMessageId",
          "clientMessageId must be 1 to " + MAX_CLIENT_ID + " characters.");
    }
    return id;
  }
}
