package dev.azalia.testbed;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a long run keeps: the probe's reference is a window sized to what can lie between the application and the
 * probe, so a run of minutes allocates a few MiB for it, not the minutes of audio (which every young collection
 * would copy while they were kept).
 */
final class TestbedMemoryTest
{
    private static final int RATE = 44_100;
    private static final Duration LENGTH = Duration.ofMinutes(2);

    @Test
    void shouldAllocateAFewMegabytesForAMinutesLongRunNotItsAudio() throws Exception
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long id = Thread.currentThread().getId();
        final Testbed bed = Testbed.builder().source(SourceSpec.sine(440, RATE, 2, LENGTH)).buffer(4, 1024)
            .quiet(true).build();
        // a short run first, so the classes and the JIT's first compilations are not counted
        Testbed.builder().source(SourceSpec.sine(440, RATE, 2, Duration.ofSeconds(5))).quiet(true).build().run();

        final long before = threads.getThreadAllocatedBytes(id);
        final RunResult result = bed.run();
        final long allocated = threads.getThreadAllocatedBytes(id) - before;

        final long audioBytes = LENGTH.toSeconds() * RATE * 4;
        assertThat(result.failure()).isNull();
        assertThat(result.probe().framesChecked()).isEqualTo(LENGTH.toSeconds() * RATE);
        // the virtual clock runs every thread's work here; the run's fixed set-up is a few MiB of its own
        assertThat(allocated).as("bytes allocated by a run of %d bytes of audio", audioBytes)
            .isLessThan(audioBytes / 3);
    }
}
