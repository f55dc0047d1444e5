package dev.azalia.conformance;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TraceReadersTest
{
    private static final String LINUX = """
        VERSION 20070824
        PCIDEV 0018 8086293e b febd4000 0 0 0 0 0 0 4000 0 0 0 0 0 0

        # a comment
        MARK 4.217410 MARK_INSMOD_HDA_INTEL
        MAP 4.252553 1 0xfebd4000 0xffffcc6c40598000 0x4000 0x0 0
        R 2 4.260110 1 0xfebd4000 0x4401 0xffffffffc05a7306 0
        W 4 4.270822 1 0xfebd4008 0x1 0xffffffffc053355a 0
        UNKNOWN 4.3 1 0xfebd4000 0x0 0x0 0
        MARK 8.340185 MARK_SYSTEM_SUSPEND_BEGIN (s2idle, pm_test=devices)
        UNMAP 9.000000 1 0x0 0
        MAP 9.100000 2 0xfe000000 0xffffc90000000000 0x4000 0x0 1
        W 1 9.200000 2 0xfe000103 0x1c 0x0 1
        """;

    @Test
    void readsEveryMmiotraceLineKindAndTakesOffsetsFromTheCoveringMap() throws Exception
    {
        final MmioCapture c = MmioTraceReader.parse("t", LINUX);

        assertThat(c.pciDevices()).containsExactly(0x8086293eL);
        assertThat(c.marks()).extracting(TraceMark::name)
            .containsExactly("MARK_INSMOD_HDA_INTEL", "MARK_SYSTEM_SUSPEND_BEGIN");
        assertThat(c.marks().get(1).text()).isEqualTo("MARK_SYSTEM_SUSPEND_BEGIN (s2idle, pm_test=devices)");
        assertThat(c.marks().get(0).timeMicros()).isEqualTo(4_217_410L);
        assertThat(c.accesses()).containsExactly(
            new MmioAccess(4_260_110L, false, 2, 0x0, 0x4401, 0xffffffffc05a7306L, 7),
            new MmioAccess(4_270_822L, true, 4, 0x8, 0x1, 0xffffffffc053355aL, 8),
            new MmioAccess(9_200_000L, true, 1, 0x103, 0x1c, 0, 13));
    }

    @Test
    void readsAzaliasOwnMmiotrace() throws Exception
    {
        final MmioCapture c = MmioTraceReader.parse("a", """
            MAP 0.000000 1 0xfe000000 0xffffc90000000000 0x4000 0x0 1
            R 2 0.000000 1 0xfe000000 0x4401 0x0 1
            W 2 0.001500 1 0xfe00000e 0x7fff 0x0 1
            """);

        assertThat(c.accesses()).extracting(MmioAccess::offset).containsExactly(0x0, 0xe);
        assertThat(c.accesses().get(1).timeMicros()).isEqualTo(1500);
    }

    @Test
    void aMalformedMmiotraceLineIsOneErrorWithItsLineNumber()
    {
        assertThatThrownBy(() -> MmioTraceReader.parse("x.trace", "VERSION 1\n\nR 4 1.0 1\n"))
            .isInstanceOf(TraceFormatException.class).hasMessage("x.trace:3: R line needs 7 fields, has 4");
        assertThatThrownBy(() -> MmioTraceReader.parse("x.trace", "MAP 0.0 1 0x1000 0x0 0x100 0x0 0\n"
            + "R 4 1.0 1 0x9000 0x0 0x0 0\n"))
            .hasMessage("x.trace:2: access to 0x9000 outside every MAP");
        assertThatThrownBy(() -> MmioTraceReader.parse("x.trace", "MAP 0.0 1 0x1000 0x0 0x100 0x0 0\n"
            + "W 3 1.0 1 0x1000 0x0 0x0 0\n")).hasMessage("x.trace:2: bad width 3");
        assertThatThrownBy(() -> MmioTraceReader.parse("x.trace", "MARK x.y M\n"))
            .hasMessage("x.trace:1: bad time stamp 'x.y'");
        assertThatThrownBy(() -> MmioTraceReader.parse("x.trace", "HELLO 1\n"))
            .hasMessage("x.trace:1: unknown line kind 'HELLO'");
    }

    @Test
    void readsTracepointEventsWithTheirFieldsAndInterruptContext() throws Exception
    {
        final List<TraceEvent> e = EventTraceReader.parse("ev", """
            # tracer: nop
                 kworker/0:2-48      [000] .....     4.283656: hda_send_cmd: [0000:00:03.0:0] val=0x000f0000
                 kworker/0:2-48      [000] .N...     4.284615: hda_get_response: [0000:00:03.0:0] val=0x1af40022

                       aplay-126     [000] d..1.    12.712021: azx_pcm_trigger: [0:4] cmd=1
                      <idle>-0       [000] d.h2.    12.811486: azx_get_position: [0:4] pos=24352, delay=0
            13.000001: azx_suspend: card index: 0
            """);

        assertThat(e).extracting(TraceEvent::name).containsExactly("hda_send_cmd", "hda_get_response",
            "azx_pcm_trigger", "azx_get_position", "azx_suspend");
        assertThat(e.get(0).field("val")).hasValue(0x000f0000L);
        assertThat(e.get(1).timeMicros()).isEqualTo(4_284_615L);
        assertThat(e.get(2).field("cmd")).hasValue(1);
        assertThat(e.get(2).hardIrq()).isFalse();
        assertThat(e.get(3).hardIrq()).isTrue();
        assertThat(e.get(3).field("pos")).hasValue(24352);
        assertThat(e.get(3).field("delay")).hasValue(0);
        assertThat(e.get(4).lineNumber()).isEqualTo(7);
    }

    @Test
    void aMalformedEventLineIsOneErrorWithItsLineNumber()
    {
        assertThatThrownBy(() -> EventTraceReader.parse("ev.txt", "\n   a-1 [000] ..... 1.0: hda_send_cmd: [x]\n"))
            .isInstanceOf(TraceFormatException.class).hasMessage("ev.txt:2: hda_send_cmd without val=");
        assertThatThrownBy(() -> EventTraceReader.parse("ev.txt", "garbage\n"))
            .hasMessage("ev.txt:1: not an ftrace event line (time: event: text)");
    }

    @Test
    void aFieldWiderThan64BitsIsOneErrorAndA64BitOneIsRead() throws Exception
    {
        // found by fuzzing: a val= of 118 hex digits threw NumberFormatException out of the reader
        assertThatThrownBy(() -> EventTraceReader.parse("ev.txt",
            "   a-1 [000] ..... 1.0: hda_send_cmd: [x] val=0x" + "6".repeat(60) + "\n"))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageStartingWith("ev.txt:1: a value wider than 64 bits: val=0x666").hasMessageEndingWith("...");
        assertThatThrownBy(() -> EventTraceReader.parse("ev.txt", "1.0: azx_get_position: [0:4] pos=99999999999999999999\n"))
            .hasMessage("ev.txt:1: a value wider than 64 bits: pos=99999999999999999999");
        final List<TraceEvent> e = EventTraceReader.parse("ev", "1.0: x: a=0xffffffffffffffff b=-0x10 c=-7\n");
        assertThat(e.get(0).field("a")).hasValue(-1L);
        assertThat(e.get(0).field("b")).hasValue(-16L);
        assertThat(e.get(0).field("c")).hasValue(-7L);
    }

    @Test
    void annotationNamesTheKernelFunctionElseThePc() throws Exception
    {
        final KernelFunctions f = KernelFunctions.parse("ann", """
            # time(s)   R/W width  offset  register   value   decoded  |  code (PC -> symbol)
            ########     4.217410 MARK MARK_INSMOD_HDA_INTEL
                4.252553 MAP 4.252553 1 0xfebd4000 0xffffcc6c40598000 0x4000 0x0 0
                4.260110 R 2  0x0000  GCAP   0x4401   OSS=4 ISS=4  | azx_probe_continue+0x176
               14.689485 W 4  0x0100  SD4(out0).CTL  0x0  0 STRM=0 | STS=0  | snd_hdac_stream_cleanup+0x1c
                4.283656    EV  hda_send_cmd: [0000:00:03.0:0] val=0x000f0000
            """);

        assertThat(f.of(new MmioAccess(4_260_110L, false, 2, 0, 0x4401, 0x1234, 1)))
            .isEqualTo("azx_probe_continue+0x176");
        assertThat(f.of(new MmioAccess(14_689_485L, true, 4, 0x100, 0, 0, 1)))
            .isEqualTo("snd_hdac_stream_cleanup+0x1c");
        assertThat(f.of(new MmioAccess(5_000_000L, true, 4, 0x100, 0, 0xffffffffc0533925L, 1)))
            .isEqualTo("pc 0xffffffffc0533925");
        assertThatThrownBy(() -> KernelFunctions.parse("ann", "  1.0 R 2 0x0000 GCAP 0x1\n"))
            .hasMessage("ann:1: access line needs width, offset and '| function'");
    }

    @Test
    void anUnreadableFileIsOneError(@TempDir final Path dir) throws Exception
    {
        assertThatThrownBy(() -> MmioTraceReader.read(dir.resolve("none.trace")))
            .isInstanceOf(TraceFormatException.class).hasMessageEndingWith("none.trace: no such file");
        final Path bad = Files.writeString(dir.resolve("bad.txt"), "VERSION 1\nR\n");
        assertThatThrownBy(() -> TracePair.read(bad, null, null)).hasMessageEndingWith("bad.txt:2: R line needs 7 "
            + "fields, has 1");
    }
}
