package dev.azalia.driver;

import dev.azalia.sound.Errno;
import dev.azalia.sound.PcmHardware;
import dev.azalia.sound.SoundException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a codec's analog playback PCM accepts, computed as Linux 6.1 computes it: rates and sample formats from the
 * converter's supported-PCM word (parameter 0x0a) and stream-formats word (0x0b) as
 * {@code snd_hdac_query_supported_pcm} reads them (the widget's own words with {@code FORMAT_OVRD}, else the function
 * group's), channels as the generic parser's analog playback stream and {@code snd_hda_multi_out_analog_open} set
 * them (at least 2, at most the multi-out channel count, in steps of 2).
 *
 * <p>Sample formats are given as Azalia's {@code bitsPerSample}: 8 for {@code U8}, 16 for {@code S16_LE}, and for
 * {@code S32_LE} the converter's most significant bits ({@code maxbps}: 32, 24 or 20), which is what the stream
 * format word then carries.
 *
 * <p>Immutable; thread-safe.
 */
public final class PcmCapabilities
{
    /** The rates of the supported-PCM word's bits 0..10 in Hz (bit 11, 384 kHz, is not used by Linux 6.1). */
    private static final int[] RATE_BITS_HZ =
        {8_000, 11_025, 16_000, 22_050, 32_000, 44_100, 48_000, 88_200, 96_000, 176_400, 192_000};
    /** {@code AC_WCAP_DIGITAL} in the audio widget capabilities. */
    private static final int WCAP_DIGITAL = 1 << 9;
    private static final int BITS_8 = 1 << 16;
    private static final int BITS_16 = 1 << 17;
    private static final int BITS_20 = 1 << 18;
    private static final int BITS_24 = 1 << 19;
    private static final int BITS_32 = 1 << 20;
    private static final int STREAM_PCM = 1;
    private static final int STREAM_AC3 = 1 << 2;
    /** {@code pcm_analog_playback.channels_min} of the generic parser. */
    private static final int ANALOG_CHANNELS_MIN = 2;
    /** {@code snd_hda_multi_out_analog_open}'s channel step. */
    private static final int ANALOG_CHANNELS_STEP = 2;

    private final int[] ratesHz;
    private final int[] bitsPerSample;
    private final int channelsMin;
    private final int channelsMax;
    private final int channelsStep;

    private PcmCapabilities(final int[] ratesHz, final int[] bitsPerSample, final int channelsMin,
        final int channelsMax, final int channelsStep)
    {
        this.ratesHz = ratesHz;
        this.bitsPerSample = bitsPerSample;
        this.channelsMin = channelsMin;
        this.channelsMax = channelsMax;
        this.channelsStep = channelsStep;
    }

    /**
     * The analog playback PCM of a converter.
     *
     * @param widgetCaps  the converter's audio widget capabilities (parameter 0x09; only the digital bit matters).
     * @param pcmWord     the supported-PCM word the driver read (rates in bits 0..10, sizes in bits 16..20).
     * @param streamWord  the stream-formats word (bit 0 PCM, bit 2 AC3).
     * @param maxChannels the multi-out channel count ({@link #multiOutChannels}); at least 2 is used.
     * @return the capabilities.
     * @throws SoundException {@link Errno#EIO} when the words give no rate or no sample format (Linux's
     *                        {@code rates == 0} and {@code formats == 0} errors).
     */
    public static PcmCapabilities analogPlayback(final int widgetCaps, final int pcmWord, final int streamWord,
        final int maxChannels)
    {
        final int[] rates = IntStream.range(0, RATE_BITS_HZ.length).filter(i -> (pcmWord & 1 << i) != 0)
            .map(i -> RATE_BITS_HZ[i]).toArray();
        if (0 == rates.length)
        {
            throw new SoundException(Errno.EIO, String.format(Locale.ROOT, "rates == 0 (val=%#x)", pcmWord));
        }
        final int[] bits = sampleBits(widgetCaps, pcmWord, streamWord);
        if (0 == bits.length)
        {
            throw new SoundException(Errno.EIO, String.format(Locale.ROOT, "formats == 0 (val=%#x, streams=%#x)",
                pcmWord, streamWord));
        }
        return new PcmCapabilities(rates, bits, ANALOG_CHANNELS_MIN, Math.max(ANALOG_CHANNELS_MIN, maxChannels),
            ANALOG_CHANNELS_STEP);
    }

    /** The formats {@code snd_hdac_query_supported_pcm} derives, as sample widths (ascending). */
    private static int[] sampleBits(final int widgetCaps, final int pcmWord, final int streamWord)
    {
        boolean u8 = false;
        boolean s16 = false;
        int s32Bits = 0;
        if ((streamWord & STREAM_PCM) != 0)
        {
            u8 = (pcmWord & BITS_8) != 0;
            s16 = (pcmWord & BITS_16) != 0;
            if ((widgetCaps & WCAP_DIGITAL) != 0)
            {
                // a digital converter's 32-bit size is the IEC958 subframe format, not S32_LE
                s32Bits = (pcmWord & BITS_24) != 0 ? 24 : (pcmWord & BITS_20) != 0 ? 20 : 0;
            }
            else
            {
                s32Bits = (pcmWord & BITS_32) != 0 ? 32 : (pcmWord & BITS_24) != 0 ? 24
                    : (pcmWord & BITS_20) != 0 ? 20 : 0;
            }
        }
        if (STREAM_AC3 == streamWord)
        {
            u8 = true;
        }
        return IntStream.of(u8 ? 8 : 0, s16 ? 16 : 0, s32Bits).filter(b -> b > 0).toArray();
    }

    /**
     * The generic parser's multi-out channel count ({@code multiout.max_channels}): twice the line-out DACs, raised
     * to twice the speakers (unless the line-outs are the speakers) and twice the headphones (unless the line-outs
     * are the headphones).
     *
     * @param lineOutDacs the DACs assigned to the line-outs ({@code multiout.num_dacs}).
     * @param speakerOuts the speaker pins.
     * @param hpOuts      the headphone pins.
     * @param lineOutType the line-outs' type: {@code "line"}, {@code "speaker"} or {@code "hp"}.
     * @return the channel count.
     */
    public static int multiOutChannels(final int lineOutDacs, final int speakerOuts, final int hpOuts,
        final String lineOutType)
    {
        int channels = lineOutDacs * 2;
        if (!"speaker".equals(lineOutType))
        {
            channels = Math.max(channels, speakerOuts * 2);
        }
        if (!"hp".equals(lineOutType))
        {
            channels = Math.max(channels, hpOuts * 2);
        }
        return channels;
    }

    /**
     * The PCM's constraints at open ({@code azx_pcm_open}): the controller's period and buffer limits narrowed to
     * these rates, sample formats and channels.
     *
     * @param controller the controller's template ({@code azx_pcm_hw}).
     * @return the runtime hardware.
     */
    public PcmHardware hardware(final PcmHardware controller)
    {
        return new PcmHardware(ratesHz, channelsMin, channelsMax, bitsPerSample, controller.periodBytesMin(),
            controller.periodBytesMax(), controller.periodsMin(), controller.periodsMax(),
            controller.bufferBytesMax(), controller.resumeSupported(), channelsStep);
    }

    /**
     * The supported rates.
     *
     * @return Hz, ascending; a copy.
     */
    public int[] ratesHz()
    {
        return ratesHz.clone();
    }

    /**
     * The supported sample widths.
     *
     * @return bits, ascending; a copy.
     */
    public int[] bitsPerSample()
    {
        return bitsPerSample.clone();
    }

    /**
     * The fewest channels.
     *
     * @return 2 for an analog playback PCM.
     */
    public int channelsMin()
    {
        return channelsMin;
    }

    /**
     * The most channels.
     *
     * @return the multi-out channel count.
     */
    public int channelsMax()
    {
        return channelsMax;
    }

    /**
     * Whether a stream of this shape is accepted.
     *
     * @param rateHz   frames per second.
     * @param bits     sample width.
     * @param channels samples per frame.
     * @return whether every constraint holds.
     */
    public boolean supports(final int rateHz, final int bits, final int channels)
    {
        return Arrays.stream(ratesHz).anyMatch(r -> r == rateHz)
            && Arrays.stream(bitsPerSample).anyMatch(b -> b == bits) && channels >= channelsMin && channels <= channelsMax && channels % channelsStep == 0;
    }

    /**
     * The supported rate nearest to {@code rateHz} as alsa-lib's {@code snd_pcm_hw_params_set_rate_near} picks it:
     * the rate itself if supported, else the nearer of the neighbours below and above, the one above on a tie.
     *
     * @param rateHz the wanted rate.
     * @return a supported rate.
     */
    public int nearestRateHz(final int rateHz)
    {
        int below = -1;
        int above = -1;
        for (final int r : ratesHz)
        {
            if (r <= rateHz)
            {
                below = r;
            }
            if (r >= rateHz && above < 0)
            {
                above = r;
            }
        }
        if (below < 0)
        {
            return above;
        }
        if (above < 0)
        {
            return below;
        }
        return (long)rateHz - below < (long)above - rateHz ? below : above;
    }

    /**
     * The channel count a stream of {@code channels} is converted to: the nearest accepted count.
     *
     * @param channels the stream's channels.
     * @return an accepted channel count.
     */
    public int nearestChannels(final int channels)
    {
        final int clamped = Math.max(channelsMin, Math.min(channelsMax, channels));
        return clamped % channelsStep == 0 ? clamped : clamped + 1 <= channelsMax ? clamped + 1 : clamped - 1;
    }

    /**
     * What the PCM takes, in one phrase, e.g. {@code "16000/22050/32000/44100/48000/88200/96000 Hz, 16 bit,
     * 2 channels"}.
     *
     * @return the description.
     */
    public String describe()
    {
        final String rates = Arrays.stream(ratesHz).mapToObj(Integer::toString).collect(Collectors.joining("/"));
        final String bits = Arrays.stream(bitsPerSample).mapToObj(Integer::toString).collect(Collectors.joining("/"));
        final String channels = channelsMin == channelsMax ? Integer.toString(channelsMin)
            : IntStream.iterate(channelsMin, c -> c <= channelsMax, c -> c + channelsStep)
                .mapToObj(Integer::toString).collect(Collectors.joining("/"));
        return rates + " Hz, " + bits + " bit, " + channels + " channels";
    }

    /** {@inheritDoc} */
    @Override
    public String toString()
    {
        return describe();
    }
}
