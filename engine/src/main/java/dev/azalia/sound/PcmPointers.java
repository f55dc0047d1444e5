package dev.azalia.sound;

import dev.azalia.log.KernelLog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The pointer state of one playback runtime ({@code hw_ptr}, {@code appl_ptr}, {@code hw_ptr_base},
 * {@code hw_ptr_interrupt}, the time of the last update) and the arithmetic of Linux 6.1's
 * {@code snd_pcm_update_hw_ptr0}.
 *
 * <p><b>Pointers.</b> {@link #hwPtr()} and {@link #applPtr()} count frames modulo the <em>boundary</em>, a multiple of
 * the buffer (see {@link #boundaryFor}); {@code hw_ptr_base} is the buffer-aligned value that the hardware's
 * position within the ring ({@code 0 .. buffer-1}) is added to, advanced by one buffer whenever the position wraps;
 * {@code hw_ptr_interrupt} is the period-aligned {@code hw_ptr} at the last interrupt.
 *
 * <p><b>An update</b> ({@link #update}) turns a position into a new {@code hw_ptr} as Linux does: a position behind
 * the old {@code hw_ptr} means the ring wrapped (one buffer added to the base). In interrupt context, a position
 * behind {@code hw_ptr_interrupt + period} after more than half a buffer of time since the last update means the
 * interrupt is late by a whole buffer (Linux: "double acknowledged interrupts"): one more buffer is added, which
 * then makes {@code avail} reach the stop threshold (an xrun) as in Linux. A step of at least a buffer plus a period
 * is "Unexpected hw_ptr" and changes nothing. A step of more than 1.5 periods is "Lost interrupts?". With xrun debug,
 * a step further than the elapsed time allows is "hw_ptr skipping" and {@code hw_ptr} moves by the whole periods the
 * time allows instead. The messages are logged as Linux prints them with {@code xrun_debug} (source {@code ALSA},
 * error level, {@code [Q]} from an interrupt, {@code [P]} from the application side).
 *
 * <p><b>Time.</b> Linux measures the time since the last update in jiffies and tests
 * {@code jiffies_delta > buffer_jiffies / 2 + 1}. This class measures nanoseconds on the card's clock and tests
 * {@code elapsed > buffer_time / 2 + one jiffy}, a jiffy being {@link #JIFFY_NANOS} (HZ = 250, the 6.1 kernel of the
 * reference capture, Debian's amd64 configuration): the same threshold without the tick quantization (Linux's
 * answer may differ from this one when the elapsed time is within a jiffy of the threshold). The xrun-debug check
 * {@code frames*HZ/rate > jiffies_delta + HZ/100} becomes {@code frames_time > elapsed + 10 ms}, and the periods it
 * allows are {@code elapsed / (period_time + 10 ms)}. The runtime's {@code delay} is 0 here and the driver has no
 * {@code SNDRV_PCM_INFO_BATCH}, so neither shortens the check; {@code min_align} is one frame.
 *
 * <p><b>Threads.</b> Not thread-safe: every method runs under the owning substream's stream lock. Allocates nothing
 * on the normal path (only log lines allocate).
 */
final class PcmPointers
{
    /** {@link #hwPtr}: stored with release under the stream lock, read with acquire by {@link #hwPtrAcquire}. */
    private static final VarHandle HW_PTR;

    static
    {
        try
        {
            HW_PTR = MethodHandles.lookup().findVarHandle(PcmPointers.class, "hwPtr", long.class);
        }
        catch (final ReflectiveOperationException e)
        {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One jiffy at HZ = 250 (the reference 6.1 kernel's configuration), in nanoseconds. */
    static final long JIFFY_NANOS = 4_000_000L;
    /** {@code HZ/100}: the slack of the xrun-debug jiffies check, in nanoseconds. */
    static final long JIFFIES_CHECK_SLACK_NANOS = 10_000_000L;
    /** {@code HZ * 1000} jiffies: how far a pause push/release back-dates the last update, in nanoseconds. */
    static final long PAUSE_BACKDATE_NANOS = 1_000_000_000_000L;
    private static final long BOUNDARY_LIMIT = 1L << 62;

    /** What {@link #update} did. */
    enum Update
    {
        /** {@code hw_ptr} moved: the caller runs {@code snd_pcm_update_state}. */
        MOVED,
        /** The position is where {@code hw_ptr} already is. */
        UNCHANGED,
        /** "Unexpected hw_ptr": nothing was updated. */
        IGNORED
    }

    private final KernelLog log;
    private final Supplier<String> source;
    private final Supplier<String> name;

    private HwParams params;
    private long bufferFrames;
    private long periodFrames;
    private long bufferNanos;
    private long periodNanos;
    private long boundary;
    private long hwPtr;
    private long applPtr;
    private long hwPtrBase;
    private long hwPtrInterrupt;
    private long framesPlayed;
    private long lastUpdateNanos;
    private long lostInterrupts;
    private long hwPtrSkips;
    private long unexpectedHwPtrs;
    private long inferredWraps;

    /**
     * Pointers that log through {@code log}.
     *
     * @param log    the kernel log.
     * @param source the card's log source, for the "invalid position" line.
     * @param name   the substream's name, e.g. {@code pcmC0D0p:0}.
     */
    PcmPointers(final KernelLog log, final Supplier<String> source, final Supplier<String> name)
    {
        this.log = log;
        this.source = source;
        this.name = name;
    }

    /**
     * The boundary for a buffer: the buffer doubled while the result stays at or below 2<sup>62</sup> (ALSA doubles
     * while {@code boundary * 2 <= LONG_MAX - buffer_size}; the cap keeps every sum of a pointer and a buffer far
     * from overflow).
     *
     * @param bufferFrames the buffer in frames.
     * @return the boundary in frames, a multiple of the buffer.
     */
    static long boundaryFor(final long bufferFrames)
    {
        long b = bufferFrames;
        while (b <= BOUNDARY_LIMIT / 2)
        {
            b *= 2;
        }
        return b;
    }

    /**
     * Takes new hardware parameters ({@code hw_params}): sizes and boundary, every pointer 0.
     *
     * @param p the parameters.
     */
    void configure(final HwParams p)
    {
        params = p;
        bufferFrames = p.bufferFrames();
        periodFrames = p.periodFrames();
        bufferNanos = p.framesToNanos(bufferFrames);
        periodNanos = p.framesToNanos(periodFrames);
        boundary = boundaryFor(bufferFrames);
        reset(0L);
    }

    /**
     * Resets for a prepare ({@code snd_pcm_do_reset} and {@code snd_pcm_post_prepare} of a stopped stream): every
     * pointer and the base 0.
     *
     * @param nowNanos the card clock now.
     */
    void reset(final long nowNanos)
    {
        HW_PTR.setRelease(this, 0L);
        applPtr = 0;
        hwPtrBase = 0;
        hwPtrInterrupt = 0;
        framesPlayed = 0;
        lastUpdateNanos = nowNanos;
    }

    /** Clears the counters (open). */
    void clearCounters()
    {
        lostInterrupts = 0;
        hwPtrSkips = 0;
        unexpectedHwPtrs = 0;
        inferredWraps = 0;
    }

    /**
     * Marks an update time without a position ({@code snd_pcm_post_start}, and this core's RESUME).
     *
     * @param nowNanos the card clock now.
     */
    void touch(final long nowNanos)
    {
        lastUpdateNanos = nowNanos;
    }

    /**
     * A pause push or release ({@code snd_pcm_do_pause}): the last update is back-dated by {@code HZ * 1000}
     * jiffies, which skips the xrun-debug time check once (and lets a late interrupt count as a wrap).
     *
     * @param nowNanos the card clock now.
     */
    void pauseToggled(final long nowNanos)
    {
        lastUpdateNanos = nowNanos - PAUSE_BACKDATE_NANOS;
    }

    /**
     * Updates {@code hw_ptr} from a hardware position ({@code snd_pcm_update_hw_ptr0} without the
     * {@code SNDRV_PCM_POS_XRUN} case, which the caller handles, and without {@code snd_pcm_update_state}, which the
     * caller runs after {@link Update#MOVED}).
     *
     * @param position    the driver's position in frames, normally {@code 0 .. buffer-1}; outside it is logged as
     *                    "invalid position" and taken as 0.
     * @param inInterrupt true from {@code snd_pcm_period_elapsed}.
     * @param nowNanos    the card clock now.
     * @param xrunDebug   whether the xrun-debug check runs and the messages are logged.
     * @return what happened.
     */
    Update update(final long position, final boolean inInterrupt, final long nowNanos, final boolean xrunDebug)
    {
        long pos = position;
        if (pos < 0 || pos >= bufferFrames)
        {
            log.err(source.get(), String.format(Locale.ROOT,
                "invalid position: %s, pos = %d, buffer size = %d, period size = %d",
                name.get(), pos, bufferFrames, periodFrames));
            pos = 0;
        }
        final long oldHwPtr = hwPtr;
        final long elapsedNanos = nowNanos - lastUpdateNanos;
        long hwBase = hwPtrBase;
        long newHwPtr = hwBase + pos;
        if (inInterrupt && hwPtrInterrupt + periodFrames > newHwPtr && elapsedNanos > bufferNanos / 2 + JIFFY_NANOS)
        {
            // behind the next expected interrupt after more than half a buffer: a whole buffer went by
            hwBase = nextBase(hwBase);
            newHwPtr = hwBase + pos;
            inferredWraps++;
        }
        else if (newHwPtr < oldHwPtr)
        {
            hwBase = nextBase(hwBase);
            newHwPtr = hwBase + pos;
        }
        long delta = newHwPtr - oldHwPtr;
        if (delta < 0)
        {
            delta += boundary;
        }
        if (delta >= bufferFrames + periodFrames)
        {
            unexpectedHwPtrs++;
            if (xrunDebug)
            {
                hwPtrError(inInterrupt, "Unexpected hw_ptr", "(stream=0, pos=" + pos + ", new_hw_ptr=" + newHwPtr
                    + ", old_hw_ptr=" + oldHwPtr + ")");
            }
            return Update.IGNORED;
        }
        if (xrunDebug && params.framesToNanos(delta) > elapsedNanos + JIFFIES_CHECK_SLACK_NANOS)
        {
            // further than the time allows: move by the whole periods the time allows, not by the position
            final long periods = Math.max(0L, elapsedNanos) / (periodNanos + JIFFIES_CHECK_SLACK_NANOS);
            newHwPtr = oldHwPtr;
            for (long i = 0; i < periods; i++)
            {
                newHwPtr += periodFrames;
                if (newHwPtr >= boundary)
                {
                    newHwPtr -= boundary;
                }
            }
            hwPtrSkips++;
            hwPtrError(inInterrupt, "hw_ptr skipping", "(pos=" + pos + ", delta=" + delta + ", period="
                + periodFrames + ", jdelta=" + elapsedNanos / JIFFY_NANOS + "/"
                + params.framesToNanos(delta) / JIFFY_NANOS + "/" + periods + ", hw_ptr=" + oldHwPtr + "/"
                + newHwPtr + ")");
            delta = 0;
            hwBase = newHwPtr - newHwPtr % bufferFrames;
        }
        if (delta > periodFrames + periodFrames / 2)
        {
            if (inInterrupt)
            {
                lostInterrupts++;
            }
            if (xrunDebug)
            {
                hwPtrError(inInterrupt, "Lost interrupts?", "(stream=0, delta=" + delta + ", new_hw_ptr="
                    + newHwPtr + ", old_hw_ptr=" + oldHwPtr + ")");
            }
        }
        lastUpdateNanos = nowNanos;
        if (newHwPtr == oldHwPtr)
        {
            return Update.UNCHANGED;
        }
        if (inInterrupt)
        {
            long step = newHwPtr - hwPtrInterrupt;
            if (step < 0)
            {
                step += boundary;
            }
            hwPtrInterrupt += step - step % periodFrames;
            if (hwPtrInterrupt >= boundary)
            {
                hwPtrInterrupt -= boundary;
            }
        }
        long moved = newHwPtr - oldHwPtr;
        if (moved < 0)
        {
            moved += boundary;
        }
        hwPtrBase = hwBase;
        HW_PTR.setRelease(this, newHwPtr);
        framesPlayed += moved;
        return Update.MOVED;
    }

    /**
     * Playback {@code avail}: room for the application, {@code hw_ptr + buffer - appl_ptr} folded into
     * {@code [0, boundary)}.
     *
     * @return frames; 0 before {@link #configure}.
     */
    long avail()
    {
        if (null == params)
        {
            return 0L;
        }
        long avail = hwPtr + bufferFrames - applPtr;
        if (avail < 0)
        {
            avail += boundary;
        }
        else if (avail >= boundary)
        {
            avail -= boundary;
        }
        return avail;
    }

    /**
     * Where the application writes next in the ring.
     *
     * @return frames from the start of the buffer.
     */
    long applOffset()
    {
        return applPtr % bufferFrames;
    }

    /**
     * Advances {@code appl_ptr} after the application wrote.
     *
     * @param frames frames written, at most {@link #avail()}.
     */
    void advanceAppl(final long frames)
    {
        applPtr += frames;
        if (applPtr >= boundary)
        {
            applPtr -= boundary;
        }
    }

    /**
     * Test hook: a smaller boundary (a multiple of the buffer, at least two buffers), set after hw_params.
     *
     * @param frames the boundary.
     */
    void setBoundary(final long frames)
    {
        if (null == params || frames % bufferFrames != 0 || frames < 2 * bufferFrames)
        {
            throw new IllegalArgumentException("boundary must be a multiple of at least two buffers");
        }
        boundary = frames;
        HW_PTR.setRelease(this, hwPtr % frames);
        applPtr %= frames;
        hwPtrBase = hwPtr - hwPtr % bufferFrames;
        hwPtrInterrupt %= frames;
    }

    long boundary()
    {
        return boundary;
    }

    long bufferFrames()
    {
        return bufferFrames;
    }

    long periodFrames()
    {
        return periodFrames;
    }

    long hwPtr()
    {
        return hwPtr;
    }

    long applPtr()
    {
        return applPtr;
    }

    /**
     * The hardware pointer read without the stream lock, as Linux's interrupt handler reads
     * {@code runtime->status->hw_ptr} in {@code azx_position_ok}: the value of some completed update (acquire; pairs
     * with the release store of every update, made under the stream lock).
     *
     * @return frames modulo the boundary.
     */
    long hwPtrAcquire()
    {
        return (long)HW_PTR.getAcquire(this);
    }

    long hwPtrBase()
    {
        return hwPtrBase;
    }

    long hwPtrInterrupt()
    {
        return hwPtrInterrupt;
    }

    long framesPlayed()
    {
        return framesPlayed;
    }

    long lostInterrupts()
    {
        return lostInterrupts;
    }

    long hwPtrSkips()
    {
        return hwPtrSkips;
    }

    long unexpectedHwPtrs()
    {
        return unexpectedHwPtrs;
    }

    long inferredWraps()
    {
        return inferredWraps;
    }

    private long nextBase(final long hwBase)
    {
        final long next = hwBase + bufferFrames;
        return next >= boundary ? 0L : next;
    }

    /** {@code hw_ptr_error}: {@code pr_err_ratelimited("ALSA: PCM: [Q|P] <reason>: <details>")}. */
    private void hwPtrError(final boolean inInterrupt, final String reason, final String details)
    {
        log.err("ALSA", "PCM: [" + (inInterrupt ? 'Q' : 'P') + "] " + reason + ": " + details);
    }
}
