package dev.azalia.machine;

import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.pci.MmioTrace;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scenario run (idle, two plays, a system suspend/resume before the second) on the virtual clock, with both
 * traces: the verb trace's lines have the format of a real capture, sends and responses pair up, and merged with
 * the mmiotrace by time every verb falls where its MMIO is; the system suspend stops the chip and resets the link,
 * the resume initialises it again, and the second play is still bit-exact.
 */
final class ScenarioTraceTest
{
    /** Lines copied from a real Linux 6.1 capture ({@code ich9/hda-events.txt}). */
    private static final List<String> CAPTURE_LINES = List.of(
        "     kworker/0:2-48      [000] .....     4.283656: hda_send_cmd: [0000:00:03.0:0] val=0x000f0000",
        "     kworker/0:2-48      [000] .N...     4.284615: hda_get_response: [0000:00:03.0:0] val=0x1af40022",
        "     kworker/0:2-48      [000] .....     4.342444: hda_get_response: [0000:00:03.0:0] val=0x00000001",
        "           aplay-126     [000] .....    12.636350: azx_pcm_open: stream_tag: 5",
        "           aplay-126     [000] .....    12.678742: azx_pcm_hw_params: stream_tag: 5",
        "           aplay-126     [000] .....    12.682793: azx_pcm_prepare: stream_tag: 5",
        "           aplay-126     [000] d..1.    12.712021: azx_pcm_trigger: [0:4] cmd=1",
        "           aplay-126     [000] d..2.    12.713165: snd_hdac_stream_start: stream_tag: 5",
        "           aplay-126     [000] d..1.    12.719210: azx_get_position: [0:4] pos=812, delay=0",
        "          <idle>-0       [000] d.h2.    12.811486: azx_get_position: [0:4] pos=24352, delay=0",
        "          <idle>-0       [000] d.h2.    14.684735: azx_pcm_trigger: [0:4] cmd=0",
        "          <idle>-0       [000] d.h3.    14.685151: snd_hdac_stream_stop: stream_tag: 5",
        "           aplay-126     [000] .....    14.695237: azx_pcm_close: stream_tag: 5",
        "    kworker/u2:1-24      [000] .....    27.151885: azx_suspend: card index: 0",
        "    kworker/u2:1-24      [000] .....    32.204600: azx_resume: card index: 0");

    private static final Pattern LINE = Pattern.compile(
        "^ *(?<comm>\\S.*)-(?<pid>\\d+) +\\[000\\] (?<flags>[.d][.N][.h][.0-9][.]) +(?<sec>\\d+)\\.(?<usec>\\d{6}): "
            + "(?<event>\\w+): (?<args>.*)$");
    private static final Map<String, Pattern> ARGS = Map.ofEntries(
        Map.entry("hda_send_cmd", Pattern.compile("\\[[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]:\\d+\\] "
            + "val=0x[0-9a-f]{8}")),
        Map.entry("hda_get_response", Pattern.compile("\\[[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]:\\d+\\] "
            + "val=0x[0-9a-f]{8}")),
        Map.entry("azx_pcm_open", Pattern.compile("stream_tag: \\d+")),
        Map.entry("azx_pcm_hw_params", Pattern.compile("stream_tag: \\d+")),
        Map.entry("azx_pcm_prepare", Pattern.compile("stream_tag: \\d+")),
        Map.entry("azx_pcm_close", Pattern.compile("stream_tag: \\d+")),
        Map.entry("snd_hdac_stream_start", Pattern.compile("stream_tag: \\d+")),
        Map.entry("snd_hdac_stream_stop", Pattern.compile("stream_tag: \\d+")),
        Map.entry("azx_pcm_trigger", Pattern.compile("\\[\\d+:\\d+\\] cmd=[0-6]")),
        Map.entry("azx_get_position", Pattern.compile("\\[\\d+:\\d+\\] pos=\\d+, delay=-?\\d+")),
        Map.entry("azx_suspend", Pattern.compile("card index: \\d+")),
        Map.entry("azx_resume", Pattern.compile("card index: \\d+")),
        Map.entry("azx_runtime_suspend", Pattern.compile("card index: \\d+")),
        Map.entry("azx_runtime_resume", Pattern.compile("card index: \\d+")),
        Map.entry("tracing_mark_write", Pattern.compile("MARK_\\w+")));
    private static final Pattern MMIO = Pattern.compile(
        "^(?<op>[RW]) (?<width>[124]) (?<sec>\\d+)\\.(?<usec>\\d{6}) \\d+ 0x(?<phys>[0-9a-f]+) 0x(?<value>[0-9a-f]+) "
            + "0x0 \\d+$");
    private static final Pattern MAP = Pattern.compile("^MAP \\S+ \\d+ 0x(?<phys>[0-9a-f]+) .*");
    private static final int GCTL = 0x08;
    private static final int INTCTL = 0x20;
    private static final int CORBWP = 0x48;
    private static final int CORBRP = 0x4a;
    private static final int CORBCTL = 0x4c;
    private static final int RIRBWP = 0x58;
    private static final int FRAMES = 12_000;
    private static final long MILLIS = 1_000_000L;

    private static final StringBuilder MMIOTRACE = new StringBuilder();
    private static final StringBuilder VERBTRACE = new StringBuilder();
    private static final List<byte[]> PLAYED = new ArrayList<>();
    private static final List<byte[]> WRITTEN = new ArrayList<>();
    private static final List<Throwable> FAILURES = new ArrayList<>();

    @BeforeAll
    static void runScenario() throws Exception
    {
        final VirtualNanoClock clock = new VirtualNanoClock();
        final MmioTrace mmio = MmioTrace.to(MMIOTRACE, clock);
        Scenario.beforeBoot(mmio);
        // the driver loads a while after the trace starts: the verb trace must still use the mmiotrace's origin
        clock.advance(250 * MILLIS);
        final ByteArrayOutputStream dac = new ByteArrayOutputStream();
        final DacOutput capture = (codec, nid, format, pcm, offset, length, nanos) -> dac.write(pcm, offset, length);
        final Scenario scenario = new Scenario(1500 * MILLIS, 1500 * MILLIS, 2, 2, 100 * MILLIS);
        try (Machine m = Machine.boot(MachineConfig.of(true, capture).withClock(clock).withTrace(mmio)
            .withVerbTrace(VERBTRACE)))
        {
            scenario.run(m, k ->
            {
                final int before = dac.size();
                final byte[] pcm = new byte[FRAMES * 4];
                new SplittableRandom(k).nextBytes(pcm);
                final PcmSubstream s = m.chip().card().pcms().get(0).playback();
                s.open();
                s.hwParams(new HwParams(48_000, 2, 16, 1024, 4));
                s.prepare();
                int written = 0;
                while (written < FRAMES)
                {
                    written += s.writei(pcm, written * 4, Math.min(1000, FRAMES - written));
                }
                s.drain();
                s.hwFree();
                s.close();
                WRITTEN.add(pcm);
                PLAYED.add(Arrays.copyOfRange(dac.toByteArray(), before, dac.size()));
            });
            FAILURES.addAll(m.failures());
        }
    }

    private static List<String> lines(final StringBuilder sb)
    {
        return List.of(sb.toString().split("\n"));
    }

    private static long micros(final Matcher m)
    {
        return Long.parseLong(m.group("sec")) * 1_000_000L + Long.parseLong(m.group("usec"));
    }

    @Test
    void shouldWriteEveryVerbTraceLineInTheCapturesFormat()
    {
        for (final String real : CAPTURE_LINES)
        {
            assertFormat(real);
        }
        final List<String> ours = lines(VERBTRACE);
        assertThat(ours).hasSizeGreaterThan(100);
        ours.forEach(ScenarioTraceTest::assertFormat);
        assertThat(ours).anyMatch(l -> l.startsWith("     kworker/0:2-48      [000] .....")
            && l.contains(": hda_send_cmd: [0000:00:1b.0:0] val=0x000f0000"));
        assertThat(ours).anyMatch(l -> l.startsWith("           aplay-126     [000] d..1.")
            && l.contains(": azx_pcm_trigger: [0:4] cmd=1"));
        assertThat(ours).anyMatch(l -> l.startsWith("          <idle>-0       [000] d.h2.")
            && l.contains(": azx_get_position: [0:4] pos="));
        assertThat(ours).anyMatch(l -> l.startsWith("           aplay-127") && l.endsWith("azx_pcm_open: stream_tag: 5"));
        assertThat(FAILURES).isEmpty();
    }

    private static void assertFormat(final String line)
    {
        final Matcher m = LINE.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        assertThat(line.indexOf(" [000] ")).as("task column of %s", line).isEqualTo(24);
        assertThat(ARGS).as(line).containsKey(m.group("event"));
        assertThat(ARGS.get(m.group("event")).matcher(m.group("args")).matches()).as(line).isTrue();
    }

    @Test
    void shouldPairEverySendWithOneResponseInOrderWithTimesNeverDecreasing()
    {
        long last = -1;
        String pending = null;
        int pairs = 0;
        for (final String line : lines(VERBTRACE))
        {
            final Matcher m = LINE.matcher(line);
            assertThat(m.matches()).isTrue();
            assertThat(micros(m)).as(line).isGreaterThanOrEqualTo(last);
            last = micros(m);
            final String event = m.group("event");
            if ("hda_send_cmd".equals(event))
            {
                assertThat(pending).as("a send before the response of %s", pending).isNull();
                pending = line;
            }
            else if ("hda_get_response".equals(event))
            {
                assertThat(pending).as("a response without a send: %s", line).isNotNull();
                final String sentTo = pending.substring(pending.indexOf('['), pending.indexOf(']'));
                assertThat(line).contains(sentTo);
                pending = null;
                pairs++;
            }
        }
        assertThat(pending).isNull();
        assertThat(pairs).isGreaterThan(40);
    }

    @Test
    void shouldPutEachVerbBetweenTheCorbWriteThatSentItAndTheRirbReadThatTookItsResponse()
    {
        final List<Long> corbWrites = new ArrayList<>();
        final List<Long> rirbReads = new ArrayList<>();
        long base = -1;
        int previousOffset = -1;
        for (final String line : lines(MMIOTRACE))
        {
            final Matcher map = MAP.matcher(line);
            if (map.matches() && base < 0)
            {
                base = Long.parseLong(map.group("phys"), 16);
            }
            final Matcher m = MMIO.matcher(line);
            if (!m.matches())
            {
                continue;
            }
            final int offset = (int)(Long.parseLong(m.group("phys"), 16) - base);
            if ("W".equals(m.group("op")) && CORBWP == offset && CORBRP == previousOffset)
            {
                corbWrites.add(micros(m));
            }
            if ("R".equals(m.group("op")) && RIRBWP == offset)
            {
                rirbReads.add(micros(m));
            }
            previousOffset = offset;
        }
        final List<Long> sends = new ArrayList<>();
        final List<Long> responses = new ArrayList<>();
        for (final String line : lines(VERBTRACE))
        {
            final Matcher m = LINE.matcher(line);
            assertThat(m.matches()).isTrue();
            if ("hda_send_cmd".equals(m.group("event")))
            {
                sends.add(micros(m));
            }
            else if ("hda_get_response".equals(m.group("event")))
            {
                responses.add(micros(m));
            }
        }
        // probe_codec's VENDOR_ID goes to the CORB without the tracepoint, before any traced verb (as in Linux)
        assertThat(corbWrites.get(0)).isLessThan(sends.get(0));
        corbWrites.remove(0);
        assertThat(sends).hasSameSizeAs(corbWrites).hasSameSizeAs(responses);
        for (int k = 0; k < sends.size(); k++)
        {
            final long sent = corbWrites.get(k);
            final long answered = responses.get(k);
            assertThat(sends.get(k)).as("send %d", k).isLessThanOrEqualTo(sent);
            assertThat(sent).as("CORBWP write %d", k).isLessThanOrEqualTo(answered);
            assertThat(rirbReads).as("an RIRBWP read between CORBWP write %d and its response", k)
                .anyMatch(t -> t >= sent && t <= answered);
            if (k + 1 < sends.size())
            {
                assertThat(answered).isLessThanOrEqualTo(sends.get(k + 1));
            }
        }
    }

    @Test
    void shouldStopTheChipAndResetTheLinkAtSystemSuspendAndInitialiseItAtResume()
    {
        final List<String> mmio = lines(MMIOTRACE);
        final int begin = mmio.indexOf(mmio.stream().filter(l -> l.endsWith(" " + Scenario.MARK_SYSTEM_SUSPEND_BEGIN))
            .findFirst().orElseThrow());
        final int end = mmio.indexOf(mmio.stream().filter(l -> l.endsWith(" " + Scenario.MARK_SYSTEM_RESUME_DONE))
            .findFirst().orElseThrow());
        long base = -1;
        for (final String line : mmio)
        {
            final Matcher map = MAP.matcher(line);
            if (map.matches())
            {
                base = Long.parseLong(map.group("phys"), 16);
                break;
            }
        }
        final List<String> accesses = new ArrayList<>();
        for (final String line : mmio.subList(begin, end))
        {
            final Matcher m = MMIO.matcher(line);
            if (m.matches() && "W".equals(m.group("op")))
            {
                final long offset = Long.parseLong(m.group("phys"), 16) - base;
                final long value = Long.parseLong(m.group("value"), 16);
                if (GCTL == offset)
                {
                    accesses.add((value & 1) == 0 ? "link reset" : "link out of reset");
                }
                else if (INTCTL == offset && 4 == Integer.parseInt(m.group("width")))
                {
                    accesses.add(value == 0 ? "interrupts off" : "INTCTL=0x" + Long.toHexString(value));
                }
                else if (CORBCTL == offset && value == 2)
                {
                    accesses.add("CORB running");
                }
            }
        }
        final int stop = accesses.lastIndexOf("interrupts off");
        assertThat(stop).as(accesses.toString()).isGreaterThanOrEqualTo(0);
        assertThat(accesses.subList(stop, accesses.size())).as(accesses.toString())
            .containsSubsequence("interrupts off", "link reset", "link out of reset", "CORB running",
                "INTCTL=0xc0000000");

        final List<String> verbs = lines(VERBTRACE);
        final int suspend = indexOf(verbs, ": azx_suspend: card index: 0");
        final int resume = indexOf(verbs, ": azx_resume: card index: 0");
        assertThat(suspend).isPositive().isLessThan(resume);
        assertThat(verbs.get(suspend)).startsWith("    kworker/u2:1-24 ");
        assertThat(verbs.get(resume + 1)).endsWith(": hda_send_cmd: [0000:00:1b.0:0] val=0x00170500");
        assertThat(indexOf(verbs, "tracing_mark_write: " + Scenario.MARK_SYSTEM_SUSPEND_BEGIN)).isLessThan(suspend);
        assertThat(indexOf(verbs, "tracing_mark_write: " + Scenario.MARK_SYSTEM_RESUME_DONE)).isGreaterThan(resume);
    }

    private static int indexOf(final List<String> lines, final String part)
    {
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).contains(part))
            {
                return i;
            }
        }
        return -1;
    }

    @Test
    void shouldPlayBothPlaysBitExactAroundTheSystemSuspend()
    {
        assertThat(PLAYED).hasSize(2);
        for (int k = 0; k < 2; k++)
        {
            assertThat(PLAYED.get(k).length).isGreaterThanOrEqualTo(WRITTEN.get(k).length);
            assertThat(Arrays.copyOf(PLAYED.get(k), WRITTEN.get(k).length)).as("play %d", k + 1)
                .isEqualTo(WRITTEN.get(k));
        }
    }

    @Test
    void shouldWriteTheScenarioMarksInOrderIntoTheMmiotrace()
    {
        final List<String> marks = lines(MMIOTRACE).stream().filter(l -> l.startsWith("MARK "))
            .map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
        assertThat(marks).containsExactly("MARK_INSMOD_HDA_INTEL", "MARK_PROBE_DONE", "MARK_IDLE_AFTER_PROBE",
            "MARK_PLAY1_BEGIN", "MARK_PLAY1_END", "MARK_IDLE_AFTER_PLAY1", "MARK_SYSTEM_SUSPEND_BEGIN",
            "MARK_SYSTEM_RESUME_DONE", "MARK_PLAY2_BEGIN", "MARK_PLAY2_END", "MARK_IDLE_AFTER_PLAY2", "MARK_END");
        final List<Long> times = lines(MMIOTRACE).stream().filter(l -> l.startsWith("MARK "))
            .map(l -> l.split(" ")[1]).map(t -> (long)(Double.parseDouble(t) * 1e6 + 0.5)).toList();
        // the idle after the probe and after each play advanced the virtual clock by its length
        assertThat(times.get(2) - times.get(1)).isEqualTo(1_500_000L);
        assertThat(times.get(5) - times.get(4)).isEqualTo(1_500_000L);
    }
}
