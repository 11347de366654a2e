package dev.chorus.bench.sockets;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Many tabs on a few HttpClients (each client has one selector thread; their callbacks share one
 * small pool), opened at a bounded pace: at most {@code inFlight} sockets between the upgrade and
 * their {@code welcome}, far below the server's {@code chorus.socket.max-unauthenticated}. Also the
 * accounts and log-ins the benches need, and the small helpers both benches share.
 */
final class Fleet implements AutoCloseable {
  static final String PASSWORD = "socket bench password";
  final Rest rest;
  final Map<String, AtomicLong> countsByType = new ConcurrentHashMap<>();
  final List<Tab> tabs = new java.util.concurrent.CopyOnWriteArrayList<>();
  final List<String> failures = new ArrayList<>();
  private final ExecutorService callbacks;
  private final List<HttpClient> clients = new ArrayList<>();

  Fleet(Rest rest, int clientCount, int threads) {
    this.rest = rest;
    this.callbacks = Executors.newFixedThreadPool(threads, daemon("ws-callback"));
    for (int i = 0; i < clientCount; i++) {
      clients.add(Rest.client(callbacks));
    }
  }

  /**
   * Opens and authenticates one tab per entry ({@code users.get(i)} with {@code tokens.get(i)}), in
   * this order; {@code configure} runs on each tab before its socket opens. Returns the tabs that
   * got their {@code welcome}; the others are in {@link #failures}.
   */
  List<Tab> open(List<String> users, List<String> tokens, int inFlight, Consumer<Tab> configure)
      throws InterruptedException {
    var gate = new Semaphore(inFlight);
    var done = new CountDownLatch(users.size());
    var opened = new Tab[users.size()];
    var uri = rest.socketUri();
    for (int i = 0; i < users.size(); i++) {
      gate.acquire();
      int at = i;
      var tab = new Tab(users.get(i), tabs.size() + i, countsByType);
      configure.accept(tab);
      clients
          .get(i % clients.size())
          .newWebSocketBuilder()
          .connectTimeout(Duration.ofSeconds(30))
          .buildAsync(uri, tab)
          .thenCompose(ws -> tab.authenticate(tokens.get(at)))
          .orTimeout(120, TimeUnit.SECONDS)
          .whenComplete(
              (welcome, error) -> {
                gate.release();
                if (error == null) {
                  opened[at] = tab;
                  tabs.add(tab);
                } else {
                  synchronized (failures) {
                    failures.add(tab.user + ": " + error);
                  }
                  tab.abort();
                }
                done.countDown();
                long left = done.getCount();
                if (left % 1000 == 0 && left > 0) {
                  log(
                      "%d of %d settled, %d failed so far",
                      users.size() - left, users.size(), failures.size());
                }
              });
    }
    done.await();
    var ok = Arrays.stream(opened).filter(t -> t != null).toList();
    return ok;
  }

  /** Creates (as the admin; 409 = exists) and logs in every user, {@code parallel} at a time. */
  Map<String, String> logins(String adminToken, List<String> users, int parallel) throws Exception {
    var tokens = new ConcurrentHashMap<String, String>();
    var pool = Executors.newFixedThreadPool(parallel, daemon("login"));
    try {
      var futures = new ArrayList<java.util.concurrent.Future<?>>();
      for (var u : users) {
        futures.add(
            pool.submit(
                () -> {
                  rest.ensureAccount(adminToken, u, PASSWORD);
                  tokens.put(u, rest.login(u, PASSWORD));
                  return null;
                }));
      }
      for (var f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new HashMap<>(tokens);
  }

  /** Logs every token out, {@code parallel} at a time (best effort). */
  void logouts(Iterable<String> tokens, int parallel) throws InterruptedException {
    var pool = Executors.newFixedThreadPool(parallel, daemon("logout"));
    for (var t : tokens) {
      pool.execute(
          () -> {
            try {
              rest.logout(t);
            } catch (Exception e) {
              // best effort: the sessions expire anyway
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
  }

  /** Tabs whose socket is no longer open. */
  List<Tab> closedTabs() {
    return tabs.stream().filter(t -> !t.isOpen()).toList();
  }

  /** Closes every tab (normal close) and waits up to {@code wait} for the server's closes. */
  int closeAll(Duration wait) {
    var closes = tabs.stream().map(Tab::close).toList();
    long deadline = System.nanoTime() + wait.toNanos();
    int unanswered = 0;
    for (var c : closes) {
      try {
        c.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        unanswered++;
      }
    }
    return unanswered;
  }

  @Override
  public void close() {
    tabs.forEach(Tab::abort);
    callbacks.shutdownNow();
  }

  /** The p-th percentile (0–100) of sorted values, nearest rank; -1 when empty. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    var n = new AtomicLong();
    return r -> {
      var t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** {@code --key value} pairs. */
  static Map<String, String> options(String[] args) {
    var map = new HashMap<String, String>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      map.put(args[i].substring(2), args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("option without a value: " + args[args.length - 1]);
    }
    return map;
  }

  static void log(String format, Object... args) {
    System.err.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
  }
}
