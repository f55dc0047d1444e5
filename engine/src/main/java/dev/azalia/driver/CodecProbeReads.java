package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;

import java.util.ArrayList;
import java.util.List;

/**
 * What a codec driver reads from its codec before it parses anything, verb for verb in the order
 * {@code snd_hdac_device_init} and {@code snd_hda_codec_new} read it: the root node's vendor, subsystem and revision
 * ids and node count, each function group's type (the first audio one is kept), the audio function group's node
 * count and supported power states, the subsystem id from verb F20 when the root gave 0 or -1, every widget's
 * capabilities, then each pin's default configuration and pin control.
 *
 * <p>Immutable once read. {@link #read} runs on the probing thread (the probe work) and sends its verbs through the
 * codec's I/O; the arrays it returns are shared with the caller, not copied.
 */
final class CodecProbeReads
{
    private static final int FUNCTION_TYPE_AUDIO = 0x01;

    private final int vendorId;
    private final int subsystemId;
    private final int revisionId;
    /** Linux's message for a codec without an audio or modem function group ({@code snd_hdac_device_init}). */
    static final String NO_FUNCTION_GROUP = "no AFG or MFG node found";
    private final int afgNid;
    private final int startNid;
    private final int powerCaps;
    private final int[] wcaps;
    private final int[] pinConfig;
    private final int[] poweredNids;

    private CodecProbeReads(final int vendorId, final int subsystemId, final int revisionId, final int afgNid,
        final int startNid, final int powerCaps, final int[] wcaps, final int[] pinConfig, final int[] poweredNids)
    {
        this.vendorId = vendorId;
        this.subsystemId = subsystemId;
        this.revisionId = revisionId;
        this.afgNid = afgNid;
        this.startNid = startNid;
        this.powerCaps = powerCaps;
        this.wcaps = wcaps;
        this.pinConfig = pinConfig;
        this.poweredNids = poweredNids;
    }

    /**
     * Reads the codec's identities, its audio function group and its widgets.
     *
     * @param io the codec's verb I/O.
     * @return what was read.
     * @throws SoundException {@link Errno#ENODEV} if the codec has no audio function group, or what the I/O throws.
     */
    static CodecProbeReads read(final CodecIo io)
    {
        // snd_hdac_device_init: a failed read is -1 and the init carries on (VENDOR_ID is read once more, as the
        // failure may just have switched the access method); no function group is what ends it
        int vendorId = readParm(io, 0, Verbs.PAR_VENDOR_ID);
        if (vendorId == -1)
        {
            vendorId = readParm(io, 0, Verbs.PAR_VENDOR_ID);
        }
        int subsystemId = readParm(io, 0, Verbs.PAR_SUBSYSTEM_ID);
        final int revisionId = readParm(io, 0, Verbs.PAR_REV_ID);
        final int rootNodes = readParm(io, 0, Verbs.PAR_NODE_COUNT);
        final int fgStart = rootNodes == -1 ? 0 : (rootNodes >> 16) & 0xff;
        final int fgCount = rootNodes == -1 ? 0 : rootNodes & 0xff;
        int afgNid = -1;
        boolean anyGroup = false;
        for (int nid = fgStart; nid < fgStart + fgCount; nid++)
        {
            final int type = readParm(io, nid, Verbs.PAR_FUNCTION_TYPE);
            anyGroup |= type != -1;
            if (type != -1 && (type & 0xff) == FUNCTION_TYPE_AUDIO && afgNid < 0)
            {
                afgNid = nid;
            }
        }
        if (afgNid < 0)
        {
            throw new SoundException(Errno.ENODEV, anyGroup ? "no audio function group" : NO_FUNCTION_GROUP);
        }
        final int widgets = parameter(io, afgNid, Verbs.PAR_NODE_COUNT);
        final int start = (widgets >> 16) & 0xff;
        final int count = widgets & 0xff;
        final int powerCaps = parameter(io, afgNid, Verbs.PAR_POWER_STATE);
        if (subsystemId == 0 || subsystemId == -1)
        {
            subsystemId = io.exec(afgNid, Verbs.GET_SUBSYSTEM_ID, 0);
        }
        final int[] wcaps = new int[count];
        for (int i = 0; i < count; i++)
        {
            wcaps[i] = parameter(io, start + i, Verbs.PAR_AUDIO_WIDGET_CAP);
        }
        final int[] pinConfig = new int[count];
        final List<Integer> powered = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            if (AutoConfig.type(wcaps[i]) == Verbs.WID_PIN)
            {
                pinConfig[i] = io.exec(start + i, Verbs.GET_CONFIG_DEFAULT, 0);
                io.exec(start + i, Verbs.GET_PIN_WIDGET_CONTROL, 0);
            }
            if ((wcaps[i] & Verbs.WCAP_POWER) != 0)
            {
                powered.add(start + i);
            }
        }
        return new CodecProbeReads(vendorId, subsystemId, revisionId, afgNid, start, powerCaps, wcaps, pinConfig,
            powered.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int parameter(final CodecIo io, final int nid, final int param)
    {
        return io.exec(nid, Verbs.GET_PARAMETER, param);
    }

    /** {@code snd_hdac_read_parm}: -1 when the verb fails (no response, the controller gone). */
    private static int readParm(final CodecIo io, final int nid, final int param)
    {
        try
        {
            return parameter(io, nid, param);
        }
        catch (final SoundException e)
        {
            if (e.errno() != Errno.EIO)
            {
                throw e;
            }
            return -1;
        }
    }

    /** @return the vendor id (root parameter 0). */
    int vendorId()
    {
        return vendorId;
    }

    /** @return the subsystem id: root parameter 1, or verb F20 on the function group when that is 0 or -1. */
    int subsystemId()
    {
        return subsystemId;
    }

    /** @return the revision id (root parameter 2). */
    int revisionId()
    {
        return revisionId;
    }

    /** @return the first audio function group's NID. */
    int afgNid()
    {
        return afgNid;
    }

    /** @return the first widget's NID. */
    int startNid()
    {
        return startNid;
    }

    /** @return the number of widgets of the function group. */
    int widgetCount()
    {
        return wcaps.length;
    }

    /** @return the function group's supported power states (parameter 0x0f). */
    int powerCaps()
    {
        return powerCaps;
    }

    /** @return each widget's capabilities, indexed from {@link #startNid()} (shared). */
    int[] wcaps()
    {
        return wcaps;
    }

    /** @return each pin's default configuration, 0 for other widgets, indexed from {@link #startNid()} (shared). */
    int[] pinConfig()
    {
        return pinConfig;
    }

    /** @return the widgets with power control (WCAP_POWER), in NID order. */
    int[] poweredNids()
    {
        return poweredNids;
    }
}
