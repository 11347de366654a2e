package dev.chorus.admin;

import java.time.Instant;

/**
 * The server's figures at one moment, for {@code GET /api/admin/server} and its charts.
 *
 * @param usersOnline users with at least one open socket
 * @param sockets open, authenticated sockets (browser tabs)
 * @param roomsActive rooms with at least one person in them
 * @param transports media transports open (all rooms, echo tests included)
 * @param producers tracks coming in, in rooms
 * @param consumers copies of tracks going out, in rooms
 * @param bitrateInBps bits per second received from publishers, in rooms
 * @param bitrateOutBps bits per second sent to subscribers, in rooms
 * @param packetsIn RTP packets per second received, all transports, over the last sampling interval
 * @param packetsOut RTP packets per second sent, all transports, over the last sampling interval
 * @param packetLossPercent mean loss of the last receiver reports (publishers' uplinks and
 *     subscribers' downlinks), in percent
 * @param errors failures counted since the start by what runs now: open transports' SRTP failures,
 *     malformed packets, send and listener errors; media socket reader restarts; sockets closed
 *     because a send failed; samples that could not be taken
 */
public record ServerSample(
    Instant at,
    int usersOnline,
    int sockets,
    int roomsActive,
    int transports,
    int producers,
    int consumers,
    long bitrateInBps,
    long bitrateOutBps,
    long packetsIn,
    long packetsOut,
    double packetLossPercent,
    long errors) {}
