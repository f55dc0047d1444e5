package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.kernel.Kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The converters' stream bindings as {@code hda_cvt_setup} keeps them: {@link #setup} reads GET_CONV and writes
 * SET_CHANNEL_STREAMID only when the converter holds another value, reads GET_STREAM_FORMAT and writes
 * SET_STREAM_FORMAT (after a 1 ms sleep) only when it differs, and remembers both so a repeated prepare sends
 * nothing; {@link #cleanup} only marks the converter inactive; {@link #cleanupAll} (codec suspend) and a later
 * setup of the same tag on another converter zero the converter's tag and format.
 *
 * <p>Not thread-safe: the codec driver calls it under its own lock.
 */
final class ConverterSetups
{
    private static final long FORMAT_CHANGE_SLEEP_NANOS = 1_000_000L;

    private static final class Setup
    {
        final int nid;
        final int type;
        int streamTag;
        int channel;
        int format;
        boolean active;
        boolean dirty;

        Setup(final int nid, final int type)
        {
            this.nid = nid;
            this.type = type;
        }
    }

    private final CodecIo io;
    private final Kernel kernel;
    private final Map<Integer, Setup> setups = new LinkedHashMap<>();

    ConverterSetups(final CodecIo io, final Kernel kernel)
    {
        this.io = io;
        this.kernel = kernel;
    }

    /**
     * Binds a converter to a stream ({@code snd_hda_codec_prepare}: stale converters cleaned first, then
     * {@code __snd_hda_codec_setup_stream}).
     *
     * @param nid       the converter.
     * @param type      its widget type (output or input converter).
     * @param streamTag the stream tag.
     * @param channel   the first channel.
     * @param format    the stream format word.
     */
    void setup(final int nid, final int type, final int streamTag, final int channel, final int format)
    {
        for (final Setup s : setups.values())
        {
            if (s.dirty)
            {
                reallyCleanup(s);
            }
        }
        final Setup p = setups.computeIfAbsent(nid, n -> new Setup(n, type));
        if (p.streamTag != streamTag || p.channel != channel)
        {
            final int old = io.exec(nid, Verbs.GET_CONV, 0);
            final int value = streamTag << 4 | channel;
            if (old != value)
            {
                io.exec(nid, Verbs.SET_CHANNEL_STREAMID, value);
            }
            p.streamTag = streamTag;
            p.channel = channel;
        }
        if (p.format != format)
        {
            final int old = io.exec(nid, Verbs.GET_STREAM_FORMAT, 0);
            if (old != format)
            {
                kernel.delayNanos(FORMAT_CHANGE_SLEEP_NANOS);
                io.exec(nid, Verbs.SET_STREAM_FORMAT, format);
            }
            p.format = format;
        }
        p.active = true;
        p.dirty = false;
        for (final Setup s : setups.values())
        {
            if (!s.active && s.streamTag == streamTag && s.type == type)
            {
                s.dirty = true;
            }
        }
    }

    /**
     * Unbinds a converter lazily ({@code snd_hda_codec_cleanup_stream}): no verb.
     *
     * @param nid the converter.
     */
    void cleanup(final int nid)
    {
        final Setup p = setups.get(nid);
        if (null != p)
        {
            p.active = false;
        }
    }

    /** Zeroes every converter that holds a stream tag ({@code hda_cleanup_all_streams}, at codec suspend). */
    void cleanupAll()
    {
        for (final Setup s : setups.values())
        {
            if (s.streamTag != 0)
            {
                reallyCleanup(s);
            }
        }
    }

    private void reallyCleanup(final Setup s)
    {
        try
        {
            if (s.streamTag != 0 || s.channel != 0)
            {
                io.exec(s.nid, Verbs.SET_CHANNEL_STREAMID, 0);
            }
            if (s.format != 0)
            {
                io.exec(s.nid, Verbs.SET_STREAM_FORMAT, 0);
            }
        }
        finally
        {
            forget(s);
        }
    }

    private static void forget(final Setup s)
    {
        s.streamTag = 0;
        s.channel = 0;
        s.format = 0;
        s.active = false;
        s.dirty = false;
    }
}
