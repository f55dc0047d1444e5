package dev.azalia.player;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every option error is one line in the user's terms and exit status 2, before anything boots: durations echoed as
 * written, no exception class names, an unwritable {@code wav:} path, an unknown named mixer, and buffer geometry the
 * controller cannot take (with the allowed range, instead of a failure in hw_params or an out-of-memory error).
 */
final class BadArgumentsTest
{
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--bar-move-every 0s | play: --bar-move-every must be positive: 0s",
        "--unplug-after -1s | play: Invalid value for option '--unplug-after': invalid duration '-1s'",
        "--out wav:/nonexistent-azalia-dir/x.wav | play: --out wav:/nonexistent-azalia-dir/x.wav: no such directory",
        "--period 3 | play: --period must be from 32 to 131072 frames",
        "--period 100000000 | play: --period must be from 32 to 131072 frames",
        "--periods 40 | play: --periods must be from 2 to 32",
        "--period 65536 --periods 8 | play: --period 65536 x --periods 8 is 524288 frames; the controller's buffer"
            + " holds at most 262144 frames",
        "--out javasound:NoSuchMixerAnywhere | play: --out javasound:NoSuchMixerAnywhere: no output mixer named like"
            + " 'NoSuchMixerAnywhere'"})
    void shouldRefuseInOneLineWithExitTwo(final String options, final String expected)
    {
        final String[] args = (options.trim() + " --out-placeholder").split(" ");
        final String[] withFile = new String[args.length];
        System.arraycopy(args, 0, withFile, 0, args.length - 1);
        withFile[args.length - 1] = Samples.dir().resolve("tone-48k-mono-cbr.mp3").toString();

        final CliRun run = CliRun.of(withFile);

        assertThat(run.status()).as(run.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(0)).startsWith(expected.trim());
        assertThat(run.errLines().get(1)).isEqualTo("Try 'play --help' for more information.");
        assertThat(run.err()).doesNotContain("Exception", "java.", "\tat ").doesNotContainPattern("PT[0-9]");
    }
}
