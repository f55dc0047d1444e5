package dev.azalia.kernel.trace;

import dev.azalia.time.NanoClock;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records tracepoints as ftrace's text output ({@code /sys/kernel/tracing/trace}) prints them, one line per event:
 * <pre>
 *      kworker/0:2-48      [000] .....     4.283656: hda_send_cmd: [0000:00:1b.0:0] val=0x000f0000
 *           aplay-126     [000] d..1.    12.712021: azx_pcm_trigger: [0:4] cmd=1
 *          &lt;idle&gt;-0       [000] d.h2.    12.811486: azx_get_position: [0:4] pos=24352, delay=0
 * </pre>
 * The task column is {@code comm} right-aligned in 16 characters, {@code -pid} left-aligned in 7 (the task comes
 * from a {@link TaskResolver}, see {@link Task#forContext}); the CPU is always {@code [000]} (the machine has one);
 * the flags are what Linux shows for the event in that context: {@code d} where the event runs with interrupts
 * off (trigger, stream start/stop and pointer run under the PCM stream lock), {@code h} in the interrupt handler,
 * the preemption depth, {@code N} on {@code hda_get_response} (the waiting task was just woken); the time is
 * seconds with six decimals since the origin, computed exactly as {@link dev.azalia.pci.MmioTrace} computes its
 * time, so with the same clock and origin an MMIO access and an event at the same instant carry the same time.
 *
 * <p>The application's pid: the application task is numbered from {@value #FIRST_APPLICATION_PID} and each
 * {@code azx_pcm_open} after the first counts as a new process (one {@code aplay} per play, as in the capture).
 * Marks are written as ftrace writes {@code trace_marker}: {@code tracing_mark_write: TEXT} (a real capture's
 * {@code hda-events.txt} has none; a tool comparing event sequences skips them).
 *
 * <p>Thread-safe: a line is stamped, formatted and appended under this object's lock, so times never decrease
 * in the file. A failing {@link Appendable} never reaches the caller: the line is dropped and counted
 * ({@link #appendFailures()}).
 */
public final class FtraceRecorder implements Tracepoints
{
    /** The pid of the first application process. */
    public static final int FIRST_APPLICATION_PID = 126;

    private static final int DEPTH_TRIGGER = 1;
    private static final int DEPTH_STREAM = 2;
    private static final int DEPTH_POSITION = 1;

    private final Appendable out;
    private final NanoClock clock;
    private final long originNanos;
    private final TaskResolver tasks;
    private final AtomicLong appendFailures = new AtomicLong();
    private final StringBuilder line = new StringBuilder(128);
    private int applicationPid = FIRST_APPLICATION_PID;
    private boolean applicationOpened;

    private FtraceRecorder(final Appendable out, final NanoClock clock, final long originNanos,
        final TaskResolver tasks)
    {
        this.out = out;
        this.clock = clock;
        this.originNanos = originNanos;
        this.tasks = tasks;
    }

    /**
     * A recorder writing to {@code out}.
     *
     * @param out         the sink; it only sees whole lines ending in {@code '\n'}.
     * @param clock       the clock for timestamps (the machine's).
     * @param originNanos the clock reading that prints as {@code 0.000000} (the mmiotrace's origin, to merge).
     * @param tasks       who makes each call.
     * @return an enabled recorder.
     */
    public static FtraceRecorder to(final Appendable out, final NanoClock clock, final long originNanos,
        final TaskResolver tasks)
    {
        return new FtraceRecorder(Objects.requireNonNull(out, "out"), Objects.requireNonNull(clock, "clock"),
            originNanos, Objects.requireNonNull(tasks, "tasks"));
    }

    /** {@inheritDoc} */
    @Override
    public boolean enabled()
    {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void hdaSendCmd(final String device, final int verb)
    {
        begin(tasks.currentTask(), 0, false, "hda_send_cmd");
        codecArgs(device, verb >>> 28, verb);
        end();
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void hdaGetResponse(final String device, final int codecAddress, final int response)
    {
        begin(tasks.currentTask(), 0, true, "hda_get_response");
        codecArgs(device, codecAddress, response);
        end();
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void azxPcmOpen(final int streamTag)
    {
        final Task task = tasks.currentTask();
        if (Task.APPLICATION == task)
        {
            if (applicationOpened)
            {
                applicationPid++;
            }
            applicationOpened = true;
        }
        streamTagEvent(task, "azx_pcm_open", streamTag);
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void azxPcmHwParams(final int streamTag)
    {
        streamTagEvent(tasks.currentTask(), "azx_pcm_hw_params", streamTag);
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void azxPcmPrepare(final int streamTag)
    {
        streamTagEvent(tasks.currentTask(), "azx_pcm_prepare", streamTag);
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void azxPcmClose(final int streamTag)
    {
        streamTagEvent(tasks.currentTask(), "azx_pcm_close", streamTag);
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void azxPcmTrigger(final int card, final int streamIndex, final int cmd)
    {
        begin(tasks.currentTask(), DEPTH_TRIGGER, false, "azx_pcm_trigger");
        line.append('[').append(card).append(':').append(streamIndex).append("] cmd=").append(cmd);
        end();
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void streamStart(final int streamTag)
    {
        begin(tasks.currentTask(), DEPTH_STREAM, false, "snd_hdac_stream_start");
        line.append("stream_tag: ").append(streamTag);
        end();
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void streamStop(final int streamTag)
    {
        begin(tasks.currentTask(), DEPTH_STREAM, false, "snd_hdac_stream_stop");
        line.append("stream_tag: ").append(streamTag);
        end();
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void azxGetPosition(final int card, final int streamIndex, final int posBytes,
        final int delayFrames)
    {
        begin(tasks.currentTask(), DEPTH_POSITION, false, "azx_get_position");
        line.append('[').append(card).append(':').append(streamIndex).append("] pos=")
            .append(posBytes & 0xffffffffL).append(", delay=").append(delayFrames);
        end();
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void azxSuspend(final int card)
    {
        cardEvent("azx_suspend", card);
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void azxResume(final int card)
    {
        cardEvent("azx_resume", card);
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void azxRuntimeSuspend(final int card)
    {
        cardEvent("azx_runtime_suspend", card);
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void azxRuntimeResume(final int card)
    {
        cardEvent("azx_runtime_resume", card);
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void mark(final String text)
    {
        begin(tasks.currentTask(), 0, false, "tracing_mark_write");
        line.append(text);
        end();
    }

    /** {@inheritDoc} */
    @Override
    public long appendFailures()
    {
        return appendFailures.get();
    }

    private void cardEvent(final String event, final int card)
    {
        begin(tasks.currentTask(), 0, false, event);
        line.append("card index: ").append(card);
        end();
    }

    private void streamTagEvent(final Task task, final String event, final int streamTag)
    {
        begin(task, 0, false, event);
        line.append("stream_tag: ").append(streamTag);
        end();
    }

    private void codecArgs(final String device, final int codecAddress, final int value)
    {
        line.append('[').append(device).append(':').append(codecAddress).append("] val=0x");
        final String hex = Integer.toHexString(value);
        for (int i = hex.length(); i < 8; i++)
        {
            line.append('0');
        }
        line.append(hex);
    }

    /** Starts a line: task, CPU, flags, time and the event's name. */
    private void begin(final Task task, final int lockDepth, final boolean woken, final String event)
    {
        line.setLength(0);
        final String pid = Integer.toString(Task.APPLICATION_PID == task.pid() ? applicationPid : task.pid());
        pad(task.comm().length(), 16);
        line.append(task.comm()).append('-').append(pid);
        pad(0, 7 - pid.length());
        line.append(" [000] ");
        if (task.hardIrq())
        {
            line.append("d.h").append(lockDepth + 1).append('.');
        }
        else if (lockDepth > 0)
        {
            line.append("d..").append(lockDepth).append('.');
        }
        else
        {
            line.append(woken ? ".N..." : ".....");
        }
        line.append(' ');
        final long micros = (clock.nanoTime() - originNanos) / 1_000L;
        final String seconds = Long.toString(micros / 1_000_000L);
        final String frac = Long.toString(micros % 1_000_000L);
        pad(seconds.length(), 5);
        line.append(seconds).append('.');
        pad(frac.length(), 6, '0');
        line.append(frac).append(": ").append(event).append(": ");
    }

    private void pad(final int length, final int width)
    {
        pad(length, width, ' ');
    }

    private void pad(final int length, final int width, final char c)
    {
        for (int i = length; i < width; i++)
        {
            line.append(c);
        }
    }

    private void end()
    {
        line.append('\n');
        try
        {
            out.append(line);
        }
        catch (final IOException | RuntimeException e)
        {
            appendFailures.incrementAndGet();
        }
    }
}
