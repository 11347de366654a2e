package dev.chorus.im.stream;

import java.util.Optional;

/**
 * Verifies a long-lived stream credential (a stream key, {@code csk_…}) presented to the WHIP or
 * WHEP endpoint. Implemented by the stream key service; the HTTP edge only asks this.
 */
public interface StreamCredentials {

  /**
   * The grant a secret stands for, or empty when the secret is unknown, malformed or revoked.
   *
   * @param secret the bearer secret as presented, {@code csk_…}
   * @param address the client's address, for throttling and auditing failures
   */
  Optional<StreamGrant> verify(String secret, String address);
}
