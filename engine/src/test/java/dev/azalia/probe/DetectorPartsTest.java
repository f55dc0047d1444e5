package dev.azalia.probe;

import dev.azalia.hda.StreamFormat;
import dev.azalia.link.AudioEvent;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The log, the link adapter, alignment, the xrun counter and the counter detector's finer cases. */
final class DetectorPartsTest
{
    @Test
    void shouldMergeAContiguousRunAndKeepTheFirstGlitchesInOrder()
    {
        final GlitchLog log = new GlitchLog(2, GlitchFilter.ALL);
        log.sampleRate(1000);
        log.record(50, Glitch.Kind.DROP, 1);
        log.recordOrExtend(10, Glitch.Kind.ZERO_RUN, 1);
        log.recordOrExtend(11, Glitch.Kind.ZERO_RUN, 2);
        log.record(90, Glitch.Kind.DUPLICATE, 4);
        final GlitchReport r = log.report("t");
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.firstGlitches()).containsExactly(new Glitch(10, Glitch.Kind.ZERO_RUN, 3, 3.0),
            new Glitch(50, Glitch.Kind.DROP, 1, 1.0));
        assertThat(r.lostMillis()).isEqualTo(8.0);
        assertThat(r.largestMillis()).isEqualTo(4.0);
        assertThat(r.framesLost()).isEqualTo(1);
        assertThat(r.framesDuplicated()).isEqualTo(4);
        assertThat(r.zeroRuns()).isEqualTo(1);
    }

    @Test
    void shouldCountFilteredGlitchesApart()
    {
        final GlitchLog log = new GlitchLog(8, (at, kind, frames) -> at != 7);
        log.sampleRate(48_000);
        log.record(7, Glitch.Kind.HOLD, 3);
        log.record(8, Glitch.Kind.HOLD, 3);
        assertThat(log.report("t").count()).isEqualTo(1);
        assertThat(log.report("t").filteredOut()).isEqualTo(1);
    }

    @Test
    void shouldFeedDataAndPublishTheReportAtEndOfStream()
    {
        final StreamFormat f = FaultSignals.INDEXED;
        final byte[] pcm = FaultSignals.drop(IndexedSignal.generate(4000, f, 1), f.frameBytes(), 1234);
        final DetectorHandler h = new DetectorHandler(new CounterDetector(1));
        final AudioEvent slot = new AudioEvent(1000 * f.frameBytes());
        for (int at = 0; at < pcm.length; at += 1000 * f.frameBytes())
        {
            final int len = Math.min(1000 * f.frameBytes(), pcm.length - at);
            slot.set(AudioEvent.Kind.DATA, 0, 2, f, pcm, at, len, at / f.frameBytes(), 0, 0);
            h.onEvent(slot, 0, true);
            assertThat(h.finalReport()).isNull();
        }
        slot.set(AudioEvent.Kind.END_OF_STREAM, 0, 2, f, pcm, 0, 0, 0, 0, 0);
        h.onEvent(slot, 0, true);
        assertThat(h.name()).isEqualTo("counter");
        assertThat(h.finalReport().firstGlitches()).containsExactly(new Glitch(1234, Glitch.Kind.DROP, 1,
            1000.0 / 48_000));
    }

    @Test
    void shouldAlignARecordingThatStartsLateOrEarly()
    {
        final byte[] ref = FaultSignals.music(10_000, 44_100);
        final byte[] early = new byte[ref.length + 400];
        System.arraycopy(ref, 0, early, 400, ref.length);
        assertThat(Alignment.offsetFrames(ref, early, 4)).isEqualTo(OptionalLong.of(100));
        final byte[] late = java.util.Arrays.copyOfRange(ref, 4 * 300, ref.length);
        assertThat(Alignment.offsetFrames(ref, late, 4)).isEqualTo(OptionalLong.of(-300));
        // a glitch inside the first window: a later window aligns
        assertThat(Alignment.offsetFrames(ref, FaultSignals.zero(early, 4, 110, 2), 4))
            .isEqualTo(OptionalLong.of(100));
        assertThat(Alignment.offsetFrames(ref, FaultSignals.music(10_000, 48_000), 4)).isEmpty();
    }

    @Test
    void shouldReportPositionsInTheRecordingWhenTheReferenceIsOffset()
    {
        final byte[] ref = FaultSignals.music(20_000, 44_100);
        final byte[] rec = new byte[ref.length + 400];
        System.arraycopy(ref, 0, rec, 400, ref.length);
        final byte[] bad = FaultSignals.drop(rec, 4, 5_000);
        final ReferenceDetector d = new ReferenceDetector(dev.azalia.link.ReferenceFrames.of(ref, 4), 44_100, 100,
            new GlitchLog());
        final GlitchReport r = FaultSignals.run(d, bad, FaultSignals.MUSIC, 4096);
        assertThat(r.firstGlitches()).extracting(Glitch::frameIndex, Glitch::kind)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(5_000L, Glitch.Kind.DROP));
    }

    @Test
    void shouldReportATruncatedRecordingAsAMissingTail()
    {
        final byte[] ref = FaultSignals.music(20_000, 44_100);
        final GlitchReport r = FaultSignals.run(new ReferenceDetector(ref, FaultSignals.MUSIC),
            java.util.Arrays.copyOf(ref, 4 * 19_000), FaultSignals.MUSIC, 4096);
        assertThat(r.count(Glitch.Kind.MISSING_TAIL)).isEqualTo(1);
        assertThat(r.framesLost()).isEqualTo(1_000);
    }

    @Test
    void shouldCountDeadlineMissesPipeWireStyle()
    {
        final XrunCounter x = new XrunCounter(0, 1_000_000, 4);
        assertThat(x.periodicCycleCompleted(0, 900_000, 0)).isFalse();
        assertThat(x.periodicCycleCompleted(1, 2_500_000, 48)).isTrue();
        x.pcmXrun(3_000_000, 96, 2_000_000);
        x.sinkUnderrun(4_000_000, 144, 0);
        final GlitchReport r = x.report();
        assertThat(x.cycles()).isEqualTo(2);
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.lostMillis()).isEqualTo(2.5);
        assertThat(r.largestMillis()).isEqualTo(2.0);
        assertThat(r.count(Glitch.Kind.DEADLINE_MISS)).isEqualTo(1);
        assertThat(x.events()).containsExactly(new XrunCounter.Event(2_500_000, Glitch.Kind.DEADLINE_MISS, 48, 500_000),
            new XrunCounter.Event(3_000_000, Glitch.Kind.PCM_XRUN, 96, 2_000_000),
            new XrunCounter.Event(4_000_000, Glitch.Kind.SINK_UNDERRUN, 144, 0));
    }

    @Test
    void shouldDecodeTheIndexAcrossTheCodeWrapIn32BitContainers()
    {
        final StreamFormat f = StreamFormat.of(48_000, 24, 2);
        final int frames = 2 * IndexedSignal.CODE_PERIOD + 1000;
        final byte[] pcm = IndexedSignal.generate(frames, f, 0);
        assertThat(FaultSignals.run(new CounterDetector(0), pcm, f, 777).count()).isZero();
        final byte[] dropped = FaultSignals.drop(pcm, f.frameBytes(), IndexedSignal.CODE_PERIOD + 3);
        final GlitchReport r = FaultSignals.run(new CounterDetector(0), dropped, f, 777);
        assertThat(r.firstGlitches()).containsExactly(new Glitch(IndexedSignal.CODE_PERIOD + 3, Glitch.Kind.DROP, 1,
            1000.0 / 48_000));
    }

    @Test
    void shouldIgnoreSilenceAroundTheIndexedSignal()
    {
        final StreamFormat f = FaultSignals.INDEXED;
        final byte[] signal = IndexedSignal.generate(5000, f, 1);
        final byte[] padded = new byte[signal.length + 800 * f.frameBytes()];
        System.arraycopy(signal, 0, padded, 400 * f.frameBytes(), signal.length);
        final GlitchReport r = FaultSignals.run(new CounterDetector(1), padded, f, 512);
        assertThat(r.count()).isZero();
        assertThat(r.notes()).hasSize(1);
    }
}
