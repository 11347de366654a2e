/**
 * The media plane: Chorus's own SFU, in plain Java.
 *
 * <p>Nothing here imports {@code jakarta.*} or any other Chorus layer ({@code im}, {@code api},
 * {@code signaling}, {@code config}): the container hands threads and configuration in from the
 * outside ({@code config}), so every class here can be tested without a server. Inside: {@code rtp}
 * is the bottom layer; {@code srtp} builds on it; {@code dtls} and {@code ice} stand alone; {@code
 * sfu} joins them.
 */
package dev.chorus.media;
