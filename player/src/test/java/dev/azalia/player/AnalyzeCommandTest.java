package dev.azalia.player;

import dev.azalia.hda.StreamFormat;
import dev.azalia.link.WavFileSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

final class AnalyzeCommandTest
{
    private static final StreamFormat CD = StreamFormat.CD;
    private static final int FB = 4;
    private static final int MINUTE = 60 * 44_100;

    @TempDir
    static Path dir;

    private static Path music;

    @BeforeAll
    static void writeMusic() throws Exception
    {
        music = wav(dir.resolve("music.wav"), CD, music(MINUTE));
    }

    /** A minute-long music-like signal: notes of three partials, a pseudo-random least significant bit. */
    private static byte[] music(final int frames)
    {
        final double[] notes = {220.0, 261.63, 293.66, 329.63, 392.0, 440.0, 493.88, 523.25};
        final byte[] pcm = new byte[frames * FB];
        int lfsr = 0xace1;
        for (int n = 0; n < frames; n++)
        {
            final int note = n / 11_025;
            final double t = n / 44_100.0;
            final double env = 0.35 + 0.25 * Math.sin(Math.PI * (n % 11_025) / 11_025);
            for (int c = 0; c < 2; c++)
            {
                final double f = notes[(note * 3 + c * 5) % notes.length];
                final double v = env * (0.6 * Math.sin(2 * Math.PI * f * t) + 0.4 * Math.sin(3 * Math.PI * f * t + c));
                final int bit = lfsr & 1;
                lfsr = (lfsr >>> 1) ^ (-(lfsr & 1) & 0xb400);
                final int s = ((int)Math.round(v * 20_000) & ~1) | bit;
                pcm[(2 * n + c) * 2] = (byte)s;
                pcm[(2 * n + c) * 2 + 1] = (byte)(s >> 8);
            }
        }
        return pcm;
    }

    private static byte[] sine(final int frames, final int jumpAt, final double jumpDegrees)
    {
        final StreamFormat mono = StreamFormat.of(48_000, 16, 1);
        final byte[] pcm = new byte[frames * mono.frameBytes()];
        for (int n = 0; n < frames; n++)
        {
            final double phase = 2 * Math.PI * (n % 56) / 56 + (n >= jumpAt ? Math.toRadians(jumpDegrees) : 0.0);
            final int s = (int)Math.round(0.9 * Math.sin(phase) * 32767);
            pcm[2 * n] = (byte)s;
            pcm[2 * n + 1] = (byte)(s >> 8);
        }
        return pcm;
    }

    private static Path wav(final Path path, final StreamFormat format, final byte[] pcm) throws Exception
    {
        try (WavFileSink w = new WavFileSink(path))
        {
            w.open(format);
            w.write(pcm, 0, pcm.length);
        }
        return path;
    }

    private static CliRun analyze(final String... args)
    {
        final String[] all = new String[args.length + 1];
        all[0] = "analyze";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }

    @Test
    void shouldReportNothingForAnIdenticalCopy() throws Exception
    {
        final Path copy = Files.copy(music, dir.resolve("copy.wav"));
        final CliRun run = analyze("--reference", music.toString(), copy.toString());
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(Main.EXIT_OK);
        assertThat(run.out()).contains("reference frame 0 at file frame 0", "reference  0 glitches",
            "silence    0 glitches", "result: clean");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"DROP, 11", "DUPLICATE, 22", "ZERO_RUN, 33"})
    void shouldFindASingleFrameFaultAnywhereInAMinuteOfMusic(final String kind, final long seed) throws Exception
    {
        final byte[] clean = Files.readAllBytes(music);
        final int header = clean.length - MINUTE * FB;
        final byte[] pcm = Arrays.copyOfRange(clean, header, clean.length);
        final int at = 1_000 + new SplittableRandom(seed).nextInt(MINUTE - 2_000);
        final byte[] bad;
        final int expected;
        switch (kind)
        {
            case "DROP" ->
            {
                bad = new byte[pcm.length - FB];
                System.arraycopy(pcm, 0, bad, 0, at * FB);
                System.arraycopy(pcm, (at + 1) * FB, bad, at * FB, pcm.length - (at + 1) * FB);
                expected = at;
            }
            case "DUPLICATE" ->
            {
                bad = new byte[pcm.length + FB];
                System.arraycopy(pcm, 0, bad, 0, (at + 1) * FB);
                System.arraycopy(pcm, at * FB, bad, (at + 1) * FB, pcm.length - at * FB);
                expected = at + 1;
            }
            default ->
            {
                bad = pcm.clone();
                Arrays.fill(bad, at * FB, (at + 1) * FB, (byte)0);
                expected = at;
            }
        }
        final Path file = wav(dir.resolve(kind + ".wav"), CD, bad);
        final CliRun run = analyze("--reference", music.toString(), file.toString());
        assertThat(run.status()).as(run.out()).isEqualTo(Main.EXIT_GLITCH);
        assertThat(run.out()).contains("reference  1 glitch,", "result: 1 glitch")
            .containsPattern("frame +" + expected + " +reference +" + kind + " +1 frame ");
    }

    @Test
    void shouldFindAPhaseJumpInASineWithoutAReference() throws Exception
    {
        final StreamFormat mono = StreamFormat.of(48_000, 16, 1);
        final Path jump = wav(dir.resolve("jump.wav"), mono, sine(96_000, 48_000, 20.0));
        final CliRun run = analyze(jump.toString());
        assertThat(run.status()).as(run.out()).isEqualTo(Main.EXIT_GLITCH);
        assertThat(run.out()).contains("sine model: channel 0, 857.14 Hz", "sine-lock  1 glitch,")
            .containsPattern("  1\\.0\\d+ s  frame +480\\d\\d +sine-lock");
        final Path clean = wav(dir.resolve("sine.wav"), mono, sine(96_000, Integer.MAX_VALUE, 0.0));
        final CliRun ok = analyze(clean.toString());
        assertThat(ok.status()).as(ok.out()).isEqualTo(Main.EXIT_OK);
        assertThat(ok.out()).contains("result: clean");
    }

    @Test
    void shouldRefuseGarbageInOneLine() throws IOException
    {
        final byte[] noise = new byte[100_000];
        new SplittableRandom(7).nextBytes(noise);
        final Path garbage = Files.write(dir.resolve("garbage.wav"), noise);
        for (final CliRun run : new CliRun[] {analyze(garbage.toString()),
            analyze("--reference", garbage.toString(), music.toString()),
            analyze(dir.resolve("missing.wav").toString()), analyze(dir.toString())})
        {
            assertThat(run.status()).isEqualTo(Main.EXIT_INPUT);
            assertThat(run.errLines()).hasSize(1);
            assertThat(run.errLines().get(0)).startsWith("play: ");
            assertThat(run.err()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void shouldRefuseAFileWithoutASineWhenThereIsNoReference()
    {
        final CliRun run = analyze(music.toString());
        assertThat(run.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("--reference");
    }

    @Test
    void shouldSayWhenTheReferenceIsNotInTheFile() throws Exception
    {
        final Path other = wav(dir.resolve("other.wav"), CD, Arrays.copyOf(music(44_100 * 2), 44_100 * FB));
        final Path shifted = wav(dir.resolve("shifted.wav"), CD, FaultFree.negate(music(44_100)));
        final CliRun run = analyze("--reference", other.toString(), shifted.toString());
        assertThat(run.status()).isEqualTo(Main.EXIT_GLITCH);
        assertThat(run.out()).contains("no part of it found bit-exact");
    }

    /** Helpers for signals that are not the reference. */
    private static final class FaultFree
    {
        static byte[] negate(final byte[] pcm)
        {
            final byte[] out = pcm.clone();
            for (int b = 0; b + 1 < out.length; b += 2)
            {
                final int s = -(short)((out[b] & 0xff) | out[b + 1] << 8);
                out[b] = (byte)s;
                out[b + 1] = (byte)(s >> 8);
            }
            return out;
        }
    }

    @Test
    void shouldRefuseReferenceOfAnotherFormat() throws Exception
    {
        final Path mono = wav(dir.resolve("mono.wav"), StreamFormat.of(48_000, 16, 1), sine(48_000, 0, 0.0));
        final CliRun run = analyze("--reference", mono.toString(), music.toString());
        assertThat(run.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("differs");
    }
}
