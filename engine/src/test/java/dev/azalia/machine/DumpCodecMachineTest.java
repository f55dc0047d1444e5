package dev.azalia.machine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.azalia.hda.codec.EmulatedCodec;
import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.CodecDumpParser;
import dev.azalia.hda.codec.dump.DumpParseException;
import dev.azalia.hda.codec.dumped.DumpCodec;

import static org.assertj.core.api.Assertions.assertThat;

final class DumpCodecMachineTest
{
    private static List<CodecDump> dump(final String name) throws DumpParseException
    {
        try (InputStream in = DumpCodecMachineTest.class.getResourceAsStream("/codecs/" + name))
        {
            return new CodecDumpParser().parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8))
                .codecList();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static Machine boot(final List<CodecDump> codecs, final List<int[]> verbs) throws InterruptedException
    {
        final MachineCodec codec = MachineCodec.fromDump(codecs, OptionalInt.empty())
            .withObserver((verb, response) -> verbs.add(new int[] {verb, response}));
        return Machine.boot(MachineConfig.of(true, (a, n, f, pcm, o, l, t) -> { }).withCodec(codec));
    }

    private static void assertProbedFromTheDump(final Machine m, final List<CodecDump> codecs, final List<int[]> verbs)
    {
        assertThat(m.codecs()).hasSize(codecs.size());
        assertThat(m.chip().probeFailure()).isNull();
        for (final CodecDump d : codecs)
        {
            final EmulatedCodec codec = m.codecs().stream().filter(c -> c.address() == d.address()).findFirst()
                .orElseThrow();
            assertThat(codec).isInstanceOf(DumpCodec.class);
            assertThat(m.controller().codecs()).contains(codec);
            assertThat(answer(verbs, d.address(), 0, 0xf0000)).as("vendor id of codec %d", d.address())
                .containsExactly(d.vendorId(), d.vendorId()); // probe_codec, then snd_hda_codec_new
            final int first = d.widgets().get(0).nid();
            assertThat(answer(verbs, d.address(), 1, 0xf0004)).as("the group's widgets")
                .containsOnly(first << 16 | d.widgets().size());
            for (final var w : d.widgets())
            {
                assertThat(answer(verbs, d.address(), w.nid(), 0xf0009)).as("wcaps of 0x%x", w.nid())
                    .containsOnly(w.wcaps());
            }
            assertThat(codec.verbsExecuted()).isPositive();
        }
        assertThat(m.log().contains("Codec #")).as("no codec probe error: %s", m.log().lines()).isFalse();
    }

    /** The responses to one verb sent to one node of one codec. */
    private static List<Integer> answer(final List<int[]> verbs, final int address, final int nid, final int verb)
    {
        final List<Integer> responses = new ArrayList<>();
        for (final int[] v : verbs)
        {
            if (v[0] == (address << 28 | nid << 20 | verb))
            {
                responses.add(v[1]);
            }
        }
        return responses;
    }

    @ParameterizedTest
    @ValueSource(strings = {"laptop-analog.txt", "desktop-analog.txt", "qemu-hda-duplex.txt"})
    void theDriverProbesADumpsAnalogCodec(final String fixture) throws Exception
    {
        final List<CodecDump> codecs = dump(fixture);
        final List<int[]> verbs = new ArrayList<>();
        try (Machine m = boot(codecs, verbs))
        {
            assertProbedFromTheDump(m, codecs, verbs);
            assertThat(m.chip().codecs()).hasSize(1);
            assertThat(m.chip().codecs().get(0).vendorId()).isEqualTo(codecs.get(0).vendorId());
            assertThat(m.codec()).as("no built-in codec").isNull();
        }
    }

    @Test
    void anHdmiOnlyDumpIsEnumeratedAtItsAddress() throws Exception
    {
        final List<CodecDump> codecs = dump("hdmi.txt");
        final List<int[]> verbs = new ArrayList<>();
        try (Machine m = boot(codecs, verbs))
        {
            assertThat(m.codecs()).singleElement().extracting(EmulatedCodec::address).isEqualTo(2);
            assertThat(answer(verbs, 2, 0, 0xf0000)).containsExactly(codecs.get(0).vendorId(), codecs.get(0).vendorId());
            assertThat(answer(verbs, 2, 0, 0xf0004)).containsExactly(0x00010001);
            assertThat(m.log().contains("codec_mask = 0x4")).isTrue();
        }
    }

    @Test
    void anAnalogAndAnHdmiCodecShareTheLinkAtTheirAddresses() throws Exception
    {
        final List<CodecDump> codecs = List.of(dump("laptop-analog.txt").get(0), dump("hdmi.txt").get(0));
        final List<int[]> verbs = new ArrayList<>();
        try (Machine m = boot(codecs, verbs))
        {
            assertThat(m.codecs()).extracting(EmulatedCodec::address).containsExactly(0, 2);
            assertThat(m.log().contains("codec_mask = 0x5")).as("STATESTS: codecs 0 and 2").isTrue();
            assertThat(answer(verbs, 0, 0, 0xf0000)).containsExactly(0x1aa02510, 0x1aa02510);
            assertThat(answer(verbs, 2, 0, 0xf0000)).containsExactly(0x1aa0a800, 0x1aa0a800);
            assertThat(((DumpCodec)m.codecs().get(0)).listenedPin()).hasValue(0x10);
            assertThat(((DumpCodec)m.codecs().get(1)).listenedPin()).isEmpty();
            assertThat(m.chip().codecs()).extracting(c -> c.address()).contains(0);
        }
    }

    @Test
    void theBuiltInCodecStaysTheDefault() throws Exception
    {
        try (Machine m = Machine.boot(MachineConfig.of(true, (a, n, f, pcm, o, l, t) -> { })))
        {
            assertThat(m.codecs()).containsExactly(m.codec());
            assertThat(m.codec().address()).isZero();
        }
    }
}
