package dev.azalia.hda.codec.dumped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.PinConfig;
import dev.azalia.hda.codec.dump.WidgetDump;

/**
 * A codec's output pins in Linux's order ({@code snd_hda_parse_pin_defcfg}): line-outs, then speakers, then
 * headphones, each sorted by default association and sequence; pins whose connectivity is "none" and pins without
 * output capability skipped; a line-out that is a fixed or both-connected device counted as a speaker, as Linux's
 * workaround for such BIOS setups does. Stateless.
 */
public final class OutputPins
{
    private static final int DEVICE_LINE_OUT = 0;
    private static final int DEVICE_SPEAKER = 1;
    private static final int DEVICE_HP_OUT = 2;

    private OutputPins()
    {
    }

    /**
     * The output pins in Linux's order.
     *
     * @param codec a parsed codec.
     * @return the pins' node ids, the first being the default listened pin; empty when there is none.
     */
    public static List<Integer> inLinuxOrder(final CodecDump codec)
    {
        final List<int[]> pins = new ArrayList<>();
        for (final WidgetDump w : codec.widgets())
        {
            if (w.type() != WidgetDump.TYPE_PIN || w.pinDefault().isEmpty()
                || (w.pinCaps().orElse(0) & DumpNode.PINCAP_OUT) == 0)
            {
                continue;
            }
            final PinConfig cfg = new PinConfig(w.pinDefault().getAsInt());
            if (cfg.connectivity() == PinConfig.CONNECTIVITY_NONE)
            {
                continue;
            }
            int device = cfg.device();
            if (device == DEVICE_LINE_OUT && (cfg.connectivity() == PinConfig.CONNECTIVITY_FIXED
                || cfg.connectivity() == PinConfig.CONNECTIVITY_BOTH))
            {
                device = DEVICE_SPEAKER;
            }
            if (device == DEVICE_LINE_OUT || device == DEVICE_SPEAKER || device == DEVICE_HP_OUT)
            {
                pins.add(new int[] {device, cfg.association() << 4 | cfg.sequence(), w.nid()});
            }
        }
        pins.sort(Comparator.<int[]>comparingInt(p -> p[0]).thenComparingInt(p -> p[1]).thenComparingInt(p -> p[2]));
        final List<Integer> nids = new ArrayList<>(pins.size());
        for (final int[] p : pins)
        {
            nids.add(p[2]);
        }
        return nids;
    }

    /**
     * The pin a codec's audio is listened at by default: the first of {@link #inLinuxOrder}.
     *
     * @param codec a parsed codec.
     * @return its node id, or empty when the codec has no analog output pin.
     */
    public static OptionalInt defaultListenPin(final CodecDump codec)
    {
        final List<Integer> pins = inLinuxOrder(codec);
        return pins.isEmpty() ? OptionalInt.empty() : OptionalInt.of(pins.get(0));
    }

    /**
     * Whether a node of a codec is an output-capable pin.
     *
     * @param codec a parsed codec.
     * @param nid   a node id.
     * @return true for a pin complex whose pin caps have OUT.
     */
    public static boolean isOutputPin(final CodecDump codec, final int nid)
    {
        return codec.widget(nid).filter(w -> w.type() == WidgetDump.TYPE_PIN
            && (w.pinCaps().orElse(0) & DumpNode.PINCAP_OUT) != 0).isPresent();
    }
}
