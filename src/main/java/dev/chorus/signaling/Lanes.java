package dev.chorus.signaling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What waits in one socket's {@link OutboundQueue}, and the order it leaves in. Not thread-safe:
 * the queue's lock guards it.
 *
 * <p>Two lanes. A <em>message</em> (a chat line, a reply, a notice) is sent, each one, in order. A
 * <em>state</em> (someone's presence, a room's viewer count) waits under a key, and a newer state
 * for the key replaces the waiting one in its place: only the newest is worth sending. States leave
 * when no message waits, but never after more than {@link #MESSAGES_BEFORE_A_STATE} messages in a
 * row. So a tab behind on 1,000 users' comings and goings holds at most one frame per user, chat
 * overtakes them, and the last state sent for a key is the newest one given.
 *
 * <p>Batches. When more than one frame waits, the next ones that fit ({@link #MAX_BATCH_FRAMES},
 * {@link #MAX_BATCH_BYTES}) leave together as one {@code batch} message, in the order they would
 * have left one by one: writing a frame costs a TLS record and a system call whatever its size, so
 * a tab that fell behind catches up many times faster, and one that keeps up still gets each
 * message on its own.
 */
final class Lanes {
  /** States wait behind messages, but a steady stream of messages does not starve them. */
  static final int MESSAGES_BEFORE_A_STATE = 16;

  /** A batch holds at most this many frames... */
  static final int MAX_BATCH_FRAMES = 64;

  /**
   * ...and at most this many bytes; a bigger frame goes alone. Small, because the container keeps
   * per connection buffers the size of the largest frame it wrote ({@link PresenceSnapshot}).
   */
  static final long MAX_BATCH_BYTES = 4 * 1024;

  /** How a batch starts; the frames it holds follow, separated by commas, then {@code ]}}. */
  static final String BATCH_OPEN = "{\"type\":\"batch\",\"messages\":[";

  /** A frame waiting or in flight, and its UTF-8 size; a batch in flight has no text of its own. */
  record Frame(String text, long bytes) {
    static Frame of(String text) {
      return new Frame(text, OutboundQueue.utf8Length(text));
    }
  }

  private final ArrayDeque<Frame> messages = new ArrayDeque<>();
  private final LinkedHashMap<String, Frame> states = new LinkedHashMap<>();
  private int messagesInARow;

  void addMessage(Frame message) {
    messages.add(message);
  }

  /** Puts a state under its key; returns the waiting state it replaced, or null. */
  Frame putState(String key, Frame state) {
    return states.put(key, state);
  }

  /** The state waiting under this key, or null. */
  Frame stateOf(String key) {
    return states.get(key);
  }

  boolean isEmpty() {
    return messages.isEmpty() && states.isEmpty();
  }

  int messageCount() {
    return messages.size();
  }

  /** Messages and states waiting. */
  int size() {
    return messages.size() + states.size();
  }

  void clear() {
    messages.clear();
    states.clear();
  }

  /** The next frame and those after it that fit one batch; never empty (call when not empty). */
  List<Frame> takeBatch() {
    var first = take();
    if (isEmpty()) {
      return List.of(first);
    }
    var parts = new ArrayList<Frame>();
    parts.add(first);
    long bytes = first.bytes();
    while (parts.size() < MAX_BATCH_FRAMES && !isEmpty()) {
      var next = peek();
      if (bytes + next.bytes() > MAX_BATCH_BYTES) {
        break;
      }
      parts.add(take());
      bytes += next.bytes();
    }
    return parts;
  }

  /** What a batch's frames cost together, as they were counted while they waited. */
  static long bytesOf(List<Frame> parts) {
    long n = 0;
    for (var f : parts) {
      n += f.bytes();
    }
    return n;
  }

  /** Messages already serialized, wrapped in one {@code batch} message without parsing them. */
  static String batchText(List<Frame> parts) {
    var text = new StringBuilder((int) Math.min(Integer.MAX_VALUE, bytesOf(parts) + 64));
    text.append(BATCH_OPEN);
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(parts.get(i).text());
    }
    return text.append("]}").toString();
  }

  private boolean stateIsNext() {
    return !states.isEmpty() && (messages.isEmpty() || messagesInARow >= MESSAGES_BEFORE_A_STATE);
  }

  private Frame peek() {
    return stateIsNext() ? states.values().iterator().next() : messages.peek();
  }

  private Frame take() {
    if (stateIsNext()) {
      messagesInARow = 0;
      var oldest = states.entrySet().iterator();
      var state = oldest.next().getValue();
      oldest.remove();
      return state;
    }
    messagesInARow++;
    return messages.poll();
  }
}
