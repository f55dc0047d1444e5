package dev.azalia.driver;

import dev.azalia.hda.codec.HdaCodec;
import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The analog playback PCM computed from a converter's parameter words as {@code snd_hdac_query_supported_pcm} and the
 * generic parser do.
 */
final class PcmCapabilitiesTest
{
    private static final int ANALOG_DAC = 0x1d;
    private static final int DIGITAL_DAC = 0x1d | 1 << 9;
    private static final int STREAM_PCM = 1;

    private static final PcmCapabilities QEMU =
        PcmCapabilities.analogPlayback(ANALOG_DAC, HdaCodec.QEMU_PCM_CAPS, STREAM_PCM, 2);

    @Test
    void shouldTakeQemusRatesAndOnly16BitStereo()
    {
        assertThat(QEMU.ratesHz()).containsExactly(16_000, 22_050, 32_000, 44_100, 48_000, 88_200, 96_000);
        assertThat(QEMU.bitsPerSample()).containsExactly(16);
        assertThat(QEMU.channelsMin()).isEqualTo(2);
        assertThat(QEMU.channelsMax()).isEqualTo(2);
        assertThat(QEMU.describe()).isEqualTo("16000/22050/32000/44100/48000/88200/96000 Hz, 16 bit, 2 channels");
    }

    @Test
    void shouldGiveU8S16AndS32WithTheMostSignificantBitsForTheJackModels()
    {
        final PcmCapabilities c = PcmCapabilities.analogPlayback(ANALOG_DAC, HdaCodec.PCM_CAPS, STREAM_PCM, 2);
        assertThat(c.ratesHz()).containsExactly(8_000, 11_025, 16_000, 22_050, 32_000, 44_100, 48_000, 88_200,
            96_000, 176_400, 192_000);
        assertThat(c.bitsPerSample()).containsExactly(8, 16, 32);
        // 20 and 24 bits without 32: S32_LE carries 24 significant bits
        assertThat(PcmCapabilities.analogPlayback(ANALOG_DAC, 0x000e0040, STREAM_PCM, 2).bitsPerSample())
            .containsExactly(16, 24);
    }

    @Test
    void shouldNotCountA384kHzBitOrADigitalConvertersSubframeFormat()
    {
        final PcmCapabilities c = PcmCapabilities.analogPlayback(DIGITAL_DAC, 0x001e0840, STREAM_PCM, 2);
        assertThat(c.ratesHz()).containsExactly(48_000);
        // digital: 32 bits is the IEC958 subframe, so S32_LE comes from the 24-bit size
        assertThat(c.bitsPerSample()).containsExactly(16, 24);
    }

    @Test
    void shouldGiveU8ForAnAc3OnlyConverter()
    {
        assertThat(PcmCapabilities.analogPlayback(DIGITAL_DAC, 0x00020040, 1 << 2, 2).bitsPerSample())
            .containsExactly(8);
    }

    @Test
    void shouldFailAsLinuxWhenTheWordsGiveNoRateOrNoFormat()
    {
        assertThatThrownBy(() -> PcmCapabilities.analogPlayback(ANALOG_DAC, 0x00020000, STREAM_PCM, 2))
            .isInstanceOfSatisfying(SoundException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EIO))
            .hasMessageContaining("rates == 0");
        assertThatThrownBy(() -> PcmCapabilities.analogPlayback(ANALOG_DAC, 0x000000ff, STREAM_PCM, 2))
            .isInstanceOfSatisfying(SoundException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EIO))
            .hasMessageContaining("formats == 0");
        assertThatThrownBy(() -> PcmCapabilities.analogPlayback(ANALOG_DAC, HdaCodec.QEMU_PCM_CAPS, 0, 2))
            .isInstanceOf(SoundException.class);
    }

    @ParameterizedTest
    @CsvSource({"24000, 22050", "12000, 16000", "8000, 16000", "11025, 16000", "44100, 44100", "30000, 32000",
        "27024, 22050", "27025, 32000", "200000, 96000", "64000, 48000", "72100, 88200"})
    void shouldPickTheNearestRateAsSetRateNearDoes(final int wantedHz, final int expectedHz)
    {
        // 27025 is as far from 22050 as from 32000: set_near keeps the rate above on a tie
        assertThat(QEMU.nearestRateHz(wantedHz)).isEqualTo(expectedHz);
    }

    @Test
    void shouldCountMultiOutChannelsAsTheGenericParser()
    {
        assertThat(PcmCapabilities.multiOutChannels(1, 0, 0, "line")).isEqualTo(2);
        assertThat(PcmCapabilities.multiOutChannels(3, 1, 1, "line")).isEqualTo(6);
        // two speakers beside one line-out DAC: the speakers' channels count
        assertThat(PcmCapabilities.multiOutChannels(1, 2, 1, "line")).isEqualTo(4);
        // the line-outs are the speakers (promoted): the speaker list does not count twice
        assertThat(PcmCapabilities.multiOutChannels(1, 2, 1, "speaker")).isEqualTo(2);
        assertThat(PcmCapabilities.multiOutChannels(1, 0, 2, "hp")).isEqualTo(2);
    }

    @Test
    void shouldAcceptOnlyEvenChannelCountsUpToTheMultiOutCount()
    {
        final PcmCapabilities six = PcmCapabilities.analogPlayback(ANALOG_DAC, HdaCodec.QEMU_PCM_CAPS, STREAM_PCM, 6);
        assertThat(six.supports(48_000, 16, 4)).isTrue();
        assertThat(six.supports(48_000, 16, 3)).isFalse();
        assertThat(six.supports(48_000, 16, 8)).isFalse();
        assertThat(six.supports(48_000, 16, 1)).isFalse();
        assertThat(six.nearestChannels(1)).isEqualTo(2);
        assertThat(six.nearestChannels(3)).isEqualTo(4);
        assertThat(six.describe()).endsWith("2/4/6 channels");
        assertThat(six.hardware(AzxPcmOps.HARDWARE).channelsStep()).isEqualTo(2);
    }
}
