/**
 * A codec built from a parsed {@code /proc/asound} dump ({@link dev.azalia.hda.codec.dumped.DumpCodec}): every
 * parameter answered from the dump, every verb Linux sends kept as state, power-on state as the dump shows it, jack
 * presence from the default configuration, a read-back in the dump format, and the stream data rendered at one
 * listened output pin ({@link dev.azalia.hda.codec.dumped.OutputPins}).
 */
package dev.azalia.hda.codec.dumped;
