package dev.azalia.link;

import dev.azalia.hda.StreamFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

final class FrameSequenceProbeTest
{
    private static final StreamFormat FORMAT = StreamFormat.CD;
    private static final int FB = FORMAT.frameBytes();
    private static final int FRAMES = 44_100;
    private static final byte[] REFERENCE = TestSignals.music(FRAMES, 44_100, 2);

    private static byte[] drop(final byte[] pcm, final int frame)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(pcm, 0, frame * FB);
        out.write(pcm, (frame + 1) * FB, pcm.length - (frame + 1) * FB);
        return out.toByteArray();
    }

    private static byte[] duplicate(final byte[] pcm, final int frame)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(pcm, 0, (frame + 1) * FB);
        out.write(pcm, frame * FB, pcm.length - frame * FB);
        return out.toByteArray();
    }

    private static byte[] zeroRun(final byte[] pcm, final int frame, final int length)
    {
        final byte[] copy = pcm.clone();
        Arrays.fill(copy, frame * FB, (frame + length) * FB, (byte)0);
        return copy;
    }

    private static FrameSequenceProbe run(final ReferenceFrames reference, final byte[] arrivals, final long offset,
        final FrameSequenceProbe.ErrorListener listener)
    {
        final FrameSequenceProbe probe = new FrameSequenceProbe(reference, offset,
            FrameSequenceProbe.DEFAULT_WINDOW_FRAMES, FrameSequenceProbe.DEFAULT_MATCH_FRAMES,
            FrameSequenceProbe.DEFAULT_MAX_CORRUPT_FRAMES, listener);
        final AudioEvent event = new AudioEvent(1764 * FB);
        int at = 0;
        long index = 0;
        int chunk = 1;
        while (at < arrivals.length)
        {
            final int n = Math.min(Math.min(chunk, 1764) * FB, arrivals.length - at);
            event.set(AudioEvent.Kind.DATA, 0, 2, FORMAT, arrivals, at, n, index, 0L, 0L);
            probe.onEvent(event, index, true);
            at += n;
            index += n / FB;
            chunk = chunk * 7 % 1999 + 1;
        }
        event.set(AudioEvent.Kind.END_OF_STREAM, 0, 0, null, null, 0, 0, index, 0L, 0L);
        probe.onEvent(event, index, true);
        return probe;
    }

    /**
     * The reference without the bulk comparison: every frame goes through {@link ReferenceFrames#frameAt}, the probe's
     * path after an error. The same contract must hold for both.
     */
    private static ReferenceFrames frameByFrame(final byte[] pcm)
    {
        final ReferenceFrames bulk = ReferenceFrames.of(pcm, FB);
        return new ReferenceFrames()
        {
            @Override
            public int frameBytes()
            {
                return FB;
            }

            @Override
            public boolean frameAt(final long index, final byte[] dst, final int off)
            {
                return bulk.frameAt(index, dst, off);
            }
        };
    }

    /** The probe's contract, run once with a bulk-comparing reference and once frame by frame. */
    abstract class Contract
    {
        abstract ReferenceFrames reference(byte[] pcm);

        FrameSequenceProbe run(final byte[] reference, final byte[] arrivals, final long offset)
        {
            return FrameSequenceProbeTest.run(reference(reference), arrivals, offset, (a, r, l, d, w, end) ->
            {
            });
        }

        @Test
        void shouldReportNothingForACleanSignal()
        {
            final FrameSequenceProbe probe = run(REFERENCE, REFERENCE, 0);

            assertThat(probe.framesChecked()).isEqualTo(FRAMES);
            assertThat(probe.clean()).isTrue();
            assertThat(probe.firstErrorFrame()).isEqualTo(-1);
            assertThat(probe.framesBeyondReference()).isZero();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 777, 4410, 22_050, 30_001, FRAMES - 100})
        void shouldCountOneDroppedFrame(final int position)
        {
            final FrameSequenceProbe probe = run(REFERENCE, drop(REFERENCE, position), 0);

            assertThat(probe.framesLost()).isEqualTo(1);
            assertThat(probe.framesDuplicated()).isZero();
            assertThat(probe.framesMismatched()).isZero();
            assertThat(probe.framesMissingAtEnd()).isZero();
            assertThat(probe.firstErrorFrame()).isEqualTo(position);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 777, 4410, 22_050, 30_001, FRAMES - 100})
        void shouldCountOneDuplicatedFrame(final int position)
        {
            final FrameSequenceProbe probe = run(REFERENCE, duplicate(REFERENCE, position), 0);

            assertThat(probe.framesDuplicated()).isEqualTo(1);
            assertThat(probe.framesLost()).isZero();
            assertThat(probe.framesMismatched()).isZero();
            assertThat(probe.firstErrorFrame()).isEqualTo(position + 1);
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 777, 4410, 22_050, 30_001, FRAMES - 100})
        void shouldCountATwoFrameZeroRunAsMismatched(final int position)
        {
            final FrameSequenceProbe probe = run(REFERENCE, zeroRun(REFERENCE, position, 2), 0);

            assertThat(probe.framesMismatched()).isEqualTo(2);
            assertThat(probe.framesLost()).isZero();
            assertThat(probe.framesDuplicated()).isZero();
            assertThat(probe.framesChecked()).isEqualTo(FRAMES);
            assertThat(probe.firstErrorFrame()).isEqualTo(position);
        }

        @Test
        void shouldCountSeveralFaultsInOneStream()
        {
            byte[] arrivals = zeroRun(REFERENCE, 40_000, 2);
            arrivals = duplicate(arrivals, 20_000);
            arrivals = drop(arrivals, 1_000);
            arrivals = drop(arrivals, 1_000);

            final FrameSequenceProbe probe = run(REFERENCE, arrivals, 0);

            assertThat(probe.framesLost()).isEqualTo(2);
            assertThat(probe.framesDuplicated()).isEqualTo(1);
            assertThat(probe.framesMismatched()).isEqualTo(2);
            assertThat(probe.firstErrorFrame()).isEqualTo(1_000);
        }

        @Test
        void shouldCountALongDropWithinTheWindow()
        {
            final byte[] arrivals = new byte[REFERENCE.length - 3000 * FB];
            System.arraycopy(REFERENCE, 0, arrivals, 0, 10_000 * FB);
            System.arraycopy(REFERENCE, 13_000 * FB, arrivals, 10_000 * FB, REFERENCE.length - 13_000 * FB);

            final FrameSequenceProbe probe = run(REFERENCE, arrivals, 0);

            assertThat(probe.framesLost()).isEqualTo(3000);
            assertThat(probe.framesDuplicated()).isZero();
            assertThat(probe.framesMismatched()).isZero();
        }

        @Test
        void shouldCountFramesThatNeverArrivedAsLost()
        {
            final FrameSequenceProbe probe = run(REFERENCE, Arrays.copyOf(REFERENCE, (FRAMES - 50) * FB), 0);

            assertThat(probe.framesLost()).isEqualTo(50);
            assertThat(probe.framesMissingAtEnd()).isEqualTo(50);
            assertThat(probe.firstErrorFrame()).isEqualTo(FRAMES - 50);
        }

        @Test
        void shouldSkipTheGivenOffsetAndIgnoreFramesPastTheReference()
        {
            final byte[] arrivals = new byte[REFERENCE.length + 200 * FB];
            System.arraycopy(REFERENCE, 0, arrivals, 100 * FB, REFERENCE.length);

            final FrameSequenceProbe probe = run(REFERENCE, arrivals, 100);

            assertThat(probe.clean()).isTrue();
            assertThat(probe.framesChecked()).isEqualTo(FRAMES);
            assertThat(probe.framesBeyondReference()).isEqualTo(100);
        }

        @Test
        void shouldAttributeADropInsideSilenceToTheEndOfTheSilence()
        {
            final byte[] reference = TestSignals.silence(REFERENCE.clone(), FB, 10_000, 12_000);

            final FrameSequenceProbe probe = run(reference, drop(reference, 11_000), 0);

            assertThat(probe.framesLost()).isEqualTo(1);
            assertThat(probe.framesDuplicated()).isZero();
            assertThat(probe.framesMismatched()).isZero();
            assertThat(probe.firstErrorFrame()).isEqualTo(11_999);
        }

        @Test
        void shouldCountADuplicateInsideSilence()
        {
            final byte[] reference = TestSignals.silence(REFERENCE.clone(), FB, 10_000, 12_000);

            final FrameSequenceProbe probe = run(reference, duplicate(reference, 11_000), 0);

            assertThat(probe.framesDuplicated()).isEqualTo(1);
            assertThat(probe.framesLost()).isZero();
            assertThat(probe.framesMismatched()).isZero();
        }

        @Test
        void shouldNotCountZerosWrittenOverSilence()
        {
            final byte[] reference = TestSignals.silence(REFERENCE.clone(), FB, 10_000, 12_000);

            final FrameSequenceProbe probe = run(reference, zeroRun(reference, 10_500, 2), 0);

            assertThat(probe.clean()).isTrue();
        }

        @Test
        void shouldCountMismatchesOfAnUnrecoverableBurst()
        {
            final byte[] arrivals = REFERENCE.clone();
            for (int i = 5000 * FB; i < 5200 * FB; i++)
            {
                arrivals[i] = (byte)(arrivals[i] ^ 0x55);
            }

            final FrameSequenceProbe probe = run(REFERENCE, arrivals, 0);

            assertThat(probe.framesMismatched()).isEqualTo(200);
            assertThat(probe.framesLost()).isZero();
            assertThat(probe.framesDuplicated()).isZero();
            assertThat(probe.firstErrorFrame()).isEqualTo(5000);
        }
    }

    @Nested
    final class WithBulkComparison extends Contract
    {
        @Override
        ReferenceFrames reference(final byte[] pcm)
        {
            return ReferenceFrames.of(pcm, FB);
        }
    }

    @Nested
    final class FrameByFrame extends Contract
    {
        @Override
        ReferenceFrames reference(final byte[] pcm)
        {
            return frameByFrame(pcm);
        }
    }

    @Test
    void shouldMatchTheRunOfEqualFramesInBulk()
    {
        final ReferenceFrames reference = ReferenceFrames.of(REFERENCE, FB);
        final byte[] arrivals = zeroRun(REFERENCE, 300, 1);

        assertThat(reference.matchingFrames(100, arrivals, 100 * FB, 500)).isEqualTo(200);
        assertThat(reference.matchingFrames(0, REFERENCE, 0, FRAMES)).isEqualTo(FRAMES);
        assertThat(reference.matchingFrames(FRAMES - 10, REFERENCE, (FRAMES - 10) * FB, 10)).isEqualTo(10);
        assertThat(reference.matchingFrames(FRAMES - 10, arrivals, 0, 20)).isZero();
        assertThat(reference.matchingFrames(-1, REFERENCE, 0, 1)).isZero();
    }

    @Test
    void shouldStopTheBulkRunAtTheEndOfTheReference()
    {
        final ReferenceFrames reference = ReferenceFrames.of(Arrays.copyOf(REFERENCE, 100 * FB), FB);

        assertThat(reference.matchingFrames(90, REFERENCE, 90 * FB, 50)).isEqualTo(10);
        assertThat(reference.matchingFrames(100, REFERENCE, 100 * FB, 50)).isZero();
        assertThat(reference.matchingFrames(500, REFERENCE, 0, 50)).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void shouldReachTheSameVerdictsInBulkAsFrameByFrame(final long seed)
    {
        final Random random = new Random(seed);
        final byte[] reference = random.nextBoolean()
            ? REFERENCE
            : TestSignals.silence(REFERENCE.clone(), FB, 10_000 + random.nextInt(10_000), 25_000);
        byte[] arrivals = reference;
        for (int faults = random.nextInt(6); faults > 0; faults--)
        {
            final int at = random.nextInt(arrivals.length / FB - 300);
            switch (random.nextInt(4))
            {
                case 0 -> arrivals = drop(arrivals, at);
                case 1 -> arrivals = duplicate(arrivals, at);
                case 2 -> arrivals = zeroRun(arrivals, at, 1 + random.nextInt(80));
                default -> arrivals = Arrays.copyOf(arrivals, arrivals.length - random.nextInt(200) * FB);
            }
        }
        final long offset = random.nextInt(3);
        final List<String> bulkErrors = new ArrayList<>();
        final List<String> frameErrors = new ArrayList<>();

        final FrameSequenceProbe bulk = run(ReferenceFrames.of(reference, FB), arrivals, offset,
            (a, r, l, d, w, end) -> bulkErrors.add(a + " " + r + " " + l + " " + d + " " + w + " " + end));
        final FrameSequenceProbe frames = run(frameByFrame(reference), arrivals, offset,
            (a, r, l, d, w, end) -> frameErrors.add(a + " " + r + " " + l + " " + d + " " + w + " " + end));

        assertThat(bulkErrors).isEqualTo(frameErrors);
        assertThat(new long[] {bulk.framesChecked(), bulk.framesLost(), bulk.framesDuplicated(),
            bulk.framesMismatched(), bulk.framesBeyondReference(), bulk.framesMissingAtEnd(), bulk.firstErrorFrame()})
            .containsExactly(frames.framesChecked(), frames.framesLost(), frames.framesDuplicated(),
                frames.framesMismatched(), frames.framesBeyondReference(), frames.framesMissingAtEnd(),
                frames.firstErrorFrame());
    }
}
