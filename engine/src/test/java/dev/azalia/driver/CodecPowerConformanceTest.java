package dev.azalia.driver;

import dev.azalia.hda.codec.CodecModel;
import dev.azalia.hda.codec.CodecOptions;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineCodec;
import dev.azalia.machine.MachineConfig;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmSubstream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The codec's power save, resume and stream set-up against the Linux 6.1 capture on QEMU's hda-duplex
 * ({@code ich9/hda-events.txt}): the verbs at the power save after probe and after close, at the open that resumes
 * the codec, at prepare; the depop delay and the power-state poll measured on the virtual clock.
 */
final class CodecPowerConformanceTest
{
    private static final long MS = 1_000_000L;
    private static final int SET_D3 = 0x00170503;
    private static final int GET_POWER = 0x001f0500;

    /** What the machine's codec executed: verb, response and virtual time. */
    private static final class Recorder
    {
        final List<long[]> verbs = new ArrayList<>();
        Machine machine;

        void add(final int verb, final int response)
        {
            verbs.add(new long[] {verb, response, null == machine ? 0 : machine.clock().nanoTime()});
        }

        int mark()
        {
            return verbs.size();
        }

        List<String> since(final int mark)
        {
            final List<String> list = new ArrayList<>();
            for (int i = mark; i < verbs.size(); i++)
            {
                list.add(String.format(Locale.ROOT, "%08x -> %08x", verbs.get(i)[0], verbs.get(i)[1]));
            }
            return list;
        }

        long timeOf(final int mark, final int verb)
        {
            for (int i = mark; i < verbs.size(); i++)
            {
                if ((int)verbs.get(i)[0] == verb)
                {
                    return verbs.get(i)[2];
                }
            }
            return -1;
        }

        long count(final int mark, final int verb)
        {
            return verbs.subList(mark, verbs.size()).stream().filter(v -> (int)v[0] == verb).count();
        }
    }

    private static Machine boot(final Recorder r, final CodecOptions options) throws InterruptedException
    {
        r.machine = Machine.boot(MachineConfig.of(true, new CapturingDacOutput())
            .withCodec(new MachineCodec(CodecModel.QEMU_DUPLEX, options, false, r::add)));
        return r.machine;
    }

    private static void idle(final Machine m, final long nanos)
    {
        ((VirtualKernel)m.kernel()).runUntil(m.clock().nanoTime() + nanos);
    }

    private static PcmSubstream openAndPrepare(final Machine m)
    {
        final PcmSubstream s = m.chip().card().pcms().get(0).playback();
        s.open();
        s.hwParams(new HwParams(48_000, 2, 16, 6000, 4));
        s.prepare();
        return s;
    }

    private static void close(final PcmSubstream s)
    {
        s.hwFree();
        s.close();
    }

    private static List<String> pairs(final int... verbAndResponse)
    {
        final List<String> list = new ArrayList<>();
        for (int i = 0; i < verbAndResponse.length; i += 2)
        {
            list.add(String.format(Locale.ROOT, "%08x -> %08x", verbAndResponse[i], verbAndResponse[i + 1]));
        }
        return list;
    }

    @Test
    void shouldPowerSaveTheIdleCodecAfterProbeWithTheDepopDelayAndOneStateRead() throws Exception
    {
        final Recorder r = new Recorder();
        try (Machine m = boot(r, CodecOptions.DEFAULT))
        {
            final int mark = r.mark();
            final long start = m.clock().nanoTime();
            idle(m, 2_000 * MS);

            assertThat(r.since(mark)).as("no stream was set up: D3, then the real codec answers D3 at once")
                .containsExactlyElementsOf(pairs(SET_D3, 0, GET_POWER, 0x33));
            assertThat(r.timeOf(mark, SET_D3) - start).as("power_save 1 s, then the 100 ms depop sleep")
                .isGreaterThanOrEqualTo(1_100 * MS).isLessThan(1_150 * MS);
            assertThat(m.chip().codecs().get(0).suspended()).isTrue();
            assertThat(m.chip().codecs().get(0).clockStopOk()).as("no CLKSTOP: the link stays up").isFalse();
        }
    }

    @Test
    void shouldSleepOnlyTenMillisecondsBeforeD3WhenTheCodecHasEpss() throws Exception
    {
        final Recorder r = new Recorder();
        try (Machine m = boot(r, CodecOptions.DEFAULT.withEpssAndClkstop(true)))
        {
            final int mark = r.mark();
            final long start = m.clock().nanoTime();
            idle(m, 2_000 * MS);

            assertThat(r.timeOf(mark, SET_D3) - start).as("power_save 1 s, then the 10 ms EPSS depop sleep")
                .isGreaterThanOrEqualTo(1_010 * MS).isLessThan(1_050 * MS);
            assertThat(m.chip().codecs().get(0).clockStopOk()).as("CLKSTOP, EPSS and CLK_STOP_OK").isTrue();
        }
    }

    @Test
    void shouldPollThePowerStateForHalfASecondWhenTheCodecAlwaysAnswersD0() throws Exception
    {
        final Recorder r = new Recorder();
        try (Machine m = boot(r, CodecOptions.DEFAULT.withQemuPowerStateQuirk(true)))
        {
            final int mark = r.mark();
            idle(m, 3_000 * MS);

            final long first = r.timeOf(mark, SET_D3);
            final List<long[]> polls = r.verbs.subList(mark, r.verbs.size()).stream()
                .filter(v -> (int)v[0] == GET_POWER).toList();
            assertThat(polls.size()).as("a read every 1 ms until the 500 ms limit").isBetween(300, 500);
            assertThat(polls.get(polls.size() - 1)[2] - first).isBetween(499 * MS, 520 * MS);
        }
    }

    @Test
    void shouldResumeAtOpenSetTheStreamUpAndCleanItOnlyAtPowerSaveAsLinuxDid() throws Exception
    {
        final Recorder r = new Recorder();
        try (Machine m = boot(r, CodecOptions.DEFAULT.withQemuPowerStateQuirk(true)))
        {
            idle(m, 3_000 * MS);
            int mark = r.mark();
            final PcmSubstream s = openAndPrepare(m);

            // MARK_PLAY1_BEGIN: azx_pcm_open resumes the codec, azx_pcm_prepare binds the converter
            assertThat(r.since(mark)).containsExactlyElementsOf(pairs(
                0x00170500, 0, GET_POWER, 0,
                0x00370740, 0, 0x00570720, 0,
                0x00239080, 0, 0x0023a080, 0, 0x00370740, 0, 0x00435080, 0, 0x00436080, 0, 0x00570720, 0,
                0x002f0600, 0, 0x00270650, 0, 0x002a0000, 0x11));

            mark = r.mark();
            s.prepare();
            close(s);
            assertThat(r.since(mark)).as("a second prepare, hw_free and close send nothing").isEmpty();

            idle(m, 1_050 * MS);
            assertThat(r.since(mark)).as("power save: stream id and format cleared, then D3")
                .startsWith(pairs(0x00270600, 0, 0x00220000, 0, SET_D3, 0, GET_POWER, 0).toArray(new String[0]));

        }
    }
}
