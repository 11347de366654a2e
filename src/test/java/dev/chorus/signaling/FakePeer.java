package dev.chorus.signaling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A socket peer in memory for the outbound queue's tests: it records frames and holds each send's
 * completion until the test completes it; its executor runs tasks only when the test says so.
 */
final class FakePeer implements SocketPeer, Executor {
  final List<String> started = new ArrayList<>();
  final Queue<Consumer<Throwable>> pending = new ArrayDeque<>();
  final Queue<Runnable> tasks = new ArrayDeque<>();
  int pings;
  String closedWith;
  RuntimeException sendFailure;

  @Override
  public String id() {
    return "fake";
  }

  @Override
  public void sendText(String text, Consumer<Throwable> done) {
    if (sendFailure != null) {
      throw sendFailure;
    }
    started.add(text);
    pending.add(done);
  }

  @Override
  public void sendPing() {
    pings++;
  }

  @Override
  public void close(int code, String reason) {
    closedWith = code + " " + reason;
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
  }

  /** Runs queued tasks (and the ones they queue) until none is left. */
  void runTasks() {
    Runnable t;
    while ((t = tasks.poll()) != null) {
      t.run();
    }
  }

  /** Completes the oldest send in flight (null: success). */
  void complete(Throwable failure) {
    pending.remove().accept(failure);
  }
}
