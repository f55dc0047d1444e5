package dev.azalia.driver;

/**
 * A widget path of the generic parser ({@code struct nid_path}): the widgets from a converter (or input pin) to a pin
 * (or ADC), each widget's connection index of its predecessor, whether a widget needs its connection select set,
 * and the amps the path's volume, mute and boost controls own (Linux's composed amp values, 0 when none).
 *
 * <p>Not thread-safe: built during the probe; {@link #active} is read under the codec driver's lock.
 */
final class NidPath
{
    /** Direction bit of an output amp in a composed amp value ({@code HDA_OUTPUT}). */
    static final int DIR_OUTPUT = 1;
    /** Direction bit of an input amp in a composed amp value ({@code HDA_INPUT}). */
    static final int DIR_INPUT = 0;
    /** Compare mask of composed amp values: NID, direction and index ({@code AMP_VAL_COMPARE_MASK}). */
    static final int AMP_VAL_COMPARE_MASK = 0xffff | 1 << 18 | 0x0f << 19;

    /** The widgets, source first; empty once invalidated. */
    int[] nids;
    /** {@code idx[i]}: the index of {@code nids[i - 1]} in the connection list of {@code nids[i]}. */
    int[] idx;
    /** {@code multi[i]}: the widget has several connections and is not a mixer (its select is set). */
    boolean[] multi;
    /** The volume control's amp ({@code ctls[NID_PATH_VOL_CTL]}). */
    int volCtl;
    /** The mute control's amp. */
    int muteCtl;
    /** The boost control's amp. */
    int boostCtl;
    /** Whether the path is in use. */
    boolean active;

    NidPath(final int[] nids, final int[] idx, final boolean[] multi)
    {
        this.nids = nids;
        this.idx = idx;
        this.multi = multi;
    }

    /**
     * {@code HDA_COMPOSE_AMP_VAL} with both channels.
     *
     * @param nid    the widget.
     * @param output output amp (true) or input amp.
     * @param index  the amp index.
     * @return the composed value.
     */
    static int ampVal(final int nid, final boolean output, final int index)
    {
        return nid | 3 << 16 | (output ? DIR_OUTPUT : DIR_INPUT) << 18 | index << 19;
    }

    /** The NID of a composed amp value. */
    static int ampNid(final int val)
    {
        return val & 0xffff;
    }

    /** Whether a composed amp value is an output amp. */
    static boolean ampOutput(final int val)
    {
        return (val >>> 18 & 1) == DIR_OUTPUT;
    }

    /** The index of a composed amp value. */
    static int ampIndex(final int val)
    {
        return val >>> 19 & 0xf;
    }

    /** The number of widgets ({@code depth}). */
    int depth()
    {
        return nids.length;
    }

    /** The first widget (the DAC of an output path). */
    int first()
    {
        return nids.length == 0 ? 0 : nids[0];
    }

    /** The last widget (the pin of an output path). */
    int last()
    {
        return nids.length == 0 ? 0 : nids[nids.length - 1];
    }

    /** Whether {@code nid} is on the path. */
    boolean contains(final int nid)
    {
        for (final int n : nids)
        {
            if (n == nid)
            {
                return true;
            }
        }
        return false;
    }

    /** {@code invalidate_nid_path}: the path no longer counts. */
    void invalidate()
    {
        nids = new int[0];
        idx = new int[0];
        multi = new boolean[0];
        volCtl = 0;
        muteCtl = 0;
        boostCtl = 0;
        active = false;
    }
}
