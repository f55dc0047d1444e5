package dev.azalia.driver;

import dev.azalia.hda.codec.CodecModel;
import dev.azalia.hda.codec.CodecOptions;
import dev.azalia.machine.CodecFormats;
import dev.azalia.machine.Machine;
import dev.azalia.machine.MachineCodec;
import dev.azalia.machine.MachineConfig;
import dev.azalia.sound.Errno;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmHardware;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.sound.SoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The playback PCM's constraints come from the probed codec's converter, as {@code azx_pcm_open} sets them, and
 * {@code hw_params} refuses what the converter cannot take, saying what it can.
 */
final class PcmFormatsTest
{
    private static Machine boot(final CodecModel model) throws InterruptedException
    {
        return Machine.boot(MachineConfig.of(true, new CapturingDacOutput())
            .withCodec(MachineCodec.DEFAULT.with(model, CodecOptions.DEFAULT)));
    }

    @Test
    void shouldOpenWithQemusConverterCaps() throws Exception
    {
        try (Machine m = boot(CodecModel.QEMU_DUPLEX))
        {
            final PcmSubstream s = m.chip().card().pcms().get(0).playback();
            s.open();
            final PcmHardware hw = s.hardware();
            assertThat(hw.rates()).containsExactly(16_000, 22_050, 32_000, 44_100, 48_000, 88_200, 96_000);
            assertThat(hw.bitsPerSample()).containsExactly(16);
            assertThat(hw.channelsMin()).isEqualTo(2);
            assertThat(hw.channelsMax()).isEqualTo(2);
            assertThat(hw.periodBytesMin()).isEqualTo(AzxPcmOps.HARDWARE.periodBytesMin());
            s.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = CodecModel.class, names = {"JACK_OUTPUT", "JACK_DUPLEX"})
    void shouldOpenWithTheJackModelsConverterCaps(final CodecModel model) throws Exception
    {
        try (Machine m = boot(model))
        {
            final PcmSubstream s = m.chip().card().pcms().get(0).playback();
            s.open();
            assertThat(s.hardware().rates()).containsExactly(8_000, 11_025, 16_000, 22_050, 32_000, 44_100, 48_000,
                88_200, 96_000, 176_400, 192_000);
            assertThat(s.hardware().bitsPerSample()).containsExactly(8, 16, 32);
            assertThat(s.hardware().channelsMin()).isEqualTo(2);
            assertThat(m.chip().codecs().get(0).playbackCapabilities().describe())
                .isEqualTo("8000/11025/16000/22050/32000/44100/48000/88200/96000/176400/192000 Hz, 8/16/32 bit, "
                    + "2 channels");
            s.hwParams(new HwParams(192_000, 2, 32, 1024, 4));
            s.hwParams(new HwParams(8_000, 2, 16, 256, 4));
            s.close();
        }
    }

    @ParameterizedTest
    @EnumSource(CodecModel.class)
    void shouldLearnBeforeBootWhatTheProbedCodecWillTake(final CodecModel model) throws Exception
    {
        final MachineCodec codec = MachineCodec.DEFAULT.with(model, CodecOptions.DEFAULT);
        try (Machine m = boot(model))
        {
            assertThat(CodecFormats.playback(codec).describe())
                .isEqualTo(m.chip().codecs().get(0).playbackCapabilities().describe());
        }
    }

    @Test
    void shouldRefuseWhatQemusConverterCannotTakeAndSayWhatItCan() throws Exception
    {
        try (Machine m = boot(CodecModel.QEMU_DUPLEX))
        {
            final PcmSubstream s = m.chip().card().pcms().get(0).playback();
            s.open();
            assertThatThrownBy(() -> s.hwParams(new HwParams(24_000, 2, 16, 1024, 4)))
                .isInstanceOfSatisfying(SoundException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
                .hasMessage("hw_params: rate 24000 Hz not in [16000, 22050, 32000, 44100, 48000, 88200, 96000]");
            assertThatThrownBy(() -> s.hwParams(new HwParams(8_000, 2, 16, 1024, 4)))
                .hasMessageContaining("rate 8000 Hz not in");
            assertThatThrownBy(() -> s.hwParams(new HwParams(48_000, 1, 16, 1024, 4)))
                .isInstanceOfSatisfying(SoundException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
                .hasMessage("hw_params: 1 channels not in [2, 2] in steps of 2");
            assertThatThrownBy(() -> s.hwParams(new HwParams(48_000, 2, 32, 1024, 4)))
                .isInstanceOfSatisfying(SoundException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL))
                .hasMessage("hw_params: 32-bit samples not in [16]");
            // what it takes still works after the refusals
            s.hwParams(new HwParams(22_050, 2, 16, 1024, 4));
            s.prepare();
            s.hwFree();
            s.close();
        }
    }
}
