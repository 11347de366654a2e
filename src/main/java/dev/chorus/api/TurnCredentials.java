package dev.chorus.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials in the form coturn's {@code use-auth-secret} checks (the "TURN REST
 * API", draft-uberti-behave-turn-rest-00 §2.2): username {@code <unix expiry>:<user id>}, password
 * {@code base64(HMAC-SHA1(secret, username))}. Nothing is stored: coturn recomputes the HMAC.
 */
public record TurnCredentials(String username, String credential) {
  public static TurnCredentials mint(String secret, String userId, Instant expiresAt) {
    var username = expiresAt.getEpochSecond() + ":" + userId;
    try {
      var mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      var digest = mac.doFinal(username.getBytes(StandardCharsets.UTF_8));
      return new TurnCredentials(username, Base64.getEncoder().encodeToString(digest));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
    }
  }
}
