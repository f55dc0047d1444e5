package dev.azalia.driver;

import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineCodec;
import dev.azalia.machine.MachineConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The codec driver's probe and init against the Linux 6.1 capture on QEMU's hda-duplex ({@code ich9/hda-events.txt}
 * between MARK_INSMOD_HDA_INTEL and the power save): every verb and every response, in order.
 */
final class CodecProbeConformanceTest
{
    /** Verb, response pairs of the capture's probe phase. */
    static final int[] LINUX_PROBE = {
        0x000f0000, 0x1af40022,
        0x000f0001, 0x1af40022,
        0x000f0002, 0x00100101,
        0x000f0004, 0x00010001,
        0x001f0005, 0x00000001,
        0x001f0004, 0x00020004,
        0x001f000f, 0x00000000,
        0x002f0009, 0x0000001d,
        0x003f0009, 0x00400101,
        0x004f0009, 0x0010011b,
        0x005f0009, 0x00400001,
        0x003f1c00, 0x00004010,
        0x003f0700, 0x00000040,
        0x005f1c00, 0x00805020,
        0x005f0700, 0x00000020,
        0x00170500, 0x00000000,
        0x001f0500, 0x00000000,
        0x003f000c, 0x00000010,
        0x005f000c, 0x00000020,
        0x003f0009, 0x00400101,
        0x003f000e, 0x00000001,
        0x003f0200, 0x00000002,
        0x002f0012, 0x80034a4a,
        0x004f0009, 0x0010011b,
        0x004f000e, 0x00000001,
        0x004f0200, 0x00000005,
        0x004f000d, 0x80034a4a,
        0x002f0009, 0x0000001d,
        0x002f000a, 0x000201fc,
        0x002f000b, 0x00000001,
        0x004f000a, 0x000201fc,
        0x004f000b, 0x00000001,
        0x00370740, 0x00000000,
        0x002ba000, 0x0000004a,
        0x0023a080, 0x00000000,
        0x002b8000, 0x0000004a,
        0x00239080, 0x00000000,
        0x00570720, 0x00000000,
        0x004b2000, 0x00000000,
        0x00436080, 0x00000000,
        0x004b0000, 0x00000000,
        0x00435080, 0x00000000,
        0x003f0900, 0x00000000,
    };

    static List<String> format(final int[] pairs, final int count)
    {
        final List<String> list = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.length && i / 2 < count; i += 2)
        {
            list.add(String.format(Locale.ROOT, "%08x -> %08x", pairs[i], pairs[i + 1]));
        }
        return list;
    }

    static Machine boot(final List<Integer> verbs, final MachineCodec codec) throws InterruptedException
    {
        return Machine.boot(MachineConfig.of(true, new CapturingDacOutput())
            .withCodec(codec.withObserver((v, r) ->
            {
                verbs.add(v);
                verbs.add(r);
            })));
    }

    @Test
    void shouldProbeAndInitTheCodecVerbForVerbAsLinuxDid() throws Exception
    {
        final List<Integer> verbs = new ArrayList<>();
        try (Machine m = boot(verbs, MachineCodec.DEFAULT.withRestoreMixer(false)))
        {
            assertThat(m.chip().probeFailure()).isNull();
            final int[] seen = verbs.stream().mapToInt(Integer::intValue).toArray();
            // probe_codec's VENDOR_ID goes straight to the CORB without the hda_send_cmd tracepoint: the capture's
            // mmiotrace has its CORB write and interrupt before the first traced verb, the codec sees it first
            assertThat(format(seen, 1)).containsExactly("000f0000 -> 1af40022");
            final int[] traced = Arrays.copyOfRange(seen, 2, seen.length);
            assertThat(format(traced, LINUX_PROBE.length / 2)).containsExactlyElementsOf(format(LINUX_PROBE, 999));
        }
    }

    @Test
    void shouldLogTheAutoconfigAsLinuxDid() throws Exception
    {
        try (Machine m = boot(new ArrayList<>(), MachineCodec.DEFAULT))
        {
            final String src = "snd_hda_codec_generic hdaudioC0D0: ";
            assertThat(m.log().lines().stream().filter(l -> l.contains(src)).map(l -> l.substring(l.indexOf(src)))
                .filter(l -> !l.contains("vendor ")).toList())
                .startsWith(
                    src + "autoconfig for Generic: line_outs=1 (0x3/0x0/0x0/0x0/0x0) type:line",
                    src + "   speaker_outs=0 (0x0/0x0/0x0/0x0/0x0)",
                    src + "   hp_outs=0 (0x0/0x0/0x0/0x0/0x0)",
                    src + "   mono: mono_out=0x0",
                    src + "   inputs:",
                    src + "     Line=0x5");
        }
    }
}
