package dev.chorus.media.dtls;

import org.bouncycastle.tls.DTLSTransport;

/**
 * A completed DTLS-SRTP handshake (<a href="https://www.rfc-editor.org/rfc/rfc5764#section-4">RFC
 * 5764 §4</a>).
 *
 * @param srtp profile, keying material and verified peer fingerprint, ready for SRTP contexts
 * @param transport the DTLS connection, for DTLS application data (SCTP data channels) and for
 *     {@code close()}, which sends close_notify and closes the underlying datagram transport. Keep
 *     feeding it incoming DTLS datagrams and calling {@code receive}: if our last flight was lost,
 *     the browser retransmits its Finished and BouncyCastle answers only from {@code receive} (RFC
 *     6347 §4.2.4).
 */
public record DtlsHandshakeResult(DtlsSrtpKeyingMaterial srtp, DTLSTransport transport) {}
