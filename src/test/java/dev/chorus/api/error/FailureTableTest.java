package dev.chorus.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chorus.im.chat.ChatRules;
import dev.chorus.im.common.AuthenticationException;
import dev.chorus.im.common.ConflictException;
import dev.chorus.im.common.DomainException;
import dev.chorus.im.common.Failure;
import dev.chorus.im.common.ForbiddenException;
import dev.chorus.im.common.NotFoundException;
import dev.chorus.im.common.OverloadedException;
import dev.chorus.im.common.ThrottledException;
import dev.chorus.im.common.ValidationException;
import dev.chorus.signaling.SocketError;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The one table from domain failure to what clients see: every kind of failure has an HTTP status,
 * every {@link DomainException} subclass has a kind, and REST and the socket show the same code.
 */
class FailureTableTest {
  /** One instance of every subclass of the sealed {@link DomainException}, with its kind. */
  private static final Map<Class<? extends DomainException>, DomainException> SAMPLES =
      Map.of(
          ValidationException.class, new ValidationException("text", "Too long."),
          AuthenticationException.class, new AuthenticationException("Log in first."),
          ForbiddenException.class, new ForbiddenException("Not yours."),
          NotFoundException.class, new NotFoundException("No such room."),
          ConflictException.class, new ConflictException("Taken."),
          ThrottledException.class, new ThrottledException("Slow down.", Duration.ofSeconds(3)),
          OverloadedException.class,
              new OverloadedException("Busy, try again.", Duration.ofSeconds(1)));

  private static final Map<Failure, Integer> STATUS =
      new EnumMap<>(
          Map.of(
              Failure.BAD_REQUEST, 400,
              Failure.UNAUTHORIZED, 401,
              Failure.FORBIDDEN, 403,
              Failure.NOT_FOUND, 404,
              Failure.CONFLICT, 409,
              Failure.RATE_LIMITED, 429,
              Failure.UNAVAILABLE, 503));

  @Test
  void everyDomainExceptionSubclassHasAnEntry() {
    Set<Class<?>> permitted = Set.of(DomainException.class.getPermittedSubclasses());
    assertEquals(permitted, SAMPLES.keySet(), "add a sample for every new DomainException");
  }

  @Test
  void everyKindHasItsStatus() {
    assertEquals(Set.of(Failure.values()), STATUS.keySet());
    for (var kind : Failure.values()) {
      assertEquals(STATUS.get(kind), FailureStatus.of(kind), kind.name());
    }
  }

  @Test
  void eachSubclassKeepsItsStatusAndRestAndSocketShowTheSameCode() {
    var expected =
        Map.of(
            ValidationException.class, 400,
            AuthenticationException.class, 401,
            ForbiddenException.class, 403,
            NotFoundException.class, 404,
            ConflictException.class, 409,
            ThrottledException.class, 429,
            OverloadedException.class, 503);
    for (var e : all()) {
      assertEquals(
          expected.get(e.getClass()), FailureStatus.of(e.failure()), e.getClass().getName());
      assertEquals(e.failure().code(), e.code(), "without a specific code, the kind's");
      var socket = SocketError.of("r-1", e).toJson();
      assertEquals(e.code(), socket.getString("code"));
      assertEquals("r-1", socket.getString("id"));
      assertEquals(e.getMessage(), socket.getString("message"));
    }
  }

  @Test
  void aSpecificCodeIsTheSameOnBothEdgesAndKeepsItsKindsStatus() {
    List<DomainException> specific =
        List.of(
            new ForbiddenException("wrong_password", "Wrong password."),
            new NotFoundException("unknown_user", "There is no user 'x'."),
            new ConflictException("already_in_call", "You are already in a call."),
            new ValidationException("invalid_message", "text", "A message cannot be empty."));
    for (var e : specific) {
      assertEquals(e.code(), SocketError.of(null, e).code());
    }
    assertEquals(403, FailureStatus.of(specific.get(0).failure()));
    assertEquals(404, FailureStatus.of(specific.get(1).failure()));
    assertEquals(409, FailureStatus.of(specific.get(2).failure()));
    assertEquals(400, FailureStatus.of(specific.get(3).failure()));
  }

  @Test
  void aChatTextThatBreaksTheRulesIsAnInvalidMessageOnBothEdges() {
    var e = assertThrows(ValidationException.class, () -> ChatRules.text(" "));
    assertEquals(400, FailureStatus.of(e.failure()));
    assertEquals("invalid_message", e.code(), "the code of the REST problem body");
    var socket = SocketError.of("c-3", e).toJson();
    assertEquals("invalid_message", socket.getString("code"));
    assertEquals(e.getMessage(), socket.getString("message"));
  }

  @Test
  void codesAreDistinctPerKindAndLookLikeCodes() {
    var codes = Arrays.stream(Failure.values()).map(Failure::code).collect(Collectors.toSet());
    assertEquals(Failure.values().length, codes.size());
    assertThrows(IllegalArgumentException.class, () -> new ConflictException("Bad Code", "x"));
  }

  private static List<DomainException> all() {
    return List.copyOf(SAMPLES.values());
  }
}
