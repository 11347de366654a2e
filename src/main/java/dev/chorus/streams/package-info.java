/**
 * The HTTP edge of streams: WHIP ingest (RFC 9725) at {@code /api/rooms/{roomId}/whip}, WHEP
 * playback at {@code /api/rooms/{roomId}/streams/{streamId}/whep}, the list of a room's streams and
 * a moderator's stop (docs/streams.md). It checks credentials ({@link
 * dev.chorus.streams.StreamAuth}: a session token or a stream key), translates HTTP to {@link
 * dev.chorus.signaling.media.RoomStreams} and back, and answers every refusal as a JSON problem
 * with the CORS headers a page on another origin needs.
 *
 * <p>Depends on {@code im} (rooms, sessions, accounts, stream credentials), {@code
 * signaling.media.RoomStreams}, {@code signaling.sdp}, {@code api.dto.Problem} and {@code
 * api.IceServers}; never on {@code media.sfu}.
 */
package dev.chorus.streams;
