package dev.azalia.driver;

import dev.azalia.hda.codec.CodecModel;
import dev.azalia.hda.codec.CodecOptions;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineCodec;
import dev.azalia.machine.MachineConfig;
import dev.azalia.sound.Card;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmSubstream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which mixer operations reach the codec, against the Linux 6.1 capture {@code ich9-mixer/}: gets come from the
 * register cache, an unchanged put sends nothing, a changed put sends one SET_AMP_GAIN_MUTE per channel while the
 * codec is powered and only updates the cache while it is suspended (replayed at the next resume).
 */
final class MixerConformanceTest
{
    private static final String VOLUME = "Master Playback Volume";
    private static final String SWITCH = "Master Playback Switch";
    private final List<Integer> verbs = new ArrayList<>();

    private Machine boot() throws InterruptedException
    {
        return Machine.boot(MachineConfig.of(true, new CapturingDacOutput()).withCodec(
            new MachineCodec(CodecModel.QEMU_DUPLEX, CodecOptions.DEFAULT, false, (v, r) -> verbs.add(v))));
    }

    private static void idle(final Machine m, final long nanos)
    {
        ((VirtualKernel)m.kernel()).runUntil(m.clock().nanoTime() + nanos);
    }

    private static void getAll(final Card card)
    {
        for (final String name : List.of(VOLUME, SWITCH, "Capture Volume", "Capture Switch"))
        {
            card.controlRead(name);
        }
    }

    private static void putSameAll(final Card card)
    {
        for (final String name : List.of(VOLUME, SWITCH, "Capture Volume", "Capture Switch"))
        {
            card.controlWrite(name, card.controlRead(name));
        }
    }

    @Test
    void shouldServeGetsAndUnchangedPutsWithoutAVerbWhilePowered() throws Exception
    {
        try (Machine m = boot())
        {
            final Card card = m.chip().card();
            verbs.clear();

            getAll(card);
            putSameAll(card);

            assertThat(verbs).isEmpty();
            assertThat(card.controlRead(VOLUME)).containsExactly(0, 0);
            assertThat(card.controlRead(SWITCH)).as("the generic parser leaves the amp muted").containsExactly(0, 0);
        }
    }

    @Test
    void shouldSendOneVerbPerChannelForAChangedPutWhilePowered() throws Exception
    {
        try (Machine m = boot())
        {
            final Card card = m.chip().card();
            card.controlWrite(VOLUME, new long[] {37, 37});
            card.controlWrite(SWITCH, new long[] {1, 1});
            verbs.clear();

            card.controlWrite(VOLUME, new long[] {60, 60});
            card.controlWrite(SWITCH, new long[] {0, 0});

            assertThat(verbs).as("left then right, the mute keeping the gain")
                .containsExactly(0x0023a03c, 0x0023903c, 0x0023a0bc, 0x002390bc);
        }
    }

    @Test
    void shouldOnlyCacheAPutWhileSuspendedAndReplayItAtTheNextResume() throws Exception
    {
        try (Machine m = boot())
        {
            final Card card = m.chip().card();
            idle(m, 2_000_000_000L);
            assertThat(m.chip().codecs().get(0).suspended()).isTrue();
            verbs.clear();

            getAll(card);
            putSameAll(card);
            card.controlWrite(VOLUME, new long[] {37, 37});
            card.controlWrite(SWITCH, new long[] {1, 1});

            assertThat(verbs).as("suspended: the codec is not woken").isEmpty();
            assertThat(card.controlRead(VOLUME)).containsExactly(37, 37);
            assertThat(m.chip().codecs().get(0).suspended()).isTrue();

            final PcmSubstream s = card.pcms().get(0).playback();
            s.open();
            s.hwParams(new HwParams(48_000, 2, 16, 6000, 4));
            s.prepare();
            assertThat(verbs).as("MARK_PLAY_BEGIN: the restore carries the new value")
                .startsWith(0x00170500, 0x001f0500, 0x00370740, 0x00570720, 0x00239025, 0x0023a025);
            assertThat(m.codec().ampGain(2, true)).isEqualTo(37);
            assertThat(m.codec().ampMuted(2, true)).isFalse();
            s.hwFree();
            s.close();
        }
    }
}
