package dev.azalia.sound;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PCM ring arithmetic over long runs (reliability table S03): a million periods with the boundary at four
 * buffers (hw_ptr and appl_ptr wrap every four buffers, the interrupt pointer and hw_ptr_base with them), and a run
 * across 2<sup>30</sup> frames, the boundary the 32-bit compat path computes for a 1,024-frame buffer (the largest
 * buffer &times; 2<sup>n</sup> below 0x7FFFFFFF; 6.2 h of audio at 48 kHz for a 16,384-frame buffer). Every period
 * is written whole and checked where the "hardware" reads it; the pointers are compared after every period with
 * 64-bit shadows taken modulo the boundary.
 */
final class PcmBoundaryLongRunTest
{
    private static final long MS = 1_000_000L;
    private static final int PERIOD = PcmFixture.PARAMS.periodFrames();
    private static final int BUFFER = PcmFixture.PARAMS.bufferFrames();

    private static void stamp(final byte[] b, final int frame, final long v)
    {
        b[4 * frame] = (byte)v;
        b[4 * frame + 1] = (byte)(v >>> 8);
        b[4 * frame + 2] = (byte)(v >>> 16);
        b[4 * frame + 3] = (byte)(v >>> 24);
    }

    private static int stamped(final byte[] b, final int frame)
    {
        return (b[4 * frame] & 0xff) | (b[4 * frame + 1] & 0xff) << 8 | (b[4 * frame + 2] & 0xff) << 16
            | (b[4 * frame + 3] & 0xff) << 24;
    }

    @ParameterizedTest(name = "boundary {0} frames")
    @ValueSource(longs = {4L * 1024, 1L << 30})
    void shouldKeepEveryPointerEqualToItsShadowModuloTheBoundaryOverMillionsOfPeriods(final long boundary)
    {
        // enough periods to wrap the boundary at least once, and at least 10^6
        final long periods = Math.max(1_000_000L, boundary / PERIOD + 2 * BUFFER / PERIOD + 1);
        final PcmFixture f = PcmFixture.virtual(MS, false).prepared();
        f.s.setBoundaryForTest(boundary);
        assertThat(f.s.boundary()).isEqualTo(boundary);
        final long[] consumed = {0};
        final long[] mismatches = {0};
        final long[] pointerErrors = {0};
        final long[] wraps = {0};
        final long[] lastHw = {0};
        final byte[] dma = new byte[PERIOD * PcmFixture.FRAME_BYTES];
        f.virtualWaiter().setHardware(() ->
        {
            // the first and last frame of the period at the DMA position carry their sequence number
            f.memory.read(f.s.dmaAddress() + f.ops.position() * PcmFixture.FRAME_BYTES, dma, 0, dma.length);
            if (stamped(dma, 0) != (int)consumed[0] || stamped(dma, PERIOD - 1) != (int)(consumed[0] + PERIOD - 1))
            {
                mismatches[0]++;
            }
            consumed[0] += PERIOD;
            f.playPeriod();
            final long hw = f.s.hwPtr();
            if (hw != f.s.framesPlayed() % boundary || hw >= boundary || f.s.applPtr() >= boundary)
            {
                pointerErrors[0]++;
            }
            if (hw < lastHw[0])
            {
                wraps[0]++;
            }
            lastHw[0] = hw;
        });
        final byte[] period = new byte[PERIOD * PcmFixture.FRAME_BYTES];
        long written = 0;
        for (long p = 0; p < periods; p++)
        {
            stamp(period, 0, written);
            stamp(period, PERIOD - 1, written + PERIOD - 1);
            assertThat(f.s.writei(period, 0, PERIOD)).isEqualTo(PERIOD);
            written += PERIOD;
            if (f.s.applPtr() != written % boundary)
            {
                pointerErrors[0]++;
            }
        }

        assertThat(mismatches[0]).isZero();
        assertThat(pointerErrors[0]).isZero();
        assertThat(f.s.framesPlayed()).isEqualTo(consumed[0]).isGreaterThanOrEqualTo(written - BUFFER);
        assertThat(wraps[0]).isEqualTo(f.s.framesPlayed() / boundary).isPositive();
        assertThat(f.s.availFrames() + f.s.delayFrames()).isEqualTo(BUFFER);
        assertThat(f.s.xruns()).isZero();
        assertThat(f.s.lostInterrupts()).isZero();
        assertThat(f.s.state()).isEqualTo(PcmState.RUNNING);
    }
}
