package dev.azalia.hda.codec.dumped;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.CodecDumpWriter;
import dev.azalia.hda.codec.dump.DumpFile;

import static org.assertj.core.api.Assertions.assertThat;

final class DumpCodecRoundTripTest
{
    static String[] fixtures()
    {
        return DumpFixtures.ALL;
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void powerOnStateDescribesTheDumpItWasBuiltFrom(final String fixture)
    {
        final DumpFile file = DumpFixtures.file(fixture);
        assertThat(file.codecList()).isNotEmpty();
        for (final CodecDump dump : file.codecList())
        {
            final DumpCodec codec = DumpCodec.create(dump, new DumpFixtures.Output());
            assertThat(codec.toDump()).as(fixture + " " + dump.name()).isEqualTo(dump);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void parseBuildDumpWriteParseGivesTheSameCodec(final String fixture)
    {
        final CodecDumpWriter writer = new CodecDumpWriter();
        for (final CodecDump dump : DumpFixtures.file(fixture).codecList())
        {
            final CodecDump emitted = DumpCodec.create(dump, new DumpFixtures.Output()).toDump();
            final CodecDump reparsed = DumpFixtures.parse("again.txt", writer.write(emitted)).codecList().get(0);
            assertThat(reparsed).as(fixture + " " + dump.name())
                .isEqualTo(DumpFixtures.parse("orig.txt", writer.write(dump)).codecList().get(0));
        }
    }
}
