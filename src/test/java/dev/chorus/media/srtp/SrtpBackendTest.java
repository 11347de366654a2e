package dev.chorus.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.jitsi.srtp.crypto.JitsiOpenSslProvider;
import org.junit.jupiter.api.Test;

/** The backend probe reports what jitsi-srtp really uses and runs once. */
class SrtpBackendTest {

  @Test
  void describesTheLoadedImplementationOnce() {
    SrtpBackend.Description description = SrtpBackend.describe();

    assertSame(description, SrtpBackend.describe());
    assertEquals(JitsiOpenSslProvider.isLoaded(), description.nativeOpenSsl());
    assertNotEquals("unavailable", description.aesCtrProvider());
    assertNotEquals("unavailable", description.aesGcmProvider());
    assertNotEquals("unavailable", description.hmacProvider());
  }
}
