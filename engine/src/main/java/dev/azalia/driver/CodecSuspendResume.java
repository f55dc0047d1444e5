package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.log.KernelLog;
import dev.azalia.sound.SoundException;

/**
 * A codec's suspend and resume as {@code hda_call_codec_suspend} and {@code hda_call_codec_resume} make them, each
 * inside a power transition the transport is told of ({@code codec_in_pm}: no bus reset while it lasts). Suspend
 * zeroes the converters holding a stream and moves the function group to D3 ({@link CodecPower}: depop sleep, verbs,
 * poll); from then on writes only reach the register cache. Resume marks the cache dirty, moves the function group
 * to D0, runs the codec's init again and writes the whole cache back in key order; a failure is logged as Linux logs
 * it ("Unable to sync register ...").
 *
 * <p>Threading: every method but {@link #suspended()} is called under the codec driver's lock; {@link #suspended()}
 * is volatile and may be read from any thread (the jack work reads it without the driver's lock).
 */
final class CodecSuspendResume
{
    private static final int CLK_STOP_OK = 1 << 9;

    private final CommandTransport transport;
    private final int address;
    private final CodecRegmap regmap;
    private final ConverterSetups converters;
    private final KernelLog log;
    private volatile boolean suspended;
    private int lastSuspendAnswer;

    /**
     * The suspend and resume of one codec.
     *
     * @param transport  the transport told of power transitions, or null (a test's verb responder has none).
     * @param address    the codec address (CAd).
     * @param regmap     the codec's register cache.
     * @param converters the codec's converter bindings.
     * @param log        the kernel log.
     */
    CodecSuspendResume(final CommandTransport transport, final int address, final CodecRegmap regmap,
        final ConverterSetups converters, final KernelLog log)
    {
        this.transport = transport;
        this.address = address;
        this.regmap = regmap;
        this.converters = converters;
        this.log = log;
    }

    /**
     * Whether the codec is suspended (writes only reach the caches).
     *
     * @return true while suspended.
     */
    boolean suspended()
    {
        return suspended;
    }

    /**
     * Whether the link may go down now that the codec is suspended ({@code hda_codec_runtime_suspend}).
     *
     * @param power the codec's power transitions, or null before probe.
     * @return true if suspended, the function group reports CLKSTOP and EPSS and its last D3 answer had CLK_STOP_OK.
     */
    boolean clockStopOk(final CodecPower power)
    {
        return suspended && null != power && power.epss() && power.clkstop()
            && (lastSuspendAnswer & CLK_STOP_OK) != 0;
    }

    /**
     * {@code hda_call_codec_suspend}: converters zeroed, function group to D3, then cache-only. Does nothing if
     * already suspended; the codec counts as suspended afterwards even if a verb failed.
     *
     * @param power the codec's power transitions.
     */
    void suspend(final CodecPower power)
    {
        if (suspended)
        {
            return;
        }
        inPm(true);
        try
        {
            converters.cleanupAll();
            lastSuspendAnswer = power.set(Verbs.PS_D3);
        }
        finally
        {
            inPm(false);
            regmap.setCacheOnly(true);
            suspended = true;
        }
    }

    /** Marks the codec suspended without talking to it (the controller is already unreachable). */
    void markSuspended()
    {
        regmap.setCacheOnly(true);
        suspended = true;
    }

    /**
     * {@code hda_call_codec_resume}: cache dirty, function group to D0, {@code init} again, cache written back. Does
     * nothing if not suspended.
     *
     * @param power  the codec's power transitions.
     * @param init   the codec's init ({@code snd_hda_gen_init} or the HDMI driver's), which syncs the cache.
     * @param source the log prefix.
     * @return true if every register was written back.
     */
    boolean resume(final CodecPower power, final Runnable init, final String source)
    {
        if (!suspended)
        {
            return true;
        }
        regmap.setCacheOnly(false);
        regmap.markDirty();
        suspended = false;
        inPm(true);
        try
        {
            return resumeInPm(power, init, source);
        }
        finally
        {
            inPm(false);
        }
    }

    private boolean resumeInPm(final CodecPower power, final Runnable init, final String source)
    {
        try
        {
            power.set(Verbs.PS_D0);
        }
        catch (final SoundException e)
        {
            log.debug(source, "power up failed: " + e.getMessage());
        }
        try
        {
            init.run();
            return true;
        }
        catch (final CodecRegmap.RegisterSyncException e)
        {
            log.err(source, e.getMessage());
            return false;
        }
        catch (final SoundException e)
        {
            log.debug(source, "init after resume failed: " + e.getMessage());
            try
            {
                regmap.sync();
                return true;
            }
            catch (final CodecRegmap.RegisterSyncException s)
            {
                log.err(source, s.getMessage());
                return false;
            }
        }
    }

    private void inPm(final boolean entering)
    {
        if (transport != null)
        {
            transport.markInPm(address, entering);
        }
    }
}
