package dev.azalia.machine;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import dev.azalia.hda.codec.CodecModel;
import dev.azalia.hda.codec.CodecOptions;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.hda.codec.EmulatedCodec;
import dev.azalia.hda.codec.HdaCodec;
import dev.azalia.hda.codec.VerbObserver;
import dev.azalia.hda.codec.dump.BuiltinCodec;
import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dumped.DumpCodec;
import dev.azalia.hda.codec.dumped.OutputPins;

/**
 * The codecs a {@link Machine} puts on the link, and whether boot restores the mixer as a distribution's
 * {@code alsactl restore} would: one built-in {@link CodecModel model} at address 0, or the codecs of a dump
 * ({@link #fromDump}), each at the address its dump gives.
 *
 * <p>Immutable; thread-safe.
 *
 * @param model        the codec's layout ({@link CodecModel#QEMU_DUPLEX} by default).
 * @param options      the built-in codec's behaviour switches (QEMU power-state quirk, EPSS/CLKSTOP); a dump's
 *                     codecs answer as their dump says.
 * @param restoreMixer after the card is up, put "Master Playback Volume" to 0 dB and "Master Playback Switch" on
 *                     through the control interface. Linux's generic parser leaves the output amp muted at gain 0
 *                     and user space restores the saved mixer; without the restore the DAC plays silence (the Linux
 *                     capture's run did not restore it, so conformance runs switch it off).
 * @param observer     sees every verb the codecs execute, from power-on (a verb trace); {@link VerbObserver#NONE}.
 * @param dumps        the codecs of a dump to emulate instead of the built-in model (empty for the model).
 * @param listenPin    the output pin listened to on a dump's codecs (empty: the first output pin in Linux's order
 *                     of the first codec that has one).
 */
public record MachineCodec(CodecModel model, CodecOptions options, boolean restoreMixer, VerbObserver observer,
    List<CodecDump> dumps, OptionalInt listenPin)
{
    /** QEMU's hda-duplex with true power states, and the mixer restored at boot. */
    public static final MachineCodec DEFAULT =
        new MachineCodec(CodecModel.QEMU_DUPLEX, CodecOptions.DEFAULT, true, VerbObserver.NONE);

    /**
     * Checks the arguments and copies the list of dumps.
     *
     * @throws IllegalArgumentException if the model, the options or the observer are missing, two dumps share an
     *                                  address, or the listened pin is not an output pin of any dump's codec.
     */
    public MachineCodec
    {
        if (null == model || null == options || null == observer || null == dumps || null == listenPin)
        {
            throw new IllegalArgumentException("a codec model, options and an observer are required");
        }
        dumps = List.copyOf(dumps);
        final boolean[] taken = new boolean[16];
        for (final CodecDump d : dumps)
        {
            if (d.address() < 0 || d.address() > 14 || taken[d.address()])
            {
                throw new IllegalArgumentException("codec " + d.name() + ": address " + d.address()
                    + " is outside 0..14 or taken by another codec (pick the codecs of one card)");
            }
            taken[d.address()] = true;
        }
        if (listenPin.isPresent() && dumps.stream().noneMatch(d ->
            OutputPins.isOutputPin(d, listenPin.getAsInt())))
        {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "no codec has an output pin 0x%02x", listenPin.getAsInt()));
        }
    }

    /**
     * A built-in codec model.
     *
     * @param model        the codec's layout.
     * @param options      the codec's behaviour switches.
     * @param restoreMixer whether boot restores the mixer.
     * @param observer     sees every verb.
     */
    public MachineCodec(final CodecModel model, final CodecOptions options, final boolean restoreMixer,
        final VerbObserver observer)
    {
        this(model, options, restoreMixer, observer, List.of(), OptionalInt.empty());
    }

    /**
     * The codecs of a dump, each at the address its dump gives (the codecs of one card: addresses must differ). The
     * audio is listened at one output pin of one codec: {@code listenPin} on the first codec that has it as an
     * output pin, else the first output pin in Linux's order ({@link OutputPins}) of the first codec that has one;
     * the other codecs drop their stream data. Boot does not restore the mixer (a dump's codec has no
     * "Master Playback" controls of the built-in model's).
     *
     * @param codecs    the parsed codecs, in link order.
     * @param listenPin the listened pin, or empty for the default.
     * @return the description.
     * @throws IllegalArgumentException if the list is empty, two codecs share an address, or no codec has the pin.
     */
    public static MachineCodec fromDump(final List<CodecDump> codecs, final OptionalInt listenPin)
    {
        if (null == codecs || codecs.isEmpty())
        {
            throw new IllegalArgumentException("a dump with at least one codec is required");
        }
        return new MachineCodec(CodecModel.QEMU_DUPLEX, CodecOptions.DEFAULT, false, VerbObserver.NONE, codecs,
            listenPin);
    }

    /**
     * A built-in codec: QEMU's hda-duplex as the exact model ({@link #DEFAULT}), the others from their dumps (every
     * codec of the dump at its address), each with the mixer restored at boot as a distribution's
     * {@code alsactl restore} would.
     *
     * @param codec     the built-in codec.
     * @param listenPin the listened pin, or empty for the default (ignored by the QEMU model, which has one pin).
     * @return the description.
     * @throws IllegalArgumentException if no codec of the dump has the pin as an output pin.
     */
    public static MachineCodec builtin(final BuiltinCodec codec, final OptionalInt listenPin)
    {
        return BuiltinCodec.QEMU == codec ? DEFAULT
            : fromDump(codec.dump().codecList(), listenPin).withRestoreMixer(true);
    }

    /**
     * Whether the machine emulates a dump's codecs rather than a built-in model.
     *
     * @return true for {@link #fromDump} descriptions.
     */
    public boolean emulatesDump()
    {
        return !dumps.isEmpty();
    }

    /**
     * Creates the codecs for a machine's link, each observed by {@link #observer()}.
     *
     * @param out where the DAC (or listened pin) samples go.
     * @return the codecs in address order: the built-in model at address 0, or one {@link DumpCodec} per dump.
     */
    public List<EmulatedCodec> createCodecs(final DacOutput out)
    {
        final List<EmulatedCodec> codecs = new ArrayList<>();
        if (dumps.isEmpty())
        {
            codecs.add(HdaCodec.create(0, out, model, options));
        }
        boolean listened = false;
        for (final CodecDump d : dumps)
        {
            final DumpCodec c = DumpCodec.create(d, out);
            final int pin = listenPin.isPresent() ? listenPin.getAsInt() : OutputPins.defaultListenPin(d).orElse(-1);
            if (!listened && pin >= 0 && OutputPins.isOutputPin(d, pin))
            {
                c.listen(pin);
                listened = true;
            }
            else
            {
                c.listenNone();
            }
            codecs.add(c);
        }
        for (final EmulatedCodec c : codecs)
        {
            c.observe(observer);
        }
        codecs.sort(java.util.Comparator.comparingInt(EmulatedCodec::address));
        return List.copyOf(codecs);
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
        return new MachineCodec(newModel, newOptions, restoreMixer, observer, dumps, listenPin);
    }

    /**
     * The codec for a run with jack events: jack (pin sense) events need a pin with presence detect, which QEMU's
     * hda-duplex lacks, so such a run uses {@link CodecModel#JACK_DUPLEX}; otherwise, and for a dump's codecs (whose
     * pins have their own presence detect), this codec.
     *
     * @param jackEvents whether the run injects jack events.
     * @return the codec to use.
     */
    public MachineCodec forJackEvents(final boolean jackEvents)
    {
        return jackEvents && dumps.isEmpty()
            ? new MachineCodec(CodecModel.JACK_DUPLEX, options, restoreMixer, observer)
            : this;
    }

    /**
     * The same codec with or without the boot-time mixer restore.
     *
     * @param on whether boot restores the mixer.
     * @return a copy.
     */
    public MachineCodec withRestoreMixer(final boolean on)
    {
        return new MachineCodec(model, options, on, observer, dumps, listenPin);
    }

    /**
     * The same codec with a verb observer.
     *
     * @param newObserver sees every verb.
     * @return a copy.
     */
    public MachineCodec withObserver(final VerbObserver newObserver)
    {
        return new MachineCodec(model, options, restoreMixer, newObserver, dumps, listenPin);
    }

    /**
     * The same codec advertising EPSS and CLKSTOP in its function group's power states, and answering D3 with
     * CLK_STOP_OK: Linux then lets the link go down at codec suspend, so a runtime-PM controller can suspend.
     *
     * @return a copy.
     */
    public MachineCodec withClockStop()
    {
        return new MachineCodec(model, options.withEpssAndClkstop(true), restoreMixer, observer, dumps, listenPin);
    }
}
