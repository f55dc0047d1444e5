package dev.azalia.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Verbs cost link time (HD-Audio link at 48 kHz: a command goes out in one frame, the response comes back in the
 * next): the driver's get_response really waits, on the virtual clock, until the controller has the response.
 */
final class VerbLinkTimeTest
{
    /** One link frame at 48 kHz, rounded down. */
    private static final long FRAME_NANOS = 20_833L;
    /** The response field at the start of the frame after the command's (36 bits at 24 MHz). */
    private static final long RESPONSE_FIELD_NANOS = 1_500L;

    private final CapturingDacOutput out = new CapturingDacOutput();

    @Test
    void shouldWaitAtLeastOneFrameAndTheResponseFieldForEveryVerb() throws Exception
    {
        try (Machine m = Machine.boot(MachineConfig.of(true, out)))
        {
            final CommandTransport transport = m.chip().transport();
            for (int i = 0; i < 16; i++)
            {
                final long before = m.clock().nanoTime();
                final int vendor = transport.execute(Verbs.make(0, 0, Verbs.GET_PARAMETER, Verbs.PAR_VENDOR_ID));
                final long took = m.clock().nanoTime() - before;

                assertThat(vendor).isEqualTo(0x1af40022);
                assertThat(took).as("verb %d: out at the next frame boundary, in during the frame after", i)
                    .isGreaterThan(FRAME_NANOS + RESPONSE_FIELD_NANOS)
                    .isLessThanOrEqualTo(2 * FRAME_NANOS + 2 + RESPONSE_FIELD_NANOS);
            }
        }
    }

    @Test
    void shouldCostTwoLinkFramesPerVerbWhenVerbsFollowEachOther() throws Exception
    {
        try (Machine m = Machine.boot(MachineConfig.of(true, out)))
        {
            final CommandTransport transport = m.chip().transport();
            final int verbs = 100;
            final long before = m.clock().nanoTime();
            for (int i = 0; i < verbs; i++)
            {
                transport.execute(Verbs.make(0, 1, Verbs.GET_PARAMETER, Verbs.PAR_NODE_COUNT));
            }
            final long took = m.clock().nanoTime() - before;

            // the first verb waits for a frame boundary; every later one is sent as the previous answer comes in,
            // and goes out in the frame after that answer's
            assertThat(took).isGreaterThanOrEqualTo((verbs - 1) * 2 * FRAME_NANOS + FRAME_NANOS);
            assertThat(took).isLessThanOrEqualTo(verbs * (2 * FRAME_NANOS + 2) + RESPONSE_FIELD_NANOS);
        }
    }

    @Test
    void shouldShowEveryProbeVerbsLinkTimeInTheVerbTrace() throws Exception
    {
        final StringBuilder trace = new StringBuilder();
        try (Machine m = Machine.boot(MachineConfig.of(true, out).withVerbTrace(trace)))
        {
            assertThat(m.failures()).isEmpty();
        }
        final Pattern event = Pattern.compile("(\\d+)\\.(\\d{6}): (hda_send_cmd|hda_get_response):");
        long sentMicros = -1;
        int verbs = 0;
        long totalMicros = 0;
        for (final String line : trace.toString().split("\n"))
        {
            final Matcher e = event.matcher(line);
            if (!e.find())
            {
                continue;
            }
            final long micros = Long.parseLong(e.group(1)) * 1_000_000L + Long.parseLong(e.group(2));
            if ("hda_send_cmd".equals(e.group(3)))
            {
                sentMicros = micros;
                continue;
            }
            assertThat(micros - sentMicros).as("send to response, verb %d: %s", verbs, line)
                .isGreaterThanOrEqualTo((FRAME_NANOS + RESPONSE_FIELD_NANOS) / 1000);
            totalMicros += micros - sentMicros;
            verbs++;
        }
        assertThat(verbs).isGreaterThan(40);
        assertThat(totalMicros).isGreaterThanOrEqualTo(verbs * (FRAME_NANOS + RESPONSE_FIELD_NANOS) / 1000);
    }
}
