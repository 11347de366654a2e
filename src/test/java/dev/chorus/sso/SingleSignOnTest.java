package dev.chorus.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chorus.im.common.AuthenticationException;
import dev.chorus.im.common.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The callback's checks before any code is exchanged: state known, unused, unexpired and from the
 * browser that started it; the provider's errors told apart. The happy path, with a real provider
 * and the account core, is {@code OidcBrowserIT}.
 */
class SingleSignOnTest {
  private static final URI CALLBACK = URI.create("https://chat.example/api/auth/oidc/callback");
  private static FakeProvider provider;

  @BeforeAll
  static void start() {
    provider = new FakeProvider();
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  private static SingleSignOn sso(MutableClock clock) {
    var sso = new SingleSignOn();
    sso.clock = clock;
    sso.configure(Optional.of(OidcClientTest.settings(provider.issuer())));
    return sso;
  }

  /** A started sign-in: its state (from the authorization URL) and the browser's key. */
  record Started(String state, String browserKey) {}

  private static Started begin(SingleSignOn sso) throws SsoException {
    var start = sso.start(CALLBACK);
    var query = FakeProvider.form(start.authorizationUri().getRawQuery());
    return new Started(query.get("state"), start.browserKey());
  }

  static Stream<Arguments> callbacks() {
    return Stream.of(
        Arguments.of(
            "unknown state",
            (BiFunction<Started, MutableClock, Object[]>)
                (s, c) ->
                    new Object[] {
                      new SingleSignOn.Callback("forged", "code", null, null), s.browserKey()
                    },
            SsoFailure.BAD_STATE),
        Arguments.of(
            "no state",
            (BiFunction<Started, MutableClock, Object[]>)
                (s, c) ->
                    new Object[] {
                      new SingleSignOn.Callback(null, "code", null, null), s.browserKey()
                    },
            SsoFailure.BAD_STATE),
        Arguments.of(
            "another browser (no cookie)",
            (BiFunction<Started, MutableClock, Object[]>)
                (s, c) ->
                    new Object[] {new SingleSignOn.Callback(s.state(), "code", null, null), null},
            SsoFailure.BAD_STATE),
        Arguments.of(
            "another browser (other cookie)",
            (BiFunction<Started, MutableClock, Object[]>)
                (s, c) ->
                    new Object[] {
                      new SingleSignOn.Callback(s.state(), "code", null, null), "x".repeat(43)
                    },
            SsoFailure.BAD_STATE),
        Arguments.of(
            "too late",
            (BiFunction<Started, MutableClock, Object[]>)
                (s, c) -> {
                  c.advance(Duration.ofMinutes(11));
                  return new Object[] {
                    new SingleSignOn.Callback(s.state(), "code", null, null), s.browserKey()
                  };
                },
            SsoFailure.EXPIRED),
        Arguments.of(
            "consent denied",
            (BiFunction<Started, MutableClock, Object[]>)
                (s, c) ->
                    new Object[] {
                      new SingleSignOn.Callback(s.state(), null, "access_denied", "User denied"),
                      s.browserKey()
                    },
            SsoFailure.DENIED),
        Arguments.of(
            "provider error",
            (BiFunction<Started, MutableClock, Object[]>)
                (s, c) ->
                    new Object[] {
                      new SingleSignOn.Callback(s.state(), null, "server_error", "oops"),
                      s.browserKey()
                    },
            SsoFailure.PROVIDER_ERROR),
        Arguments.of(
            "neither code nor error",
            (BiFunction<Started, MutableClock, Object[]>)
                (s, c) ->
                    new Object[] {
                      new SingleSignOn.Callback(s.state(), null, null, null), s.browserKey()
                    },
            SsoFailure.PROVIDER_ERROR),
        Arguments.of(
            "code the provider refuses",
            (BiFunction<Started, MutableClock, Object[]>)
                (s, c) ->
                    new Object[] {
                      new SingleSignOn.Callback(s.state(), "stale", null, null), s.browserKey()
                    },
            SsoFailure.INVALID_TOKEN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("callbacks")
  void aBadCallbackIsRefused(
      String name, BiFunction<Started, MutableClock, Object[]> callback, SsoFailure expected)
      throws Exception {
    provider.tokenEndpoint = form -> Map.entry(400, "{\"error\":\"invalid_grant\"}");
    var clock = new MutableClock(Instant.now());
    var sso = sso(clock);
    var started = begin(sso);
    var args = callback.apply(started, clock);
    var e =
        assertThrows(
            SsoException.class,
            () -> sso.finish((SingleSignOn.Callback) args[0], (String) args[1]),
            name);
    assertEquals(expected, e.failure(), e.getMessage());
  }

  @Test
  void aStateIsGoodOnceEvenWhenItsSignInFailed() throws Exception {
    var sso = sso(new MutableClock(Instant.now()));
    var started = begin(sso);
    var denied = new SingleSignOn.Callback(started.state(), null, "access_denied", null);
    assertEquals(
        SsoFailure.DENIED,
        assertThrows(SsoException.class, () -> sso.finish(denied, started.browserKey())).failure());
    var replay = new SingleSignOn.Callback(started.state(), "code", null, null);
    assertEquals(
        SsoFailure.BAD_STATE,
        assertThrows(SsoException.class, () -> sso.finish(replay, started.browserKey())).failure());
  }

  @Test
  void aProviderThatIsDownLeavesNothingPending() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    var sso = new SingleSignOn();
    sso.clock = new MutableClock(Instant.now());
    sso.configure(
        Optional.of(OidcClientTest.settings(URI.create("http://127.0.0.1:" + closedPort))));
    var e = assertThrows(SsoException.class, () -> sso.start(CALLBACK));
    assertEquals(SsoFailure.UNREACHABLE, e.failure());
    assertEquals(0, sso.pendingCount());
  }

  @Test
  void everySignInGetsItsOwnStateAndBrowserKey() throws Exception {
    var sso = sso(new MutableClock(Instant.now()));
    var a = begin(sso);
    var b = begin(sso);
    assertTrue(!a.state().equals(b.state()) && !a.browserKey().equals(b.browserKey()));
  }

  @Test
  void offWithoutConfigurationAndUnknownHandOffCodesAreRefused() {
    var off = new SingleSignOn();
    off.configure(Optional.empty());
    assertEquals(
        SsoFailure.OFF, assertThrows(SsoException.class, () -> off.start(CALLBACK)).failure());
    var sso = sso(new MutableClock(Instant.now()));
    assertThrows(AuthenticationException.class, () -> sso.redeem("x".repeat(43), "y".repeat(43)));
  }
}
