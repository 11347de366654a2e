package dev.chorus.media.sfu;

import java.util.Arrays;

/**
 * Copy-on-write edits of the small arrays the packet paths iterate without locks: writers (under
 * the router's lock) publish a new array through a volatile field; readers keep whichever array
 * they read.
 */
final class CopyOnWriteArrays {
  private CopyOnWriteArrays() {}

  static <T> T[] append(T[] array, T element) {
    T[] next = Arrays.copyOf(array, array.length + 1);
    next[array.length] = element;
    return next;
  }

  /** The array without the first {@code element} (by identity), or the same array. */
  static <T> T[] remove(T[] array, T element) {
    for (int i = 0; i < array.length; i++) {
      if (array[i] == element) {
        T[] next = Arrays.copyOf(array, array.length - 1);
        System.arraycopy(array, i + 1, next, i, array.length - i - 1);
        return next;
      }
    }
    return array;
  }
}
