package dev.azalia.machine;

import dev.azalia.driver.PcmCapabilities;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.hda.codec.HdaCodec;
import dev.azalia.hda.codec.Verbs;
import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;

/**
 * What a machine's codec will accept for playback, known before the machine boots: what an application learns by
 * opening the PCM and refining its parameters (alsa-lib's {@code plug} does it before it chooses its conversions).
 * A fresh codec of the configuration is asked for the same parameters the driver reads: the first audio function
 * group, its first analog output converter, and that converter's supported-PCM and stream-formats words (its own
 * with {@code FORMAT_OVRD}, else the function group's), computed by {@link PcmCapabilities} as the driver does.
 *
 * <p>The channel maximum is one converter's (2): the driver's multi-out count is known only after its
 * auto-configuration; a stream of at most 2 channels fits either.
 *
 * <p>Stateless; thread-safe.
 */
public final class CodecFormats
{
    private static final DacOutput NOWHERE = (codecAddress, nid, format, pcm, offset, length, nanos) ->
    {
    };
    private static final int FUNCTION_TYPE_AUDIO = 1;
    private static final int WCAP_DIGITAL = 1 << 9;

    private CodecFormats()
    {
    }

    /**
     * The playback capabilities of a machine's codec.
     *
     * @param codec the codec configuration the machine will boot with.
     * @return the capabilities.
     * @throws SoundException {@link Errno#EIO} when the codec has no analog output converter, or its words give no
     *                        rate or format.
     */
    public static PcmCapabilities playback(final MachineCodec codec)
    {
        final HdaCodec c = HdaCodec.create(0, NOWHERE, codec.model(), codec.options());
        final int root = parameter(c, 0, Verbs.PAR_NODE_COUNT);
        for (int fg = root >>> 16 & 0xff; fg < (root >>> 16 & 0xff) + (root & 0xff); fg++)
        {
            if ((parameter(c, fg, Verbs.PAR_FUNCTION_TYPE) & 0xff) != FUNCTION_TYPE_AUDIO)
            {
                continue;
            }
            final int nodes = parameter(c, fg, Verbs.PAR_NODE_COUNT);
            for (int nid = nodes >>> 16 & 0xff; nid < (nodes >>> 16 & 0xff) + (nodes & 0xff); nid++)
            {
                final int wcaps = parameter(c, nid, Verbs.PAR_AUDIO_WIDGET_CAP);
                if ((wcaps >>> Verbs.WCAP_TYPE_SHIFT & 0xf) == Verbs.WID_AUD_OUT && (wcaps & WCAP_DIGITAL) == 0)
                {
                    final int from = (wcaps & Verbs.WCAP_FORMAT_OVRD) != 0 ? nid : fg;
                    return PcmCapabilities.analogPlayback(wcaps, parameter(c, from, Verbs.PAR_PCM),
                        parameter(c, from, Verbs.PAR_STREAM), 2);
                }
            }
        }
        throw new SoundException(Errno.EIO, "the codec has no analog output converter");
    }

    private static int parameter(final HdaCodec codec, final int nid, final int param)
    {
        return codec.execute(Verbs.make(0, nid, Verbs.GET_PARAMETER, param));
    }
}
