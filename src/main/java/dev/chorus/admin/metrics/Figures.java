package dev.chorus.admin.metrics;

import dev.chorus.media.sfu.transport.TransportStats;

/**
 * Every figure one scrape exposes, read once at the start of the scrape so that the gauges of one
 * scrape agree with each other, and so the rooms' media statistics are walked once, not per gauge.
 */
record Figures(
    int socketsOpen,
    int socketsUnauthenticated,
    long socketsQueuedBytes,
    long socketsClosedTooSlow,
    long socketsClosedSendFailed,
    int usersOnline,
    int roomsActive,
    int roomOccupants,
    long chatMessagesSent,
    boolean mediaRunning,
    int mediaRooms,
    int transports,
    int producers,
    int consumers,
    int mediaThreads,
    long readerRestarts,
    TransportStats.Counters packets,
    long dtlsFailures,
    long nacksReceived,
    long nacksSent,
    long keyframeRequestsReceived,
    long keyframeRequestsSent) {

  static final Figures NONE =
      new Figures(
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          false,
          0,
          0,
          0,
          0,
          0,
          0,
          TransportStats.Counters.ZERO,
          0,
          0,
          0,
          0,
          0);
}
