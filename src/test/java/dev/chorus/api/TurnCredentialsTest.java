package dev.chorus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The TURN REST API credential format that coturn's use-auth-secret recomputes. */
class TurnCredentialsTest {
  @Test
  void usernameIsExpiryColonUserAndPasswordIsBase64HmacSha1() {
    var c =
        TurnCredentials.mint(
            "north-wind-secret", "3f0c2a9e-user", Instant.ofEpochSecond(1_800_000_000L));
    assertEquals("1800000000:3f0c2a9e-user", c.username());
    // Independently computed: base64(hmac_sha1("north-wind-secret", username)).
    assertEquals("fZyY8ExQlJirVBVo+f95pez9deg=", c.credential());
  }
}
