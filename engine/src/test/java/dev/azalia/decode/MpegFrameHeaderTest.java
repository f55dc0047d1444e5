package dev.azalia.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

final class MpegFrameHeaderTest
{
    @Test
    void shouldParseAnMpeg1LayerThreeHeader()
    {
        final MpegFrameHeader h = MpegFrameHeader.parse(0xFFFBB044);
        assertThat(h).isNotNull();
        assertThat(h.sampleRate()).isEqualTo(44100);
        assertThat(h.bitrateKbps()).isEqualTo(192);
        assertThat(h.channels()).isEqualTo(2);
        assertThat(h.samplesPerFrame()).isEqualTo(1152);
        assertThat(h.frameSizeBytes()).isEqualTo(626);
        assertThat(h.sideInfoEndOffset()).isEqualTo(36);
    }

    @Test
    void shouldParseAnMpeg2MonoHeader()
    {
        // MPEG-2, Layer III, no CRC, 64 kbit/s, 24 kHz, single channel
        final MpegFrameHeader h = MpegFrameHeader.parse(0xFFF384C0);
        assertThat(h).isNotNull();
        assertThat(h.sampleRate()).isEqualTo(24000);
        assertThat(h.channels()).isEqualTo(1);
        assertThat(h.samplesPerFrame()).isEqualTo(576);
        assertThat(h.frameSizeBytes()).isEqualTo(192);
        assertThat(h.sideInfoEndOffset()).isEqualTo(13);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00000000, 0xFFEBB044 /* reserved version */, 0xFFFDB044 /* Layer II */,
        0xFFFF0044 /* Layer I */, 0xFFFB0044 /* free format */, 0xFFFBF044 /* bad bitrate */,
        0xFFFBBC44 /* reserved rate */, 0xFFFBB046 /* reserved emphasis */, 0x7FFBB044 /* no sync */})
    void shouldRefuseWhatItCannotDecode(final int header)
    {
        assertThat(MpegFrameHeader.parse(header)).isNull();
    }
}
