/**
 * The link out of the card: the stream DMA publishes what it fetched into an LMAX Disruptor ring
 * ({@link dev.azalia.link.LinkRing}, the codec's {@link dev.azalia.hda.codec.DacOutput}); handlers consume it in
 * parallel: the {@link dev.azalia.link.SinkWriter} feeding an {@link dev.azalia.link.AudioSink} (Java Sound line,
 * WAV file, or a null sink paced by the clock) and probes ({@link dev.azalia.link.FrameSequenceProbe},
 * {@link dev.azalia.link.LatencyProbe}). {@link dev.azalia.link.LinkPacer} computes the drift correction of the
 * link clock against the sink's consumption in real mode.
 *
 * <p>Threads: the link clock thread is the single producer. The ring's {@link dev.azalia.link.ConsumerMode} says
 * who runs the handlers: each its own daemon thread ({@code link-sink}, {@code link-probe-N}); on the real clock
 * only the sink writer, which polls the handlers that never block after each write; on the virtual clock the
 * producer's thread, which polls them all. Nothing is allocated per event on the steady-state path.
 */
package dev.azalia.link;
