package dev.azalia.link;

import org.junit.jupiter.api.Test;

import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.time.VirtualNanoClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device model's time arithmetic over long runs (reliability table S04): frames consumed are elapsed nanoseconds
 * times the rate, a product that passes 2^63 after 13.3 h at 192 kHz (53 h at 48 kHz) when taken in one step.
 */
final class VirtualDeviceModelLongRunTest
{
    private static final int RATE = 192_000;

    @Test
    void shouldStillSeeAnUnderrunAfterFourteenHoursAt192Khz()
    {
        final VirtualNanoClock clock = new VirtualNanoClock();
        final DacOutput nowhere = (a, n, f, pcm, o, l, t) -> { };
        final VirtualDeviceModel device = new VirtualDeviceModel(nowhere, clock, 4096, 1024, delta -> { });
        final StreamFormat format = StreamFormat.of(RATE, 16, 2);
        final byte[] second = new byte[RATE * format.frameBytes()];
        // fill the device's buffer, then one second of frames each second, for 14 hours
        device.onSamples(0, 2, format, second, 0, 4096 * format.frameBytes(), clock.nanoTime());
        for (int s = 0; s < 14 * 3600; s++)
        {
            device.onSamples(0, 2, format, second, 0, second.length, clock.nanoTime());
            clock.advance(1_000_000_000L);
        }
        assertThat(device.underruns()).isZero();

        // then nothing for a second: the device runs dry
        clock.advance(1_000_000_000L);
        device.onSamples(0, 2, format, second, 0, second.length, clock.nanoTime());

        assertThat(device.underruns()).isEqualTo(1);
        assertThat(device.minFillFrames()).isNegative().isGreaterThan(-2L * RATE);
    }
}
