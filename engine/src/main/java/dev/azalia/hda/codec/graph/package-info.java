/**
 * The audio path through a codec's widget graph: from the output converters bound to a stream, through selectors,
 * mixers and amps, to one output pin, as the state the driver's verbs set decides it. Depends on
 * {@code dev.azalia.hda} (stream formats) only.
 */
package dev.azalia.hda.codec.graph;
