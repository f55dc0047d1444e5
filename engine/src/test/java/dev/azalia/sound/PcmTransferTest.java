package dev.azalia.sound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class PcmTransferTest
{
    private static final long MS = 1_000_000L;
    private static final int FRAME = PcmFixture.FRAME_BYTES;
    private static final int PERIOD = PcmFixture.PARAMS.periodFrames();
    private static final int BUFFER = PcmFixture.PARAMS.bufferFrames();

    private static byte[] pattern(final int frames, final int seed)
    {
        final byte[] b = new byte[frames * FRAME];
        for (int i = 0; i < b.length; i++)
        {
            b[i] = (byte)(seed + i * 7);
        }
        return b;
    }

    @Test
    void shouldCopyAWriteAcrossTheEndOfTheRingInTwoChunksAtApplPtr()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false);
        f.s.open();
        f.s.hwParams(PcmFixture.PARAMS);
        f.s.prepare();
        f.s.setStartThresholdFrames(BUFFER);
        f.s.writei(new byte[3 * PERIOD * FRAME], 0, 3 * PERIOD);
        f.s.start();
        f.playPeriod();
        f.playPeriod();
        final byte[] src = pattern(2 * PERIOD, 11);

        assertThat(f.s.writei(src, 0, 2 * PERIOD)).isEqualTo(2 * PERIOD);

        final byte[] tail = new byte[PERIOD * FRAME];
        final byte[] head = new byte[PERIOD * FRAME];
        f.memory.read(f.s.dmaAddress() + 3L * PERIOD * FRAME, tail, 0, tail.length);
        f.memory.read(f.s.dmaAddress(), head, 0, head.length);
        final byte[] copied = new byte[src.length];
        System.arraycopy(tail, 0, copied, 0, tail.length);
        System.arraycopy(head, 0, copied, tail.length, head.length);
        assertThat(copied).isEqualTo(src);
        assertThat(f.s.applPtr()).isEqualTo(5L * PERIOD);
    }

    @Test
    void shouldCopyFromTheSourceOffsetAndRejectARangeOutsideTheSourceWithEinval()
    {
        final PcmFixture f = PcmFixture.virtual(MS, false).prepared();
        final byte[] src = pattern(PERIOD + 1, 3);
        assertThatThrownBy(() -> f.s.writei(src, FRAME, PERIOD + 1)).isInstanceOf(SoundException.class)
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.EINVAL));
        assertThat(f.s.applPtr()).isZero();

        assertThat(f.s.writei(src, FRAME, PERIOD)).isEqualTo(PERIOD);
        final byte[] ring = new byte[PERIOD * FRAME];
        f.memory.read(f.s.dmaAddress(), ring, 0, ring.length);
        final byte[] expected = new byte[PERIOD * FRAME];
        System.arraycopy(src, FRAME, expected, 0, expected.length);
        assertThat(ring).isEqualTo(expected);
    }

    @Test
    void shouldFinishADrainAtOnceWithoutATriggerWhenNothingIsBufferedOrAfterAnXrun()
    {
        final PcmFixture empty = PcmFixture.virtual(MS, false).prepared();
        empty.s.drain();
        assertThat(empty.s.state()).isEqualTo(PcmState.SETUP);
        assertThat(empty.ops.triggers()).isEmpty();

        final PcmFixture xrun = PcmFixture.virtual(MS, false).prepared();
        xrun.s.writei(new byte[PERIOD * FRAME], 0, PERIOD);
        xrun.playPeriod();
        assertThat(xrun.s.state()).isEqualTo(PcmState.XRUN);
        xrun.s.drain();
        assertThat(xrun.s.state()).isEqualTo(PcmState.SETUP);
        assertThat(xrun.ops.triggers()).containsExactly(TriggerCommand.START, TriggerCommand.STOP);
    }
}
