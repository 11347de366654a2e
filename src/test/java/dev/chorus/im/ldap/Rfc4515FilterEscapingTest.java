package dev.chorus.im.ldap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Escaping of assertion values, checked against the examples of RFC 4515 section 4. */
class Rfc4515FilterEscapingTest {
  @Test
  void theRfcExamplesWithSpecialCharacters() {
    assertEquals(
        "(o=Parens R Us \\28for all your parenthetical needs\\29)",
        LdapFilter.format("(o={0})", "Parens R Us (for all your parenthetical needs)"));
    assertEquals("(cn=*\\2a*)", "(cn=*" + LdapFilter.escape("*") + "*)");
    assertEquals("(filename=C:\\5cMyFile)", LdapFilter.format("(filename={0})", "C:\\MyFile"));
    assertEquals(
        "(bin=\\00\\00\\00\\04)", LdapFilter.format("(bin={0})", "\0\0\0\u0004"), "NUL escaped");
  }

  @Test
  void nonAsciiPassesAsUtf8WhichIsWhatTheRfcsEscapedFormMeans() {
    // RFC 4515: (sn=Lu\c4\8di\c4\87) is "Lučić"; JNDI sends our unescaped form as UTF-8.
    var ours = LdapFilter.escape("Lu\u010di\u0107");
    assertArrayEquals(unescape("Lu\\c4\\8di\\c4\\87"), ours.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyValueRoundTripsAndNoSpecialCharacterSurvives() {
    for (var value :
        new String[] {"*", "bob)(uid=*", "a\\b", "(|(uid=*))", "x\0y", "plain", "", "é*(é)"}) {
      var escaped = LdapFilter.escape(value);
      assertFalse(escaped.matches(".*[()*\\x00].*"), escaped);
      assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), unescape(escaped), value);
    }
  }

  @Test
  void everyPlaceholderIsFilledAndATemplateWithoutOneIsRefused() {
    assertEquals("(|(uid=a\\2a)(mail=a\\2a))", LdapFilter.format("(|(uid={0})(mail={0}))", "a*"));
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new LdapSettings(
                    "ldap://localhost",
                    Optional.empty(),
                    Optional.empty(),
                    "dc=x",
                    "(uid=bob)",
                    "uid",
                    "cn",
                    "entryUUID",
                    Optional.empty(),
                    Optional.empty(),
                    "member",
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)));
    assertEquals(true, e.getMessage().contains("{0}"));
  }

  /** The bytes an RFC 4515 value encoding stands for: each \XX is one byte, the rest UTF-8. */
  private static byte[] unescape(String escaped) {
    var out = new ByteArrayOutputStream();
    for (int i = 0; i < escaped.length(); ) {
      if (escaped.charAt(i) == '\\') {
        out.write(HexFormat.fromHexDigits(escaped, i + 1, i + 3));
        i += 3;
      } else {
        int cp = escaped.codePointAt(i);
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
      }
    }
    return out.toByteArray();
  }
}
