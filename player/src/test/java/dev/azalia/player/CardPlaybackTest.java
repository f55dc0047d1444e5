package dev.azalia.player;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole playbacks through the emulated card, on the virtual clock.
 */
final class CardPlaybackTest
{
    @TempDir
    Path dir;

    static List<Path> samples() throws Exception
    {
        return Samples.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void shouldWriteExactlyTheDecodedFramesToWav(final Path mp3) throws Exception
    {
        final Path wav = dir.resolve("out.wav");
        final Path report = dir.resolve("report.json");
        final CliRun run = CliRun.of("-q", "--out", "wav:" + wav, "--report", report.toString(), mp3.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);

        // the QEMU codec takes stereo only, and not every rate: what it gets is the converted stream
        final byte[] decoded = Samples.decode(mp3);
        final byte[] converted = Samples.converted(mp3);
        assertThat(Samples.wavData(wav)).isEqualTo(converted);
        final JsonNode r = new ObjectMapper().readTree(report.toFile());
        final int frameBytes = 2 * r.at("/input/channels").asInt();
        assertThat(r.at("/input/framesDecoded").asLong()).isEqualTo(decoded.length / frameBytes);
        assertThat(r.at("/output/framesWritten").asLong()).isEqualTo(converted.length / 4);
        assertThat(r.at("/probe/framesChecked").asLong()).isEqualTo(converted.length / 4);
        assertThat(r.at("/probe/framesLost").asLong()).isZero();
        assertThat(r.at("/probe/framesDuplicated").asLong()).isZero();
        assertThat(r.at("/stream/xruns").asLong()).isZero();
        assertThat(r.at("/output/underruns").asLong()).isZero();
        assertThat(r.at("/stream/periodsElapsed").asLong()).isGreaterThan(0);
    }

    @Test
    void shouldPlayAtTheSmallestBufferBitExact() throws Exception
    {
        final Path mp3 = Samples.dir().resolve("music-44k1-stereo-vbr.mp3");
        final Path wav = dir.resolve("small.wav");
        final CliRun run = CliRun.of("-q", "--period", "64", "--periods", "2", "--out", "wav:" + wav, mp3.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(Samples.wavData(wav)).isEqualTo(Samples.decode(mp3));
    }

    @Test
    void shouldTraceDriverInitCodecEnumerationAndStreamProgramming() throws Exception
    {
        final Path trace = dir.resolve("mmiotrace.txt");
        final CliRun run = CliRun.of("-q", "--out", "null", "--clock", "virtual", "--mmiotrace", trace.toString(),
            Samples.dir().resolve("sweep-44k1-stereo-cbr.mp3").toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        final List<String> lines = Files.readAllLines(trace);
        // the scenario's first mark comes before the driver loads, as in a Linux capture
        assertThat(lines.get(0)).isEqualTo("MARK 0.000000 MARK_INSMOD_HDA_INTEL");
        assertThat(lines.get(1)).matches("MAP 0\\.000000 1 0xfe000000 0xffffc90000000000 0x4000 0x0 \\d+");
        // CRST cycle: GCTL written with CRST clear (dword update), then set (byte update), as Linux 6.1 does
        assertThat(lines).anyMatch(l -> l.matches("W 4 \\S+ 1 0xfe000008 0x0 .*"));
        assertThat(lines).anyMatch(l -> l.matches("W 1 \\S+ 1 0xfe000008 0x1 .*"));
        // CORBRP reset handshake: 0x8000 written and read back, then 0 written and read back
        assertThat(indexOf(lines, "W 2 \\S+ 1 0xfe00004a 0x8000 .*"))
            .isLessThan(indexOf(lines, "R 2 \\S+ 1 0xfe00004a 0x8000 .*"));
        assertThat(indexOf(lines, "R 2 \\S+ 1 0xfe00004a 0x8000 .*"))
            .isLessThan(indexOf(lines, "W 2 \\S+ 1 0xfe00004a 0x0 .*"));
        // codec enumeration: CORBWP advances once per verb; at least vendor id, node counts and widget caps
        assertThat(lines.stream().filter(l -> l.matches("W 2 \\S+ 1 0xfe000048 .*")).count()).isGreaterThan(15);
        // stream SD4 (first output, registers at 0x100): CBL, LVI (4 periods after the bdl_pos_adj lead entry),
        // FMT 0x4011, BDL base, then RUN
        final int cbl = indexOf(lines, "W 4 \\S+ 1 0xfe000108 0x4000 .*");
        final int lvi = indexOf(lines, "W 2 \\S+ 1 0xfe00010c 0x4 .*");
        final int fmt = indexOf(lines, "W 2 \\S+ 1 0xfe000112 0x4011 .*");
        final int bdl = indexOf(lines, "W 4 \\S+ 1 0xfe000118 0x[0-9a-f]+ .*");
        final int run1 = indexOf(lines, "W 1 \\S+ 1 0xfe000100 0x1e .*");
        assertThat(List.of(cbl, lvi, fmt, bdl, run1)).allMatch(i -> i > 0);
        assertThat(fmt).isLessThan(run1);
        assertThat(bdl).isLessThan(run1);
    }

    private static int indexOf(final List<String> lines, final String regex)
    {
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).matches(regex))
            {
                return i;
            }
        }
        return -1;
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"live", "suspend"})
    void shouldPlayBitExactWhileTheBarMovesAndReportTheMoves(final String policy) throws Exception
    {
        final Path mp3 = Samples.dir().resolve("music-44k1-stereo-vbr.mp3");
        final Path wav = dir.resolve(policy + ".wav");
        final Path report = dir.resolve(policy + ".json");
        final CliRun run = CliRun.of("-q", "--policy", policy, "--bar-move-every", "10ms", "--bar-moves", "300",
            "--mixer-traffic", "--jack-events", "--period", "256", "--periods", "4", "--out", "wav:" + wav,
            "--report", report.toString(), mp3.toString());
        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(Samples.wavData(wav)).isEqualTo(Samples.decode(mp3));

        final JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertThat(r.at("/barMoves/policy").asText()).isEqualTo(policy);
        assertThat(r.at("/barMoves/count").asLong()).isEqualTo(300);
        assertThat(r.at("/barMoves/failed").asLong()).isZero();
        assertThat(r.at("/barMoves/staleMmioAccesses").asLong()).isZero();
        assertThat(r.at("/barMoves/faults").asLong()).isZero();
        assertThat(r.at("/barMoves/moves").size()).isEqualTo(300);
        assertThat(r.at("/barMoves/moves/0/oldAddress").asText()).isEqualTo("0xfe000000");
        assertThat(r.at("/barMoves/moves/0/newAddress").asText()).isNotEqualTo("0xfe000000");
        if ("suspend".equals(policy))
        {
            // each move's codec suspend sleeps 100 ms for depop before D3 (hda_set_power_state), longer than the
            // output's buffer: the device underruns per move while the audio itself stays bit-exact
            assertThat(r.at("/output/underruns").asLong()).isBetween(1L, 300L);
        }
        else
        {
            assertThat(r.at("/output/underruns").asLong()).isZero();
        }
        assertThat(r.at("/probe/framesLost").asLong()).isZero();
        assertThat(r.at("/probe/framesDuplicated").asLong()).isZero();
    }

    @Test
    void shouldReportAStuckStreamWithTheNaivePolicyAndExitOne() throws Exception
    {
        final Path report = dir.resolve("naive.json");
        final CliRun run = CliRun.of("-q", "--policy", "naive", "--bar-move-every", "50ms", "--bar-moves", "2",
            "--out", "null", "--clock", "virtual", "--report", report.toString(),
            Samples.dir().resolve("tone-44k1-mono-cbr.mp3").toString());
        assertThat(run.status()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.errLines()).containsExactly("play: the card failed: playback write error (DMA or IRQ "
            + "trouble?)");
        final JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertThat(r.at("/barMoves/count").asLong()).isPositive();
        assertThat(r.at("/probe/framesLost").asLong()).isPositive();
    }
}
