package dev.azalia.player;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./play codec}: a built-in or a dump file, parsed and auto-configured; bad files are one line and exit 3.
 */
final class CodecCommandTest
{
    @Test
    void shouldPrintTheCodecsOfABuiltinAndTheDriversAutoconfig()
    {
        final CliRun run = CliRun.of("codec", "laptop-hdmi");
        assertThat(run.status()).isEqualTo(Main.EXIT_OK);
        assertThat(run.out()).contains(
            "codec #0 at address 0: Azalia AZ2510, vendor 0x1aa02510",
            "pin 0x11: 0x0221101f [Jack] HP Out at Ext Front, association 1, sequence 15, connections 0x0c 0x0d",
            "codec #1 at address 2: Azalia AZ-HDMI",
            "snd_hda_codec_generic hdaudioC0D0: autoconfig for ",
            "the player listens at pin 0x10 of codec 0");
    }

    @Test
    void shouldPickOneCodecOfAFileWithHashN(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("two.txt");
        Files.writeString(file, dev.azalia.hda.codec.dump.BuiltinCodec.LAPTOP_HDMI.text());
        final CliRun run = CliRun.of("codec", file + "#1");
        assertThat(run.out()).contains("codec #0 at address 2: Azalia AZ-HDMI").doesNotContain("AZ2510");
        final CliRun missing = CliRun.of("codec", file + "#5");
        assertThat(missing.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(missing.errLines()).containsExactly("play: " + file + ": no codec #5: the file has 2 (0 to 1)");
    }

    @Test
    void shouldSayInOneLineWithTheLineNumberWhatItCannotRead(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("broken.txt");
        Files.writeString(file, "Codec: Broken\nAddress: 0\nVendor Id: 0xzz\n");
        final CliRun run = CliRun.of("codec", file.toString());
        assertThat(run.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(run.errLines()).singleElement().asString().startsWith("play: broken.txt:3: ");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void shouldNameTheBuiltinsWhenTheFileDoesNotExist()
    {
        final CliRun run = CliRun.of("codec", "no-such-codec");
        assertThat(run.status()).isEqualTo(Main.EXIT_INPUT);
        assertThat(run.errLines()).containsExactly("play: no-such-codec: no such codec dump file "
            + "(built-in codecs: qemu, laptop, desktop, laptop-hdmi)");
    }
}
