/**
 * The connection test's media: {@link dev.chorus.media.sfu.echo.EchoForwarder} is the {@code
 * MediaListener} of a test transport and sends the browser's own media back to it, with its RTCP
 * translated by {@link dev.chorus.media.sfu.echo.EchoRtcpTranslator} (SSRCs mapped in a {@link
 * dev.chorus.media.sfu.echo.SsrcTable}).
 *
 * <p>Depends on {@code media.sfu.transport} (and {@code media.rtp}) only; nothing in the SFU
 * depends on it.
 */
package dev.chorus.media.sfu.echo;
