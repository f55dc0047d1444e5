package dev.azalia.machine;

import dev.azalia.hda.codec.CodecModel;
import dev.azalia.hda.codec.CodecOptions;
import dev.azalia.hda.codec.VerbObserver;

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
 * @param observer     sees every verb the codec executes, from power-on (a verb trace); {@link VerbObserver#NONE}.
 */
public record MachineCodec(CodecModel model, CodecOptions options, boolean restoreMixer, VerbObserver observer)
{
    /** QEMU's hda-duplex with true power states, and the mixer restored at boot. */
    public static final MachineCodec DEFAULT =
        new MachineCodec(CodecModel.QEMU_DUPLEX, CodecOptions.DEFAULT, true, VerbObserver.NONE);

    /**
     * Checks the arguments.
     *
     * @throws IllegalArgumentException if the model or the options are missing.
     */
    public MachineCodec
    {
        if (null == model || null == options || null == observer)
        {
            throw new IllegalArgumentException("a codec model, options and an observer are required");
        }
    }

    /**
     * The same codec with another model and options.
     *
     * @param newModel   the layout.
     * @param newOptions the behaviour switches.
     * @return a copy.
     */
    public MachineCodec with(final CodecModel newModel, final CodecOptions newOptions)
    {
        return new MachineCodec(newModel, newOptions, restoreMixer, observer);
    }

    /**
     * The codec for a run with jack events: jack (pin sense) events need a pin with presence detect, which QEMU's
     * hda-duplex lacks, so such a run uses {@link CodecModel#JACK_DUPLEX}; otherwise this codec.
     *
     * @param jackEvents whether the run injects jack events.
     * @return the codec to use.
     */
    public MachineCodec forJackEvents(final boolean jackEvents)
    {
        return jackEvents ? new MachineCodec(CodecModel.JACK_DUPLEX, options, restoreMixer, observer) : this;
    }

    /**
     * The same codec with or without the boot-time mixer restore.
     *
     * @param on whether boot restores the mixer.
     * @return a copy.
     */
    public MachineCodec withRestoreMixer(final boolean on)
    {
        return new MachineCodec(model, options, on, observer);
    }

    /**
     * The same codec with a verb observer.
     *
     * @param newObserver sees every verb.
     * @return a copy.
     */
    public MachineCodec withObserver(final VerbObserver newObserver)
    {
        return new MachineCodec(model, options, restoreMixer, newObserver);
    }

    /**
     * The same codec advertising EPSS and CLKSTOP in its function group's power states, and answering D3 with
     * CLK_STOP_OK: Linux then lets the link go down at codec suspend, so a runtime-PM controller can suspend.
     *
     * @return a copy.
     */
    public MachineCodec withClockStop()
    {
        return new MachineCodec(model, options.withEpssAndClkstop(true), restoreMixer, observer);
    }
}
