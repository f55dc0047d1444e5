package dev.azalia.probe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** No detector flags anything on minutes of clean audio. */
final class CleanSignalTest
{
    @Test
    void shouldFindNothingInThreeMinutesOfTheIndexedSine()
    {
        final int frames = 3 * 60 * 48_000;
        final byte[] pcm = FaultSignals.indexedSine(frames, Integer.MAX_VALUE, 0.0, 1.0);
        for (final GlitchDetector d : new GlitchDetector[] {new CounterDetector(1), new SineLockDetector(),
            new SilenceDetector(), new ReferenceDetector(pcm, FaultSignals.INDEXED)})
        {
            final GlitchReport r = FaultSignals.run(d, pcm, FaultSignals.INDEXED, 1024);
            System.out.println("clean sine, " + d.name() + ": " + r.count() + " glitches in " + r.framesAnalyzed()
                + " frames");
            assertThat(r.framesAnalyzed()).isEqualTo(frames);
            assertThat(r.count()).as(d.name() + " " + r.firstGlitches()).isZero();
        }
    }

    @Test
    void shouldFindNothingInTwoMinutesOfMusic()
    {
        final int frames = 2 * 60 * 44_100;
        final byte[] pcm = FaultSignals.music(frames, 44_100);
        for (final GlitchDetector d : new GlitchDetector[] {new SilenceDetector(),
            new ReferenceDetector(pcm, FaultSignals.MUSIC)})
        {
            final GlitchReport r = FaultSignals.run(d, pcm, FaultSignals.MUSIC, 1024);
            System.out.println("clean music, " + d.name() + ": " + r.count() + " glitches in " + r.framesAnalyzed()
                + " frames");
            assertThat(r.count()).as(d.name() + " " + r.firstGlitches()).isZero();
        }
    }

    @Test
    void shouldLockOnAndStayLockedWithDriftOfOneHundredPpm()
    {
        final int frames = 60 * 48_000;
        final byte[] pcm = new byte[frames * 2];
        final double step = 2 * Math.PI / FaultSignals.PERIOD * 1.0001;
        for (int n = 0; n < frames; n++)
        {
            final int s = (int)Math.round(0.5 * Math.sin(step * n) * 32767);
            pcm[2 * n] = (byte)s;
            pcm[2 * n + 1] = (byte)(s >> 8);
        }
        final SineLockDetector d = new SineLockDetector();
        final GlitchReport r = FaultSignals.run(d, pcm, dev.azalia.hda.StreamFormat.of(48_000, 16, 1), 333);
        assertThat(d.everLocked()).isTrue();
        assertThat(r.count()).as(r.firstGlitches().toString()).isZero();
    }
}
