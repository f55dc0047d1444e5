package dev.azalia.driver;

import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;
import dev.azalia.sound.Errno;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmState;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.sound.SoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

final class DriverPlaybackTest
{
    @Test
    void shouldProbeCodecAndRegisterCardOnVirtualMachine() throws Exception
    {
        final CapturingDacOutput out = new CapturingDacOutput();
        try (Machine m = Machine.boot(MachineConfig.of(true, out)))
        {
            final AzxChip chip = m.chip();
            assertThat(chip.probeFailure()).isNull();
            assertThat(chip.card().isRegistered()).isTrue();
            assertThat(chip.codecs()).hasSize(1);
            assertThat(chip.codecs().get(0).vendorId()).as("QEMU's hda-duplex").isEqualTo(0x1af40022);
            assertThat(chip.codecs().get(0).dacNid()).isEqualTo(2);
            assertThat(chip.codecs().get(0).pinNid()).isEqualTo(3);
            assertThat(m.log().lines()).anyMatch(l -> l.contains("autoconfig for Generic: line_outs=1 (0x3/"));
            assertThat(m.log().contains("CORB reset timeout")).isFalse();
            assertThat(m.failures()).isEmpty();
        }
    }

    /**
     * Bit-exact playback on the virtual clock, and on the real clock with every thread of a real run. On the real
     * clock a stalled machine (the link clock running on while the application or the interrupt thread is held for
     * longer than the buffer) underruns as it would on hardware; the buffer there is a third of a second, the
     * xrun-debug checks make a missed wrap an xrun rather than silently stale data, and a run that xruns is played
     * again (up to three times) instead of being judged: what is checked is the pipeline, not this machine's timing.
     */
    @ParameterizedTest
    @CsvSource({"true, 44100, 2, 256, 4", "true, 48000, 2, 64, 2", "true, 22050, 2, 1024, 4",
        "true, 96000, 2, 64, 2", "false, 48000, 2, 4096, 4"})
    void shouldPlayEveryFrameBitExactThroughTheCard(final boolean virtualClock, final int rate, final int channels,
        final int periodFrames, final int periods) throws Exception
    {
        final int bufferFrames = periodFrames * periods;
        // past the end of the buffer, so that the ring wraps
        final int frames = (virtualClock ? rate / 2 : bufferFrames * 5 / 4) + 123;
        final byte[] pcm = new byte[frames * 2 * channels];
        new SplittableRandom(rate + channels).nextBytes(pcm);
        final List<String> stalls = new ArrayList<>();
        for (int attempt = 0; attempt < (virtualClock ? 1 : 3); attempt++)
        {
            final CapturingDacOutput out = new CapturingDacOutput();
            try (Machine m = Machine.boot(MachineConfig.of(virtualClock, out)))
            {
                final PcmSubstream s = m.chip().card().pcms().get(0).playback();
                s.open();
                s.hwParams(new HwParams(rate, channels, 16, periodFrames, periods));
                // start when the buffer is full, as aplay sets its start threshold
                s.setStartThresholdFrames(bufferFrames);
                s.setXrunDebug(!virtualClock);
                s.prepare();
                if (!play(s, pcm, frames, 2 * channels))
                {
                    stalls.add("xrun after " + out.bytes().length + " bytes: " + m.log().lines());
                    s.drop();
                    s.close();
                    continue;
                }
                assertThat(s.state()).isEqualTo(PcmState.SETUP);
                s.hwFree();
                s.close();

                final byte[] played = out.bytes();
                assertThat(s.xruns()).as("xruns").isZero();
                assertThat(played.length).isGreaterThanOrEqualTo(pcm.length);
                assertThat(Arrays.copyOf(played, pcm.length)).isEqualTo(pcm);
                assertThat(m.chip().periodInterrupts()).isGreaterThan(0);
                assertThat(m.failures()).isEmpty();
                return;
            }
        }
        fail("the real-clock run underran three times (the machine stalled for longer than the buffer): " + stalls);
    }

    /** Writes everything and drains; false when the stream underran (EPIPE), as the real clock may on a stall. */
    private static boolean play(final PcmSubstream s, final byte[] pcm, final int frames, final int frameBytes)
        throws SoundException
    {
        try
        {
            int written = 0;
            while (written < frames)
            {
                final int chunk = Math.min(333, frames - written);
                written += s.writei(pcm, written * frameBytes, chunk);
            }
            s.drain();
            return s.xruns() == 0;
        }
        catch (final SoundException e)
        {
            if (Errno.EPIPE != e.errno())
            {
                throw e;
            }
            return false;
        }
    }
}
