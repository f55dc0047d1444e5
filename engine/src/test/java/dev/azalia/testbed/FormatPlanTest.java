package dev.azalia.testbed;

import dev.azalia.decode.InputException;
import dev.azalia.driver.PcmCapabilities;
import dev.azalia.hda.codec.HdaCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The format the player sends for an input, chosen as alsa-lib's plug chooses it.
 */
final class FormatPlanTest
{
    private static final PcmCapabilities QEMU =
        PcmCapabilities.analogPlayback(0x1d, HdaCodec.QEMU_PCM_CAPS, 1, 2);

    @Test
    void shouldKeepWhatTheCodecTakes() throws Exception
    {
        final FormatPlan p = FormatPlan.choose(48_000, 2, QEMU);
        assertThat(p.converts()).isFalse();
        assertThat(p.targetRateHz()).isEqualTo(48_000);
        assertThat(p.targetChannels()).isEqualTo(2);
    }

    @Test
    void shouldTakeTheNearestRateAndStereoForAMonoFile() throws Exception
    {
        final FormatPlan p = FormatPlan.choose(24_000, 1, QEMU);
        assertThat(p.converts()).isTrue();
        assertThat(p.describe()).isEqualTo("converting 24000 Hz mono to 22050 Hz stereo (the codec takes "
            + "16000/22050/32000/44100/48000/88200/96000 Hz, 16 bit, 2 channels)");
        assertThat(FormatPlan.choose(12_000, 2, QEMU).targetRateHz()).isEqualTo(16_000);
        assertThat(FormatPlan.choose(48_000, 1, QEMU).targetRateHz()).isEqualTo(48_000);
    }

    @Test
    void shouldRefuseWithoutConversionListingWhatTheCodecTakes() throws Exception
    {
        assertThat(FormatPlan.choose(12_000, 2, QEMU).refusal("a.mp3")).isEqualTo("a.mp3: 12000 Hz stereo is not a "
            + "format the codec takes (16000/22050/32000/44100/48000/88200/96000 Hz, 16 bit, 2 channels); without "
            + "--no-convert it is converted to 16000 Hz stereo");
    }

    @Test
    void shouldRefuseToDropChannelsOrToPlayOnACodecWithout16BitSamples()
    {
        assertThatThrownBy(() -> FormatPlan.choose(48_000, 3, QEMU)).isInstanceOf(InputException.class)
            .hasMessageStartingWith("3 channels cannot be played without dropping some");
        final PcmCapabilities only24 = PcmCapabilities.analogPlayback(0x1d, 0x000c0040, 1, 2);
        assertThatThrownBy(() -> FormatPlan.choose(48_000, 2, only24)).isInstanceOf(InputException.class)
            .hasMessage("16-bit samples cannot be converted for this codec (it takes 48000 Hz, 24 bit, 2 channels)");
    }
}
