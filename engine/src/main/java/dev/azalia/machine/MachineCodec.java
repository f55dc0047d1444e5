package dev.azalia.machine;

import dev.azalia.hda.codec.CodecModel;
import dev.azalia.hda.codec.CodecOptions;

/**
 * The codec a {@link Machine} puts on the link, and whether boot restores the mixer as a distribution's
 * {@code alsactl restore} would.
 *
 * <p>Immutable; thread-safe.
 *
 * @param model        the codec's layout ({@link CodecModel#QEMU_DUPLEX} by default).
 * @param options      the codec's behaviour switches (QEMU power-state quirk, EPSS/CLKSTOP).
 * @param restoreMixer after the card is up, put "Master Playback Volume" to 0 dB and "Master Playback Switch" on
 *                     through the control interface. Linux's generic parser leaves the output amp muted at gain 0
 *                     and user space restores the saved mixer; without the restore the DAC plays silence (the Linux
 *                     capture's run did not restore it, so conformance runs switch it off).
 */
public record MachineCodec(CodecModel model, CodecOptions options, boolean restoreMixer)
{
    /** QEMU's hda-duplex with true power states, and the mixer restored at boot. */
    public static final MachineCodec DEFAULT = new MachineCodec(CodecModel.QEMU_DUPLEX, CodecOptions.DEFAULT, true);

    /**
     * Checks the arguments.
     *
     * @throws IllegalArgumentException if the model or the options are missing.
     */
    public MachineCodec
    {
        if (null == model || null == options)
        {
            throw new IllegalArgumentException("a codec model and options are required");
        }
    }
}
