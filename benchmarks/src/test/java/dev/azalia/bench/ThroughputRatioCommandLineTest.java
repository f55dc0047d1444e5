package dev.azalia.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThroughputRatioCommandLineTest
{
    private static final String USAGE = "usage: ThroughputRatio [JMH option]...";

    private static String refusal(final String... args)
    {
        return Printed.refusal(ThroughputRatio.COMMAND, args);
    }

    @Test
    void shouldPrintTheUsageWithTheDefaultsForHelpAndForJmhsOwnHelpOption()
    {
        final String help = Printed.help(ThroughputRatio.COMMAND);

        assertThat(help).startsWith(USAGE + System.lineSeparator()).contains("-f 1 -wi 3 -w 2s -i 5 -r 2s",
            "-p file=", "(default music-44k1-stereo-vbr.mp3,tone-48k-mono-cbr.mp3)");
        assertThat(Printed.read(ThroughputRatio.COMMAND, "-f", "1", "-h").out()).isEqualTo(help);
    }

    @Test
    void shouldRefuseAnOptionJmhDoesNotKnowInOneLine()
    {
        assertThat(refusal("--forks", "1")).isEqualTo("ThroughputRatio: unknown option --forks; " + USAGE);
        assertThat(refusal("-q")).isEqualTo("ThroughputRatio: unknown option -q; " + USAGE);
        assertThat(refusal("-zz")).isEqualTo("ThroughputRatio: z is not a recognized option; " + USAGE);
    }

    @Test
    void shouldRefuseABenchmarkNameBecauseTheBenchmarkIsFixed()
    {
        assertThat(refusal("BarMoveStall")).isEqualTo("ThroughputRatio: unexpected argument BarMoveStall (the"
            + " benchmark is DecodeThroughputBenchmark; only JMH options are taken); " + USAGE);
    }

    @Test
    void shouldRefuseAnOptionWithoutItsValue()
    {
        assertThat(refusal("-f")).isEqualTo("ThroughputRatio: Option f requires an argument; " + USAGE);
    }

    @Test
    void shouldRefuseAValueThatIsNotANumber()
    {
        assertThatThrownBy(() -> ThroughputRatio.parse("-wi", "three")).isInstanceOf(UsageException.class)
            .hasMessage("Cannot parse argument 'three' of option wi");
    }

    @Test
    void shouldRefuseAValueOutOfRange()
    {
        assertThat(refusal("-i", "0")).isEqualTo("ThroughputRatio: Cannot parse argument '0' of option i. The given"
            + " value 0 should be positive; " + USAGE);
    }

    @Test
    void shouldRefuseASampleThatIsNotThereBeforeJmhForks()
    {
        assertThat(refusal("-p", "file=tone-48k-mono-cbr.mp3,no-such-sample.mp3"))
            .startsWith("ThroughputRatio: sample no-such-sample.mp3 not found in ").endsWith("; " + USAGE);
    }

    @Test
    void shouldHandTheOptionsToJmh() throws UsageException
    {
        final CommandLineOptions o = ThroughputRatio.parse("-f", "1", "-wi", "3", "-i", "5", "-w", "2s", "-r", "2s",
            "-p", "file=tone-48k-mono-cbr.mp3");

        assertThat(o.getForkCount().get()).isEqualTo(1);
        assertThat(o.getWarmupIterations().get()).isEqualTo(3);
        assertThat(o.getMeasurementIterations().get()).isEqualTo(5);
        assertThat(o.getWarmupTime().get()).isEqualTo(TimeValue.seconds(2));
        assertThat(o.getMeasurementTime().get()).isEqualTo(TimeValue.seconds(2));
        assertThat(o.getParameter("file").get()).containsExactly("tone-48k-mono-cbr.mp3");
        assertThat(ThroughputRatio.parse().getIncludes()).isEqualTo(List.of());
    }

    @Test
    void shouldRefuseTheDefaultSamplesWhenTheyAreNotThereBeforeJmhForks(@TempDir final Path noSamples)
    {
        final String before = System.getProperty("azalia.samples");
        System.setProperty("azalia.samples", noSamples.toString());
        try
        {
            assertThat(refusal("-f", "1")).startsWith("ThroughputRatio: sample music-44k1-stereo-vbr.mp3 not found in ")
                .endsWith("; " + USAGE);
        }
        finally
        {
            if (null == before)
            {
                System.clearProperty("azalia.samples");
            }
            else
            {
                System.setProperty("azalia.samples", before);
            }
        }
    }
}
