package dev.azalia.hda.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.dump.BuiltinCodec;
import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dumped.DumpCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * The verb interface of every built-in codec on any sequence of verbs a driver could send (any node, verb and
 * payload, at the codec's address): every verb is answered, none throws out of the codec, and the codec still
 * answers its vendor id afterwards, and plays a period. Runs the committed inputs in {@code ./mvnw verify}
 * (regression mode); fuzzing: see the README's "Fuzzing".
 */
final class CodecVerbFuzzTest
{
    private static final DacOutput NOWHERE = (codecAddress, nid, format, pcm, offset, length, nanos) ->
    {
    };

    @FuzzTest(maxDuration = "10m")
    void shouldAnswerEveryVerbWithoutThrowing(final FuzzedDataProvider data)
    {
        final BuiltinCodec builtin = data.pickValue(BuiltinCodec.values());
        final List<EmulatedCodec> codecs = new ArrayList<>();
        if (BuiltinCodec.QEMU == builtin && data.consumeBoolean())
        {
            codecs.add(HdaCodec.create(0, NOWHERE, CodecModel.QEMU_DUPLEX, CodecOptions.DEFAULT));
        }
        else
        {
            for (final CodecDump d : builtin.dump().codecList())
            {
                codecs.add(DumpCodec.create(d, NOWHERE));
            }
        }
        final EmulatedCodec codec = codecs.get(data.consumeInt(0, codecs.size() - 1));
        final int vendorId = codec.execute(Verbs.make(codec.address(), 0, Verbs.GET_PARAMETER, Verbs.PAR_VENDOR_ID));
        final byte[] period = new byte[256 * 4];
        while (data.remainingBytes() >= 4)
        {
            final int raw = data.consumeInt();
            codec.execute(codec.address() << 28 | raw & 0x0fff_ffff);
            if ((raw & 0xf) == 0)
            {
                // a period on whatever stream the verbs set up
                codec.streamData(raw >>> 4 & 0xf, StreamFormat.of(48_000, 16, 2), period, 0, period.length, 0L);
            }
        }
        final int after = codec.execute(Verbs.make(codec.address(), 0, Verbs.GET_PARAMETER, Verbs.PAR_VENDOR_ID));
        if (after != vendorId)
        {
            throw new AssertionError("the vendor id changed: " + Integer.toHexString(vendorId) + " -> "
                + Integer.toHexString(after));
        }
    }
}
