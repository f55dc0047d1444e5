/**
 * The emulated Intel HD-Audio controller: global registers, CORB/RIRB, the immediate command interface, stream
 * descriptors with BDL DMA, the DMA position buffer, WALCLK and interrupts, faithful to the HD-Audio specification
 * and to what QEMU's {@code intel-hda} model does.
 */
package dev.azalia.hda;
