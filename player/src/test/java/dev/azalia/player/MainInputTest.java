package dev.azalia.player;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

final class MainInputTest
{
    /** A hang guard only; every case finishes in well under a second. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final long SWEEP_FRAMES = 352923;

    @TempDir
    Path dir;

    private static Path sample()
    {
        for (final Path p : new Path[] {Path.of("..", "samples"), Path.of("samples")})
        {
            if (Files.isDirectory(p))
            {
                return p.resolve("sweep-44k1-stereo-cbr.mp3");
            }
        }
        throw new IllegalStateException("samples directory not found");
    }

    private static CliRun play(final Path file, final String... extra)
    {
        final String[] args = Arrays.copyOf(extra, extra.length + 1);
        args[extra.length] = file.toString();
        return assertTimeoutPreemptively(HANG_GUARD, () -> CliRun.of(args));
    }

    private static void assertInputError(final CliRun run, final String fragment)
    {
        assertThat(run.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("play: ").contains(fragment);
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void shouldRefuseAMissingFile()
    {
        assertInputError(play(dir.resolve("missing.mp3"), "-q"), "no such file");
    }

    @Test
    void shouldRefuseADirectory()
    {
        assertInputError(play(dir, "-q"), "is a directory");
    }

    @Test
    void shouldRefuseAnEmptyFile() throws IOException
    {
        final Path f = Files.createFile(dir.resolve("empty.mp3"));
        assertInputError(play(f, "-q"), "empty file");
    }

    @Test
    void shouldRefuseRandomBytes() throws IOException
    {
        final byte[] noise = new byte[1 << 20];
        new SplittableRandom(42).nextBytes(noise);
        final Path f = Files.write(dir.resolve("noise.mp3"), noise);
        assertInputError(play(f, "-q"), "no valid MPEG audio frame found in the first 131072 bytes");
    }

    @Test
    void shouldRefuseAFrameSyncWithoutAFollowingFrame() throws IOException
    {
        // a valid MPEG-1 Layer III header (128 kbit/s, 44.1 kHz) repeated at the wrong distance
        final byte[] bytes = new byte[4096];
        for (int i = 0; i + 4 <= bytes.length; i += 300)
        {
            bytes[i] = (byte)0xFF;
            bytes[i + 1] = (byte)0xFB;
            bytes[i + 2] = (byte)0x90;
            bytes[i + 3] = (byte)0x64;
        }
        final Path f = Files.write(dir.resolve("falsesync.mp3"), bytes);
        assertInputError(play(f, "-q"), "no valid MPEG audio frame");
    }

    @Test
    void shouldRefuseAText() throws IOException
    {
        final Path f = Files.writeString(dir.resolve("notes.mp3"), "This is not music.\n".repeat(200));
        assertInputError(play(f, "-q"), "looks like text");
    }

    @Test
    void shouldRefuseAnMp3TruncatedBeforeItsFirstAudioFrame() throws IOException
    {
        final byte[] all = Files.readAllBytes(sample());
        final Path f = Files.write(dir.resolve("stub.mp3"), Arrays.copyOf(all, 300));
        assertInputError(play(f, "-q"), "no valid MPEG audio frame");
    }

    @Test
    void shouldRefuseAnId3TagWithoutAudio() throws IOException
    {
        final Path f = Files.write(dir.resolve("tagonly.mp3"), id3v2Tag(5000));
        assertInputError(play(f, "-q"), "ID3v2 tag");
    }

    @Test
    void shouldPlayWhatATruncatedMp3Holds() throws IOException
    {
        final byte[] all = Files.readAllBytes(sample());
        final Path f = Files.write(dir.resolve("truncated.mp3"), Arrays.copyOf(all, all.length * 3 / 5 + 77));
        final Path report = dir.resolve("r.json");
        final CliRun run = play(f, "-q", "--out", "null", "--clock", "virtual", "--report", report.toString());
        assertThat(run.status()).isEqualTo(Main.EXIT_OK);
        final long frames = new ObjectMapper().readTree(report.toFile()).at("/output/framesWritten").asLong();
        assertThat(frames).isBetween(SWEEP_FRAMES / 2, SWEEP_FRAMES * 2 / 3);
    }

    @Test
    void shouldPlayUpToAChangeOfFormatAndSayWhereItStopped() throws IOException
    {
        final byte[] first = Files.readAllBytes(sample().resolveSibling("tone-48k-mono-cbr.mp3"));
        final byte[] second = Files.readAllBytes(sample());
        final byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        final Path f = Files.write(dir.resolve("change.mp3"), both);
        final Path report = dir.resolve("r.json");

        final CliRun run = play(f, "-q", "--out", "null", "--clock", "virtual", "--report", report.toString());

        assertInputError(run, "at byte " + first.length + " the stream changes to MPEG-1 Layer III, 44100 Hz, stereo");
        assertThat(run.errLines().get(0)).endsWith("the rest was not played");
    }

    @Test
    void shouldPlayAnMp3BehindAOneMegabyteId3Tag() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(id3v2Tag(1 << 20));
        bytes.write(Files.readAllBytes(sample()));
        final Path f = Files.write(dir.resolve("tagged.mp3"), bytes.toByteArray());
        final Path wav = dir.resolve("out.wav");
        final CliRun run = play(f, "-q", "--out", "wav:" + wav);
        assertThat(run.status()).isEqualTo(Main.EXIT_OK);
        assertThat(run.err()).isEmpty();
        assertThat(Files.size(wav)).isEqualTo(44 + SWEEP_FRAMES * 4);
    }

    @Test
    void shouldWriteTheReportWithEveryKeyAndType() throws IOException
    {
        final Path report = dir.resolve("report.json");
        final CliRun run = play(sample(), "-q", "--out", "null", "--clock", "virtual", "--report",
            report.toString());
        assertThat(run.status()).isEqualTo(Main.EXIT_OK);
        final JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.at("/input/path").isTextual()).isTrue();
        assertThat(json.at("/input/sampleRate").asInt()).isEqualTo(44100);
        assertThat(json.at("/input/channels").asInt()).isEqualTo(2);
        assertThat(json.at("/input/framesDecoded").asLong()).isEqualTo(SWEEP_FRAMES);
        assertThat(json.at("/output/sink").asText()).isEqualTo("null");
        assertThat(json.at("/output/framesWritten").asLong()).isEqualTo(SWEEP_FRAMES);
        assertThat(json.at("/stream/periodsElapsed").asLong()).isEqualTo((SWEEP_FRAMES + 1023) / 1024);
        assertThat(json.at("/kernelLog").isArray()).isTrue();
        assertThat(json.at("/kernelLog").get(0).isTextual()).isTrue();
    }

    @Test
    void shouldFallBackToTheNullSinkWhenTheDefaultLineIsMissing()
    {
        final CliRun run = play(sample(), "-q", "--clock", "virtual", "--period", "4096");
        assertThat(run.status()).isEqualTo(Main.EXIT_OK);
        // with a sound device there is no warning; without one there is exactly one line
        assertThat(run.errLines()).hasSizeLessThanOrEqualTo(1);
        run.errLines().forEach(line -> assertThat(line).startsWith("play: warning: ").contains("null sink"));
    }

    /** An ID3v2.4 tag whose body is {@code bodyBytes} of padding. */
    private static byte[] id3v2Tag(final int bodyBytes)
    {
        final byte[] tag = new byte[10 + bodyBytes];
        tag[0] = 'I';
        tag[1] = 'D';
        tag[2] = '3';
        tag[3] = 4;
        tag[6] = (byte)((bodyBytes >>> 21) & 0x7F);
        tag[7] = (byte)((bodyBytes >>> 14) & 0x7F);
        tag[8] = (byte)((bodyBytes >>> 7) & 0x7F);
        tag[9] = (byte)(bodyBytes & 0x7F);
        final byte[] frame = "TIT2\0\0\0\u0006\0\0\u0003Sweep".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(frame, 0, tag, 10, frame.length);
        return tag;
    }
}
