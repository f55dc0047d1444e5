package dev.azalia.machine;

import dev.azalia.driver.CodecDriver;
import dev.azalia.hda.codec.dump.BuiltinCodec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A machine on each built-in codec: what the player learns of the codec before boot is what the booted driver
 * computes, and jack events go to a jack the run can plug without touching the played path.
 */
final class BuiltinCodecMachineTest
{
    private static Machine boot(final MachineCodec codec) throws InterruptedException
    {
        return Machine.boot(MachineConfig.of(true, (a, n, f, pcm, o, l, t) -> { }).withCodec(codec));
    }

    @ParameterizedTest
    @EnumSource(BuiltinCodec.class)
    void shouldLearnBeforeBootWhatTheBootedDriverWillTake(final BuiltinCodec builtin) throws Exception
    {
        final MachineCodec codec = MachineCodec.builtin(builtin, OptionalInt.empty());
        try (Machine m = boot(codec))
        {
            assertThat(CodecFormats.playback(codec).describe()).isEqualTo(
                CodecDriver.firstAnalog(m.chip().codecs()).playbackCapabilities().describe());
        }
    }

    @Test
    void shouldTakeTheDesktopsFourLineOutsAsUpToEightChannels()
    {
        final String caps = CodecFormats.playback(MachineCodec.builtin(BuiltinCodec.DESKTOP, OptionalInt.empty()))
            .describe();

        assertThat(caps).endsWith("2/4/6/8 channels");
    }

    @Test
    void shouldPlugTheMicJackWhenTheLaptopIsHeardAtItsSpeaker() throws Exception
    {
        try (Machine m = boot(MachineCodec.builtin(BuiltinCodec.LAPTOP, OptionalInt.empty())))
        {
            final JackSwitch jack = JackSwitch.of(m.codecs()).orElseThrow();

            assertThat(jack.pinNid()).isEqualTo(0x12);
            jack.set(false);
            assertThat(m.codecs().get(0).jackPresent(0x12)).isFalse();
            jack.set(true);
            assertThat(m.codecs().get(0).jackPresent(0x12)).isTrue();
        }
    }

    @Test
    void shouldPlugTheListenedHeadphone() throws Exception
    {
        try (Machine m = boot(MachineCodec.builtin(BuiltinCodec.LAPTOP, OptionalInt.of(0x11))))
        {
            assertThat(JackSwitch.of(m.codecs()).orElseThrow().pinNid()).isEqualTo(0x11);
        }
    }

    @Test
    void shouldPlugTheBuiltinJackModelsPin() throws Exception
    {
        try (Machine m = boot(MachineCodec.DEFAULT.forJackEvents(true)))
        {
            assertThat(JackSwitch.of(m.codecs()).orElseThrow().pinNid()).isEqualTo(JackSwitch.BUILTIN_JACK_PIN);
        }
    }

    @Test
    void shouldHaveNoJackOnACodecWithoutPresenceDetect() throws Exception
    {
        // the QEMU codec as a dump: its pins have no presence detect
        final MachineCodec qemuDump = MachineCodec.fromDump(BuiltinCodec.QEMU.dump().codecList(),
            OptionalInt.empty());
        try (Machine m = boot(qemuDump))
        {
            assertThat(JackSwitch.of(m.codecs())).isEmpty();
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new BarMoveExperiment(m,
                new BarMoveExperiment.Plan(0, 0, 0, 25_000_000L, 1))))
                .hasMessage("jack events need a jack with presence detect; no codec on the link has one");
        }
    }
}
