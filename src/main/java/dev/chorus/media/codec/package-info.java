/**
 * Video payload formats, read (and where an SFU must, rewritten) in place: just enough of each
 * codec's RTP payload to find key frames and keep picture numbering continuous when a forwarded
 * stream switches source.
 *
 * <p>Depends on nothing but the JDK. Parsers never throw on malformed input: they report "not a key
 * frame" or refuse the payload, so a media thread survives garbage.
 */
package dev.chorus.media.codec;
