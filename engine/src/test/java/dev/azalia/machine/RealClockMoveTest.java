package dev.azalia.machine;

import dev.azalia.driver.AzxConfig;
import dev.azalia.link.LinkRing;
import dev.azalia.link.NullSink;
import dev.azalia.link.SinkWriter;
import dev.azalia.sound.Errno;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmRecovery;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.sound.SoundException;
import dev.azalia.time.SystemNanoClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BAR moves on the real clock, with every thread of a real run (link clock, {@code irq/<n>}, workqueue, the
 * experiment's {@code pci} and {@code jack} threads, a feeder writing periods) and a jack event every millisecond,
 * so that unsolicited work keeps running into the policy's quiesce: no access may reach the unmapped BAR, no move
 * may fail, no device thread may die. (It guards the ordering; the rare interleaving that made {@code suspend}
 * fault once in about 500 moves in a 10 s player run, a jack event's work preempted between the codec's
 * "suspended" check and its verb, is not forced here.)
 */
final class RealClockMoveTest
{
    private static final int RATE = 48_000;
    private static final int PERIOD_FRAMES = 256;
    private static final long MS = 1_000_000L;
    private static final long RUN_NANOS = 1_500 * MS;

    @ParameterizedTest
    @ValueSource(strings = {"suspend", "live"})
    void shouldNeverTouchTheUnmappedBarWhileJackEventsRaceTheMoves(final String policy) throws Exception
    {
        final NullSink sink = new NullSink(SystemNanoClock.INSTANCE, true);
        final LinkRing ring = new LinkRing(256, 4096, SystemNanoClock.INSTANCE);
        ring.addHandler(new SinkWriter(sink));
        ring.start();
        final Machine machine = Machine.boot(MachineConfig.of(false, ring).withClock(SystemNanoClock.INSTANCE)
            .withDriverConfig(AzxConfig.DEFAULT.withPolicy(policy)).withCodec(MachineCodec.DEFAULT.forJackEvents(true)));
        final PcmSubstream pcm = machine.chip().card().pcms().get(0).playback();
        pcm.open();
        pcm.hwParams(new HwParams(RATE, 2, 16, PERIOD_FRAMES, 4));
        // start when the buffer is full, as aplay sets its start threshold
        pcm.setStartThresholdFrames(PERIOD_FRAMES * 4L);
        pcm.prepare();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread feeder = new Thread(() -> feed(pcm, running), "feeder");
        feeder.setDaemon(true);
        feeder.start();
        final BarMoveExperiment experiment = new BarMoveExperiment(machine,
            new BarMoveExperiment.Plan(3 * MS, -1, 0, MS, 11));
        try
        {
            experiment.start();
            LockSupport.parkNanos(RUN_NANOS);
        }
        finally
        {
            experiment.stop();
            running.set(false);
            feeder.join(TimeUnit.SECONDS.toMillis(10));
            pcm.drop();
            pcm.close();
            machine.close();
            ring.close();
            sink.close();
        }

        final String what = policy + ": " + experiment.moves() + " moves, " + experiment.jackEvents()
            + " jack events, log " + machine.log().lines();
        assertThat(feeder.isAlive()).as("feeder stuck").isFalse();
        // a suspend move sleeps 100 ms for the codec's depop before D3: fewer moves fit in the run
        assertThat(experiment.moves()).as(what).isGreaterThan("suspend".equals(policy) ? 5 : 20);
        assertThat(experiment.jackEvents()).as(what).isGreaterThan(100);
        assertThat(machine.bus().faults()).as(what).isZero();
        assertThat(machine.bus().staleAccesses()).as(what).isZero();
        assertThat(machine.chip().moveStats().failed()).as(what).isZero();
        assertThat(machine.failures()).as(what).isEmpty();
    }

    private static void feed(final PcmSubstream pcm, final AtomicBoolean running)
    {
        final byte[] silence = new byte[PERIOD_FRAMES * 4];
        while (running.get())
        {
            try
            {
                pcm.writei(silence, 0, PERIOD_FRAMES);
            }
            catch (final SoundException e)
            {
                if (Errno.ESTRPIPE == e.errno())
                {
                    resumeOrPrepare(pcm);
                }
                else if (Errno.EPIPE == e.errno())
                {
                    pcm.prepare();
                }
                else
                {
                    return;
                }
            }
        }
    }

    private static void resumeOrPrepare(final PcmSubstream pcm)
    {
        PcmRecovery.resumeOrPrepare(pcm);
    }
}
