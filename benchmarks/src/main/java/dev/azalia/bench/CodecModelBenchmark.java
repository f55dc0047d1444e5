package dev.azalia.bench;

import dev.azalia.hda.codec.CodecModel;
import dev.azalia.hda.codec.CodecOptions;
import dev.azalia.hda.codec.DacOutput;
import dev.azalia.hda.codec.HdaCodec;
import dev.azalia.hda.codec.dump.BuiltinCodec;
import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.CodecDumpParser;
import dev.azalia.hda.codec.dump.DumpParseException;
import dev.azalia.hda.codec.dumped.DumpCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a codec built from a dump costs beside the five-node built-in model: parsing a 60-widget dump and building
 * its codec (warm), and one verb executed by each codec (the codec's side of a verb round trip: decode, state, the
 * answer).
 *
 * <p>The 60-widget dump is the built-in desktop codec (36 widgets: DACs, ADCs, mixers, selectors, pins) with 24
 * vendor-defined widgets appended at nids 0x26 to 0x3d, the size of a large real codec's function group.
 *
 * <p>Short run: {@code java -jar benchmarks.jar CodecModel -f 1 -wi 2 -i 3}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecModelBenchmark
{
    /** GET_AMP_GAIN_MUTE, output, left, index 0 — a verb the driver sends often (mixer gets miss the cache once). */
    private static final int GET_AMP_OUT_LEFT = 0xb << 16 | 0xa000;

    private static final DacOutput DISCARD = (a, n, f, pcm, o, l, t) -> { };

    private String text60;
    private CodecDump desktop;
    private DumpCodec dumpCodec;
    private HdaCodec builtin;
    private int dumpVerb;
    private int builtinVerb;

    /**
     * Builds the 60-widget text and one codec of each kind.
     *
     * @throws DumpParseException if the built-in dump does not parse.
     */
    @Setup
    public void setUp() throws DumpParseException
    {
        text60 = sixtyWidgets(BuiltinCodec.DESKTOP.text());
        desktop = new CodecDumpParser().parse("desktop-60.txt", text60).codecList().get(0);
        if (desktop.widgets().size() != 60)
        {
            throw new IllegalStateException("expected 60 widgets, have " + desktop.widgets().size());
        }
        dumpCodec = DumpCodec.create(desktop, DISCARD);
        builtin = HdaCodec.create(0, DISCARD, CodecModel.QEMU_DUPLEX, CodecOptions.DEFAULT);
        dumpVerb = 0x02 << 20 | GET_AMP_OUT_LEFT;
        builtinVerb = HdaCodec.DAC_NID << 20 | GET_AMP_OUT_LEFT;
    }

    /**
     * Parses the 60-widget dump and builds its codec.
     *
     * @return the codec (so the work is not eliminated).
     * @throws DumpParseException never (the text is valid).
     */
    @Benchmark
    public DumpCodec parseAndBuild60WidgetCodec() throws DumpParseException
    {
        return DumpCodec.create(new CodecDumpParser().parse("desktop-60.txt", text60).codecList().get(0), DISCARD);
    }

    /**
     * Parses the 60-widget dump alone (the parser's share of {@link #parseAndBuild60WidgetCodec}).
     *
     * @return the codec's description.
     * @throws DumpParseException never (the text is valid).
     */
    @Benchmark
    public CodecDump parse60WidgetDump() throws DumpParseException
    {
        return new CodecDumpParser().parse("desktop-60.txt", text60).codecList().get(0);
    }

    /**
     * Builds the codec from the parsed 60-widget dump (the codec's share of {@link #parseAndBuild60WidgetCodec}).
     *
     * @return the codec.
     */
    @Benchmark
    public DumpCodec build60WidgetCodec()
    {
        return DumpCodec.create(desktop, DISCARD);
    }

    /**
     * One verb on the codec built from the 60-widget dump.
     *
     * @return the response.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int verbOnDumpCodec()
    {
        return dumpCodec.execute(dumpVerb);
    }

    /**
     * The same verb on the five-node built-in model.
     *
     * @return the response.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int verbOnBuiltinCodec()
    {
        return builtin.execute(builtinVerb);
    }

    /** The desktop dump with vendor-defined widgets appended up to 60 and the AFG's node count raised to match. */
    static String sixtyWidgets(final String desktopText)
    {
        final StringBuilder b = new StringBuilder(desktopText.stripTrailing()).append('\n');
        for (int nid = 0x26; nid <= 0x3d; nid++)
        {
            b.append(String.format(Locale.ROOT, "Node 0x%02x [Vendor Defined Widget] wcaps 0xf00000: Mono%n", nid));
        }
        return b.toString();
    }
}
