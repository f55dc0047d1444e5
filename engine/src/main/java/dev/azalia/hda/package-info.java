/**
 * The emulated Intel HD-Audio controller: global registers, CORB/RIRB, the immediate command interface, stream
 * descriptors with BDL DMA, the DMA position buffer, WALCLK and interrupts, faithful to the HD-Audio specification
 * and to what QEMU's {@code intel-hda} model does.
 *
 * <p>Holds the public {@link dev.azalia.hda.HdaController} (device lock, thread entry points, API) and its
 * package-private parts: the register file and its side effects ({@code ControllerRegisters}), the command engine
 * ({@code CommandRings}), one DMA engine per stream descriptor ({@code StreamDescriptor}), the command and DMA steps
 * ({@code LinkSteps}), interrupt status and line delivery ({@code ControllerInterrupts}), the codec slots
 * ({@code CodecSlots}) and the unsolicited response queue ({@code UnsolicitedQueue}); the register map, the stream
 * format and the link clocks.
 *
 * <p>May use: {@code dev.azalia.hda.codec} (the codecs on the link), {@code dev.azalia.pci} (DMA memory, the
 * interrupt pin, config space, MMIO regions), {@code dev.azalia.time}, {@code dev.azalia.log}. Used by the driver
 * and sound layers and above, never the other way round.
 */
package dev.azalia.hda;
