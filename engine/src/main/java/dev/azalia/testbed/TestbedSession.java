package dev.azalia.testbed;

import dev.azalia.machine.Machine;
import dev.azalia.pci.RescanResult;

import java.util.concurrent.CountDownLatch;

/**
 * A real-clock run playing in the background while the caller acts on the card: started by {@link Testbed#start()},
 * used (a BAR move per JMH invocation with {@link #moveBar()}, or anything on {@link #machine()}), then stopped
 * with {@link #stop()} for its {@link RunResult}, as a container is started, used and stopped:
 *
 * <pre>{@code
 * try (TestbedSession session = Testbed.builder().clock(ClockMode.REAL).policy("live")
 *         .source(SourceSpec.sine(440, 48_000, 2, Duration.ofMinutes(10))).build().start())
 * {
 *     session.moveBar();
 *     RunResult result = session.stop();
 * }
 * }</pre>
 *
 * <p>The run is the one {@link Testbed#run()} would make (the same threads, probes and figures), on an application
 * thread of the session's own; {@link #stop()} ends its source before the next period, as if the file ended there,
 * lets the stream drain and returns what {@link Testbed#run()} would have returned. A source that ends by itself ends
 * the run too; {@link #stop()} then only collects the result.
 *
 * <p>Threading: one controlling thread calls {@link #moveBar()}, {@link #stop()} and {@link #close()}; the
 * machine's own threads run meanwhile, as a kernel's do while user space triggers a PCI rescan.
 */
public final class TestbedSession implements AutoCloseable
{
    private final TestbedRun run;
    private final Runnable onEnd;
    /** Counted down when the first frames have played or the run ended, whichever comes first. */
    private final CountDownLatch playingOrEnded = new CountDownLatch(1);
    private volatile boolean played;
    private final Thread application;
    /** Written by the application thread before it ends; read after {@link Thread#join()} (happens-before). */
    private RunResult result;
    private Throwable failure;
    private boolean stopped;

    private TestbedSession(final TestbedRun run, final Runnable onEnd)
    {
        this.run = run;
        this.onEnd = onEnd;
        run.onPlaying(() ->
        {
            played = true;
            playingOrEnded.countDown();
        });
        application = new Thread(this::play, "testbed-application");
        application.setDaemon(true);
    }

    /**
     * Boots the run's machine on a thread of its own and returns once the first frames have played.
     *
     * @param run   the run, not yet played.
     * @param onEnd run once when the session ends.
     * @return the playing session.
     * @throws Exception as {@link Testbed#run()} when the run ends before it plays (with its failure's message).
     */
    static TestbedSession start(final TestbedRun run, final Runnable onEnd) throws Exception
    {
        final TestbedSession session = new TestbedSession(run, onEnd);
        session.application.start();
        session.awaitPlaying();
        return session;
    }

    private void play()
    {
        try
        {
            result = run.play();
        }
        catch (final Exception | Error e)
        {
            failure = e;
        }
        finally
        {
            playingOrEnded.countDown();
        }
    }

    private void awaitPlaying() throws Exception
    {
        playingOrEnded.await();
        if (played)
        {
            return;
        }
        final RunResult early = stop();
        throw new IllegalStateException("the run ended before it played"
            + (null == early.failure() ? "" : ": " + early.failure()));
    }

    /**
     * The playing machine: its PCI bus, card, codecs and kernel log.
     *
     * @return the machine.
     */
    public Machine machine()
    {
        return run.machine();
    }

    /**
     * Moves the card's BAR once, on the calling thread: the PCI core's rescan ({@code echo 1 >
     * /sys/bus/pci/rescan}) with the driver's {@code rescan_prepare} and {@code rescan_done} under the run's policy.
     * The move's stall goes into the run's BAR-move figures.
     *
     * @return what the rescan moved and refused.
     * @throws IllegalStateException when the session has stopped.
     */
    public RescanResult moveBar()
    {
        if (stopped)
        {
            throw new IllegalStateException("the session has stopped");
        }
        return run.machine().bus().rescan();
    }

    /**
     * Whether the run is still playing (its source not ended, the session not stopped).
     *
     * @return true while playing.
     */
    public boolean isPlaying()
    {
        return !stopped && application.isAlive();
    }

    /**
     * Ends the source before its next period, waits for the run to drain and finish, and returns its figures.
     * Idempotent: a second call returns the same result.
     *
     * @return every figure of the run, as {@link Testbed#run()} returns it.
     * @throws Exception as {@link Testbed#run()}, or when interrupted while waiting.
     */
    public RunResult stop() throws Exception
    {
        if (!stopped)
        {
            run.requestStop();
            application.join();
            stopped = true;
            onEnd.run();
        }
        if (failure instanceof Exception e)
        {
            throw e;
        }
        if (failure instanceof Error e)
        {
            throw e;
        }
        return result;
    }

    /**
     * Stops the session if it still plays, dropping its result; a failure of the run is not thrown here (call
     * {@link #stop()} for it). Idempotent.
     */
    @Override
    public void close()
    {
        try
        {
            stop();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
        catch (final Exception e)
        {
            // the run's own failure: stop() reports it to a caller that asks
        }
    }

    /**
     * A progress listener that passes everything on and runs a hook once, the first time frames have played.
     */
    static final class PlayingSignal implements ProgressListener
    {
        private final ProgressListener next;
        private Runnable hook;

        PlayingSignal(final ProgressListener next, final Runnable hook)
        {
            this.next = next;
            this.hook = hook;
        }

        @Override
        public void onProgress(final long framesPlayed, final long totalFrames, final long xruns, final long underruns)
        {
            if (null != hook && framesPlayed > 0)
            {
                hook.run();
                hook = null;
            }
            next.onProgress(framesPlayed, totalFrames, xruns, underruns);
        }

        @Override
        public void onFinish()
        {
            next.onFinish();
        }
    }
}
