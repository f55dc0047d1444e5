package dev.azalia.hda.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class VerbsTest
{
    @Test
    void shouldEncodeTheLinuxVendorIdProbe()
    {
        assertThat(Verbs.make(2, 0, Verbs.GET_PARAMETER, Verbs.PAR_VENDOR_ID)).isEqualTo(0x200f0000);
    }

    @Test
    void shouldEncodeTheRegisterOfTheRegmapSyncMessage()
    {
        assertThat(Verbs.make(0, 2, Verbs.GET_DIGI_CONVERT_1, 0)).isEqualTo(0x002f0d00);
    }

    @Test
    void shouldEncodeFourBitVerbsWithSixteenBitPayload()
    {
        final int v = Verbs.make(1, 2, Verbs.SET_STREAM_FORMAT, 0x4011);
        assertThat(v).isEqualTo(0x10224011);
        assertThat(Verbs.isLongVerb(v)).isFalse();
        assertThat(Verbs.cad(v)).isEqualTo(1);
        assertThat(Verbs.nid(v)).isEqualTo(2);
        assertThat(Verbs.verbId(v)).isEqualTo(Verbs.SET_STREAM_FORMAT);
        assertThat(Verbs.payload(v)).isEqualTo(0x4011);
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0, 0xF00, 0x04",
        "15, 0x7f, 0x706, 0x51",
        "3, 3, 0x708, 0x85",
        "14, 0xff, 0xF1C, 0",
        "1, 2, 0x3, 0xb04a",
        "0, 2, 0xB, 0xa000",
        "0, 2, 0xA, 0xffff",
    })
    void shouldDecodeWhatItEncodes(final int cad, final int nid, final String verbHex, final String payloadHex)
    {
        final int verb = Integer.decode(verbHex);
        final int payload = Integer.decode(payloadHex);
        final int v = Verbs.make(cad, nid, verb, payload);
        assertThat(Verbs.cad(v)).isEqualTo(cad);
        assertThat(Verbs.nid(v)).isEqualTo(nid);
        assertThat(Verbs.verbId(v)).isEqualTo(verb);
        assertThat(Verbs.payload(v)).isEqualTo(payload);
        assertThat(Verbs.isLongVerb(v)).isEqualTo(verb > 0xf);
    }

    @Test
    void shouldDecodeByBitsEighteenToSixteen()
    {
        assertThat(Verbs.verbId(0x00370512)).isEqualTo(0x705);
        assertThat(Verbs.payload(0x00370512)).isEqualTo(0x12);
        assertThat(Verbs.verbId(0x0033ffff)).isEqualTo(0x3);
        assertThat(Verbs.payload(0x0033ffff)).isEqualTo(0xffff);
    }

    @Test
    void shouldRejectOutOfRangeFields()
    {
        assertThatThrownBy(() -> Verbs.make(16, 0, Verbs.GET_PARAMETER, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Verbs.make(0, 0x100, Verbs.GET_PARAMETER, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Verbs.make(0, 0, Verbs.GET_PARAMETER, 0x100))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Verbs.make(0, 0, Verbs.SET_AMP_GAIN_MUTE, 0x10000))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Verbs.make(0, 0, 0x123, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Verbs.make(0, 0, 0x7, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
