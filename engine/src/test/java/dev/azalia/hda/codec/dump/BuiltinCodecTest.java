package dev.azalia.hda.codec.dump;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped codecs parse, and print back to the same codecs.
 */
final class BuiltinCodecTest
{
    @ParameterizedTest
    @EnumSource(BuiltinCodec.class)
    void shouldParseAndRoundTripEveryBuiltinCodec(final BuiltinCodec builtin) throws Exception
    {
        final DumpFile dump = builtin.dump();
        assertThat(dump.codecList()).isNotEmpty();
        assertThat(dump.skippedLines()).isEmpty();
        assertThat(new CodecDumpParser().parse("again", new CodecDumpWriter().write(dump)).codecList())
            .isEqualTo(dump.codecList());
    }

    @Test
    void shouldPutTheHdmiCodecBesideTheLaptopCodecAtItsOwnAddress()
    {
        assertThat(BuiltinCodec.LAPTOP_HDMI.dump().codecList()).extracting(CodecDump::address)
            .containsExactly(0, 2);
    }

    @Test
    void shouldFindABuiltinByItsNameInAnyCase()
    {
        assertThat(BuiltinCodec.byId("Laptop-HDMI")).contains(BuiltinCodec.LAPTOP_HDMI);
        assertThat(BuiltinCodec.byId("nope")).isEmpty();
    }
}
