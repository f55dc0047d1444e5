package dev.azalia.machine;

import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.Verbs;
import dev.azalia.hda.codec.dump.BuiltinCodec;
import dev.azalia.probe.Glitch;
import dev.azalia.probe.GlitchReport;
import dev.azalia.probe.ReferenceDetector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audio reaches the listened pin only through the path the driver set up, so a path broken behind the driver's
 * back is heard and caught by the detectors: on the desktop codec the line-out 0x14 hears DAC 0x02 through mixer 0x0c
 * (input 0); muting that mixer input half-way through, as a wrong verb would, leaves the rest of the playback silent.
 */
final class WrongPathTest
{
    private static final int RATE = 48_000;
    private static final int DESKTOP_MIXER = 0x0c;
    private static final int DESKTOP_DAC = 0x02;

    @Test
    void shouldHearTheDriversPathBitExactly() throws Exception
    {
        final MovePlayback run = desktop().run();

        assertThat(run.bitExact()).as(run.toString()).isTrue();
        assertThat(judge(run).count()).isZero();
    }

    @ParameterizedTest(name = "the mixer input from the DAC muted, {0} channel(s)")
    @ValueSource(ints = {Verbs.AMP_SET_LEFT | Verbs.AMP_SET_RIGHT, Verbs.AMP_SET_LEFT})
    void shouldCatchAMutedMixerInputAsLostAudioFromWhereItWasMuted(final int channels) throws Exception
    {
        final MovePlayback playback = desktop();
        playback.atHalf = machine ->
        {
            final int index = connectionIndex(machine, DESKTOP_MIXER, DESKTOP_DAC);
            machine.codecs().get(0).execute(Verbs.make(0, DESKTOP_MIXER, Verbs.SET_AMP_GAIN_MUTE,
                Verbs.AMP_SET_INPUT | channels | index << 8 | Verbs.AMP_MUTE));
        };
        final MovePlayback run = playback.run();
        final GlitchReport reference = judge(run);

        assertThat(run.bitExact()).isFalse();
        assertThat(reference.count()).as(reference.toString()).isPositive();
        final Glitch first = reference.firstGlitches().get(0);
        assertThat(first.frameIndex()).as(reference.toString()).isGreaterThan(RATE / 4)
            .isLessThan((long)RATE * 3 / 4 + 4096);
        assertThat(reference.lostMillis()).as(reference.toString()).isGreaterThan(100.0);
    }

    private static MovePlayback desktop()
    {
        final MovePlayback playback = new MovePlayback("live", RATE, 2, 256, 4, RATE);
        playback.codec = MachineCodec.builtin(BuiltinCodec.DESKTOP, OptionalInt.empty());
        return playback;
    }

    private static int connectionIndex(final Machine machine, final int mixer, final int source)
    {
        final var codec = (dev.azalia.hda.codec.dumped.DumpCodec)machine.codecs().get(0);
        final int[] connections = codec.connections(mixer);
        for (int i = 0; i < connections.length; i++)
        {
            if (connections[i] == source)
            {
                return i;
            }
        }
        throw new AssertionError("no connection from " + source + " to " + mixer);
    }

    private static GlitchReport judge(final MovePlayback run)
    {
        final StreamFormat format = StreamFormat.of(RATE, 16, 2);
        final ReferenceDetector detector = new ReferenceDetector(run.source, format);
        detector.accept(run.played, 0, run.played.length / format.frameBytes(), format);
        detector.finish();
        return detector.report();
    }
}
