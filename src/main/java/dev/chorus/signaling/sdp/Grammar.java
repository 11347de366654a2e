package dev.chorus.signaling.sdp;

import java.util.ArrayList;
import java.util.List;

/** Lexical rules shared by the SDP line parsers (RFC 8866 §9 ABNF: token, integers, SP). */
final class Grammar {
  private Grammar() {}

  /** RFC 8866 §9 {@code token-char}: visible ASCII except separators. */
  static boolean isTokenChar(char c) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
      return true;
    }
    return "!#$%&'*+-.^_`{|}~".indexOf(c) >= 0;
  }

  static boolean isToken(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** RFC 8839 §5.1 {@code ice-char}: ALPHA / DIGIT / "+" / "/". */
  static boolean isIceChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
      if (!alnum && c != '+' && c != '/') {
        return false;
      }
    }
    return true;
  }

  /** Visible characters only (no SP, no controls): addresses, URIs, free identifiers. */
  static boolean isVisible(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** Text that may stand on one SDP line: no CR, LF or NUL (RFC 8866 §5). */
  static boolean isLineText(String s) {
    return s != null && s.indexOf('\r') < 0 && s.indexOf('\n') < 0 && s.indexOf('\0') < 0;
  }

  static String requireToken(String s, String what) {
    if (!isToken(s)) {
      throw new IllegalArgumentException(what + " is not a token: '" + s + "'");
    }
    return s;
  }

  static String requireVisible(String s, String what) {
    if (!isVisible(s)) {
      throw new IllegalArgumentException(what + " is empty or contains spaces: '" + s + "'");
    }
    return s;
  }

  static String requireLineText(String s, String what) {
    if (!isLineText(s)) {
      throw new IllegalArgumentException(what + " contains a line break or NUL");
    }
    return s;
  }

  static <T> List<T> requireNoNulls(List<T> list, String what) {
    if (list == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    for (T t : list) {
      if (t == null) {
        throw new IllegalArgumentException(what + " contains null");
      }
    }
    return List.copyOf(list);
  }

  /** Decimal digits only (no sign, no spaces), within [min, max]. */
  static long number(String text, String what, long min, long max) throws Malformed {
    if (text == null || text.isEmpty() || text.length() > 19) {
      throw new Malformed(what + " is not a number: '" + text + "'");
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new Malformed(what + " is not a number: '" + text + "'");
      }
      value = value * 10 + (c - '0');
      if (value < 0) {
        throw new Malformed(what + " is out of range: " + text);
      }
    }
    if (value < min || value > max) {
      throw new Malformed(what + " " + text + " is outside " + min + ".." + max);
    }
    return value;
  }

  static int integer(String text, String what, int min, int max) throws Malformed {
    return (int) number(text, what, min, max);
  }

  static String token(String text, String what) throws Malformed {
    if (!isToken(text)) {
      throw new Malformed(what + " is not a token: '" + text + "'");
    }
    return text;
  }

  static String visible(String text, String what) throws Malformed {
    if (!isVisible(text)) {
      throw new Malformed(what + " is empty or contains spaces: '" + text + "'");
    }
    return text;
  }

  /**
   * Splits on SP. RFC 8866 §5 separates fields with exactly one SP; a run of spaces is read as one
   * separator (hand-written and templated SDP has them, and pjsip, Pion and the browsers read them
   * the same way) and the writer puts single spaces back. Text with no field at all is an error.
   */
  static List<String> fields(String text, String what) throws Malformed {
    List<String> out = new ArrayList<>();
    for (String field : text.split(" ")) {
      if (!field.isEmpty()) {
        out.add(field);
      }
    }
    if (out.isEmpty()) {
      throw new Malformed(what + ": empty field (no value)");
    }
    return out;
  }
}
