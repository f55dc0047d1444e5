package dev.azalia.hda;

import dev.azalia.hda.codec.DacOutput;
import dev.azalia.hda.codec.HdaCodec;
import dev.azalia.hda.codec.Verbs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real codec on the controller's link, enumerated over CORB/RIRB the way Linux's codec probe does it.
 */
final class HdaCodecEnumerationTest
{
    private final HdaBench bench = new HdaBench();

    private int verb(final int nid, final int verb, final int payload)
    {
        assertThat(bench.sendCmd(Verbs.make(0, nid, verb, payload))).isZero();
        final List<int[]> responses = bench.updateRirb();
        bench.ackRirb();
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0)[1] & 0xf).as("codec address in the extended word").isZero();
        assertThat(responses.get(0)[1] & 0x10).as("solicited").isZero();
        return responses.get(0)[0];
    }

    @Test
    void shouldEnumerateTheCodecOverCorbAndRirb()
    {
        final HdaCodec codec = HdaCodec.output(0, new DacOutput()
        {
            @Override
            public void onSamples(final int codecAddress, final int nid, final StreamFormat format, final byte[] pcm,
                final int offset, final int length, final long nanos)
            {
            }
        });
        bench.hda.attachCodec(codec);
        bench.initChip();

        assertThat(verb(0, Verbs.GET_PARAMETER, Verbs.PAR_VENDOR_ID)).isEqualTo(0x1af40012);
        final int rootNodes = verb(0, Verbs.GET_PARAMETER, Verbs.PAR_NODE_COUNT);
        assertThat(rootNodes).isEqualTo(0x00010001);
        assertThat(verb(1, Verbs.GET_PARAMETER, Verbs.PAR_FUNCTION_TYPE) & 0xff).as("audio function group")
            .isEqualTo(0x01);
        final int widgets = verb(1, Verbs.GET_PARAMETER, Verbs.PAR_NODE_COUNT);
        final int start = (widgets >> 16) & 0xff;
        final int count = widgets & 0xff;
        final List<Integer> types = new ArrayList<>();
        for (int nid = start; nid < start + count; nid++)
        {
            types.add((verb(nid, Verbs.GET_PARAMETER, Verbs.PAR_AUDIO_WIDGET_CAP) >> 20) & 0xf);
        }
        assertThat(types).as("a DAC (type 0) then a pin (type 4)").containsExactly(0x0, 0x4);
        assertThat(verb(2, Verbs.GET_PARAMETER, Verbs.PAR_AMP_OUT_CAP)).isEqualTo(0x80034a4a);
        assertThat(verb(3, Verbs.GET_CONNECT_LIST, 0) & 0xff).isEqualTo(0x02);
    }

    @Test
    void shouldAnswerNothingForAnAbsentCodecAndCarryOn()
    {
        bench.hda.attachCodec(HdaCodec.output(0, (a, n, f, p, o, l, t) -> { }));
        bench.initChip();
        assertThat(bench.sendCmd(Verbs.make(3, 0, Verbs.GET_PARAMETER, Verbs.PAR_VENDOR_ID))).isZero();
        assertThat(bench.updateRirb()).isEmpty();
        assertThat(verb(0, Verbs.GET_PARAMETER, Verbs.PAR_VENDOR_ID)).isEqualTo(0x1af40012);
    }
}
