package dev.azalia.hda.codec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The link side every emulated codec shares: verbs in, the output converters' start and stop, the counters. */
final class CodecPortTest
{
    private static final int DAC_A = 2;
    private static final int DAC_B = 3;

    private final RecordingDacOutput out = new RecordingDacOutput();
    private final List<String> executed = new ArrayList<>();
    private final ConverterStream a = new ConverterStream(DAC_A, 0, 0, 0x11);
    private final ConverterStream b = new ConverterStream(DAC_B, 0, 0, 0x11);
    private final CodecPort port = new CodecPort(4, out, new NodeVerbs()
    {
        @Override
        public int execute(final int nid, final int verbId, final int payload)
        {
            executed.add(Integer.toHexString(nid) + ":" + Integer.toHexString(verbId) + ":"
                + Integer.toHexString(payload));
            return 0x1234;
        }

        @Override
        public long unknownVerbs()
        {
            return 7;
        }
    }, new ConverterStream[] {a, b});

    @Test
    void shouldDecodeEveryCommandAndShowItToTheObserver()
    {
        final List<String> seen = new ArrayList<>();
        port.observe((verb, response) -> seen.add(Integer.toHexString(verb) + "=" + Integer.toHexString(response)));

        assertThat(port.execute(0x40270650)).isEqualTo(0x1234);
        assertThat(port.execute(0x40224011)).isEqualTo(0x1234);

        assertThat(executed).containsExactly("2:706:50", "2:2:4011");
        assertThat(seen).containsExactly("40270650=1234", "40224011=1234");
        assertThat(port.verbsExecuted()).isEqualTo(2);
        assertThat(port.unknownVerbs()).isEqualTo(7);
    }

    @Test
    void shouldStartOnlyTheConvertersBoundToTheDeliveredTagAndOnlyOnce()
    {
        a.setStreamAndChannel(0x50);
        b.setStreamAndChannel(0x60);

        assertThat(port.bind(5)).isTrue();
        assertThat(a.bound() && a.startDue()).isTrue();
        assertThat(b.bound()).isFalse();
        assertThat(port.bind(5)).isTrue();
        assertThat(a.startDue()).as("already receiving").isFalse();
        assertThat(port.bind(7)).as("no converter on tag 7").isFalse();
        assertThat(port.anyReceiving()).isTrue();
    }

    @Test
    void shouldMakeAStopDueWhenAReceivingConvertersTagOrFormatChanges()
    {
        a.setStreamAndChannel(0x50);
        port.bind(5);

        a.setStreamAndChannel(0x51);
        assertThat(port.takeStops()).as("same tag, other channel: still receiving").isFalse();
        a.setFormat(0x4011);
        assertThat(port.takeStops()).as("format changed").isTrue();
        port.deliverStops();

        assertThat(out.events).containsExactly("stop " + DAC_A);
        assertThat(port.anyReceiving()).isFalse();
        assertThat(port.bind(5)).isTrue();
        assertThat(a.startDue()).as("starts again on the next delivery").isTrue();
    }

    @Test
    void shouldStopOnlyTheConvertersReceivingTheStoppedTag()
    {
        a.setStreamAndChannel(0x50);
        b.setStreamAndChannel(0x60);
        port.bind(5);
        port.bind(6);

        port.stopReceiving(6);
        assertThat(port.takeStops()).isTrue();
        port.deliverStops();

        assertThat(out.events).containsExactly("stop " + DAC_B);
        assertThat(port.anyReceiving()).as("the other still receives").isTrue();
    }

    @Test
    void shouldSendAPinsUnsolicitedResponseOnlyWhenEnabledAndABusIsAttached()
    {
        assertThat(port.unsolicitedTarget(0x81)).as("no bus").isNull();
        final RecordingCodecBus bus = new RecordingCodecBus();
        port.attach(bus);

        assertThat(port.unsolicitedTarget(0x01)).as("disabled").isNull();
        assertThat(port.unsolicitedTarget(0x81)).isSameAs(bus);
        assertThat(CodecPort.unsolicitedResponse(0x81, Verbs.UNSOL_RES_PD)).isEqualTo(1 << 26 | 1);
        assertThat(port.unsolicitedSent()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnAddressBeyondFourteen()
    {
        assertThatThrownBy(() -> new CodecPort(15, out, null, new ConverterStream[0]))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
