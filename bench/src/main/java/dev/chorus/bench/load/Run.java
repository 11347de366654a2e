package dev.chorus.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything one run of the matrix holds: the receive loops, the publishers' pacing (one 10 ms tick
 * for all of them), receiver reports every second and consent checks every 5 s (as Chrome) for
 * every peer, and the sockets; closed at its end (room.leave, sockets and peers closed).
 */
final class Run implements AutoCloseable {
  final List<ReceiveLoop> loops = new ArrayList<>();
  final List<Signal.Socket> sockets = new CopyOnWriteArrayList<>();
  final List<SyntheticPublisher> publishers = new CopyOnWriteArrayList<>();
  final List<ReceiveOnlySubscriber> subscribers = new CopyOnWriteArrayList<>();
  volatile Throwable pacingFailure;
  private final String roomId;
  private final ExecutorService teardown;
  private final ExecutorService loopThreads;
  private final ScheduledExecutorService pacing = Executors.newSingleThreadScheduledExecutor();
  private final ScheduledExecutorService control = Executors.newSingleThreadScheduledExecutor();
  private final java.util.Map<SyntheticPublisher, java.util.concurrent.ScheduledFuture<?>> pacers =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The threads that answer this run's offers; stopped when the run ends, so an answer still
   * waiting on a closing socket cannot hold up the next run's subscribers.
   */
  final ExecutorService answers = Executors.newFixedThreadPool(4);

  Run(int receiveThreads, String roomId, ExecutorService teardown) throws IOException {
    this.roomId = roomId;
    this.teardown = teardown;
    loopThreads = Executors.newFixedThreadPool(receiveThreads);
    for (int i = 0; i < receiveThreads; i++) {
      var loop = new ReceiveLoop();
      loops.add(loop);
      loopThreads.execute(loop);
    }
    control.scheduleAtFixedRate(this::reports, 1, 1, TimeUnit.SECONDS);
    control.scheduleAtFixedRate(this::consent, 5, 5, TimeUnit.SECONDS); // as Chrome does
  }

  ReceiveLoop loopFor(String name) {
    return loops.get(Math.floorMod(name.hashCode(), loops.size()));
  }

  void startPacing(SyntheticPublisher publisher) {
    var ticks =
        pacing.scheduleAtFixedRate(
        () -> {
          try {
            publisher.tick();
          } catch (Throwable t) {
            pacingFailure = t;
          }
        },
        0,
        10,
        TimeUnit.MILLISECONDS);
    pacers.put(publisher, ticks);
  }

  /**
   * Stops {@code publisher}'s packets and returns once its last tick has ended, so that its peer
   * can be closed without a tick failing on it (the memory bench unpublishes and publishes again).
   * Its consent checks go on while it stays in {@link #publishers}.
   */
  void stopPacing(SyntheticPublisher publisher) throws Exception {
    var ticks = pacers.remove(publisher);
    if (ticks != null) {
      ticks.cancel(false);
      pacing.submit(() -> {}).get(10, TimeUnit.SECONDS); // one thread: every earlier tick is done
    }
  }

  // A periodic task that throws is never run again: consent would stop for every peer, and the
  // server would end them all 30 s later. So each peer's failure is its own.
  private void reports() {
    for (var s : subscribers) {
      try {
        s.sendReport();
      } catch (RuntimeException e) {
        LoadBench.log("receiver report of %s failed: %s", s.name, e);
      }
    }
  }

  private void consent() {
    for (var s : subscribers) {
      try {
        s.sendConsent();
      } catch (RuntimeException e) {
        LoadBench.log("consent check of %s failed: %s", s.name, e);
      }
    }
    for (var p : publishers) {
      try {
        p.peer.sendConsent();
      } catch (IOException | RuntimeException e) {
        // going away
      }
    }
  }

  @Override
  public void close() throws Exception {
    pacing.shutdownNow();
    control.shutdownNow();
    for (var s : subscribers) {
      s.closing = true;
    }
    answers.shutdownNow();
    var leaving = new ArrayList<Future<?>>();
    for (var s : sockets) {
      leaving.add(
          teardown.submit(
              () -> {
                try {
                  s.request("room.leave", roomId, "");
                } catch (Exception e) {
                  // the socket may be gone already
                }
                s.close();
              }));
    }
    for (var f : leaving) {
      f.get(120, TimeUnit.SECONDS);
    }
    for (var s : subscribers) {
      s.close();
    }
    for (var p : publishers) {
      p.peer.close();
    }
    for (var l : loops) {
      l.stop();
    }
    loopThreads.shutdown();
    loopThreads.awaitTermination(10, TimeUnit.SECONDS);
    Thread.sleep(2_000); // let the server's close cascade finish before the next run
  }
}
