package dev.azalia.driver;

import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineConfig;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmState;
import dev.azalia.sound.PcmSubstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

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

    @ParameterizedTest
    @CsvSource({"true, 44100, 2, 256, 4", "true, 48000, 2, 64, 2", "true, 22050, 2, 1024, 4",
        "true, 96000, 2, 64, 2", "false, 48000, 2, 256, 4"})
    void shouldPlayEveryFrameBitExactThroughTheCard(final boolean virtualClock, final int rate, final int channels,
        final int periodFrames, final int periods) throws Exception
    {
        final CapturingDacOutput out = new CapturingDacOutput();
        try (Machine m = Machine.boot(MachineConfig.of(virtualClock, out)))
        {
            final PcmSubstream s = m.chip().card().pcms().get(0).playback();
            s.open();
            s.hwParams(new HwParams(rate, channels, 16, periodFrames, periods));
            // start when the buffer is full, as aplay sets its start threshold (the real-clock run needs the cushion)
            s.setStartThresholdFrames((long)periodFrames * periods);
            s.prepare();
            final int frameBytes = 2 * channels;
            final int frames = (virtualClock ? rate / 2 : rate / 5) + 123;
            final byte[] pcm = new byte[frames * frameBytes];
            new SplittableRandom(rate + channels).nextBytes(pcm);
            int written = 0;
            while (written < frames)
            {
                final int chunk = Math.min(333, frames - written);
                written += s.writei(pcm, written * frameBytes, chunk);
            }
            s.drain();
            assertThat(s.state()).isEqualTo(PcmState.SETUP);
            s.hwFree();
            s.close();

            final byte[] played = out.bytes();
            assertThat(played.length).isGreaterThanOrEqualTo(pcm.length);
            assertThat(Arrays.copyOf(played, pcm.length)).isEqualTo(pcm);
            assertThat(s.xruns()).isZero();
            assertThat(m.chip().periodInterrupts()).isGreaterThan(0);
            assertThat(m.failures()).isEmpty();
        }
    }
}
