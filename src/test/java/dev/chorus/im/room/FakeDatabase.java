package dev.chorus.im.room;

import dev.chorus.im.account.Account;
import dev.chorus.im.account.AccountService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The few database operations the room services use, kept in a map, with transactions that can be
 * made to fail at commit (restoring the map as a rollback would). Queries answer "nothing" (empty
 * lists, counts of 0), which is all these tests need. For unit tests of what happens around a
 * commit; the real database is exercised by the ITs.
 */
final class FakeDatabase {
  private Map<String, Object> rows = new HashMap<>();
  private int writes;

  final EntityManager em =
      (EntityManager)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {EntityManager.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "find" -> rows.get(key((Class<?>) args[0], args[1]));
                    case "persist" -> {
                      writes++;
                      rows.put(key(args[0].getClass(), field(args[0], "id")), args[0]);
                      yield null;
                    }
                    case "remove" -> {
                      writes++;
                      rows.remove(key(args[0].getClass(), field(args[0], "id")));
                      yield null;
                    }
                    case "contains" -> true;
                    case "flush" -> null;
                    case "createQuery" -> emptyQuery();
                    default -> throw new UnsupportedOperationException(method.getName());
                  });

  /** Transactions over this database; {@code inside} tells whether one is open now. */
  final class Transactions extends InTransaction {
    boolean inside;
    boolean failNextCommit;
    boolean failNextWritingCommit;
    int writesInFailedCommit;

    @Override
    public <T> T call(java.util.function.Supplier<T> work) {
      var before = new HashMap<>(rows);
      int writesBefore = writes;
      inside = true;
      try {
        var result = work.get();
        boolean wrote = writes > writesBefore;
        if (failNextCommit || (failNextWritingCommit && wrote)) {
          failNextCommit = false;
          failNextWritingCommit = false;
          writesInFailedCommit = writes - writesBefore;
          rows = before;
          throw new IllegalStateException("commit failed (simulated): rolled back");
        }
        return result;
      } catch (RuntimeException e) {
        rows = before;
        throw e;
      } finally {
        inside = false;
      }
    }

    @Override
    public void run(Runnable work) {
      call(
          () -> {
            work.run();
            return null;
          });
    }
  }

  /** Accounts by username and id, from this database's rows. */
  final class Accounts extends AccountService {
    @Override
    public Optional<Account> findByUsername(String username) {
      return rows.values().stream()
          .filter(r -> r instanceof Account a && a.username().equals(username))
          .map(Account.class::cast)
          .findFirst();
    }

    @Override
    public Optional<Account> findById(String id) {
      return Optional.ofNullable((Account) rows.get(key(Account.class, id)));
    }
  }

  Account account(String name) {
    try {
      var ctor = Account.class.getDeclaredConstructor();
      ctor.setAccessible(true);
      var a = ctor.newInstance();
      set(a, "id", "id-" + name);
      set(a, "username", name);
      set(a, "displayName", name);
      rows.put(key(Account.class, a.id()), a);
      return a;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  void put(Object entity) {
    rows.put(key(entity.getClass(), field(entity, "id")), entity);
  }

  boolean has(Class<?> type, Object id) {
    return rows.containsKey(key(type, id));
  }

  static void set(Object target, String name, Object value) {
    try {
      Field f = findField(target.getClass(), name);
      f.setAccessible(true);
      f.set(target, value);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Object field(Object target, String name) {
    try {
      Field f = findField(target.getClass(), name);
      f.setAccessible(true);
      return f.get(target);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Field findField(Class<?> type, String name) throws NoSuchFieldException {
    for (var c = type; c != null; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(name);
  }

  private static String key(Class<?> type, Object id) {
    return type.getSimpleName() + ":" + id;
  }

  private static TypedQuery<?> emptyQuery() {
    return (TypedQuery<?>)
        Proxy.newProxyInstance(
            FakeDatabase.class.getClassLoader(),
            new Class<?>[] {TypedQuery.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "setParameter", "setMaxResults" -> proxy;
                  case "getResultList" -> List.of();
                  case "getResultStream" -> Stream.empty();
                  case "getSingleResult" -> 0L;
                  case "executeUpdate" -> 0;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
