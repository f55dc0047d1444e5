package dev.azalia.hda.codec.dump;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged input of every kind ends in a {@link DumpParseException} or a result, never another exception.
 */
class CodecDumpParserRobustnessTest
{
    private static final List<String> FIXTURES = List.of("qemu-hda-duplex.txt", "laptop-analog.txt",
            "desktop-analog.txt", "hdmi.txt", "alsa-info-two-cards.txt", "damaged/old-format.txt",
            "damaged/hook-lines.txt", "damaged/quoted-printable.txt");

    private static void parsesOrFailsCleanly(final String text)
    {
        try
        {
            final DumpFile f = new CodecDumpParser().parse("fuzz.txt", text);
            assertThat(f.codecs()).isNotEmpty();
            new CodecDumpWriter().write(f);
        }
        catch (final DumpParseException e)
        {
            assertThat(e.getMessage()).startsWith("fuzz.txt:").doesNotContain("\n");
            assertThat(e.lineNumber()).isBetween(1, text.split("\n", -1).length + 1);
        }
    }

    @Test
    void everyTruncationOfEveryFixtureParsesOrFailsCleanly()
    {
        for (final String name : FIXTURES)
        {
            final String text = Fixtures.text(name);
            for (int cut = 0; cut <= text.length(); cut += 7)
            {
                parsesOrFailsCleanly(text.substring(0, cut));
            }
        }
    }

    @Test
    void randomByteDamageParsesOrFailsCleanly()
    {
        final SplittableRandom random = new SplittableRandom(13);
        final String alphabet = "0123456789abcdefx*=[]:, \n\t-NodeCnoti\"";
        for (final String name : FIXTURES)
        {
            final String text = Fixtures.text(name);
            for (int round = 0; round < 300; round++)
            {
                final StringBuilder sb = new StringBuilder(text);
                final int edits = 1 + random.nextInt(8);
                for (int e = 0; e < edits; e++)
                {
                    final int at = random.nextInt(sb.length());
                    switch (random.nextInt(3))
                    {
                        case 0 -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        case 1 -> sb.deleteCharAt(at);
                        default -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                parsesOrFailsCleanly(sb.toString());
            }
        }
    }

    @Test
    void hostileNumbersNeitherAllocateNorOverflow()
    {
        final String header = String.join("\n", Fixtures.HEADER) + "\n";
        for (final String node : List.of(
                "Node 0x02 [Audio Selector] wcaps 0x300101: Stereo\n  Connection: 2147483647\n     0x02\n",
                "Node 0x02 [Audio Selector] wcaps 0x300101: Stereo\n  Connection: -2147483648\n",
                "Node 0x02 [Pin Complex] wcaps 0x400000: Mono\n  Pincap 0x08\n  Pin Default 0x0\n",
                "Node 0x02 [Pin Complex] wcaps 0x400000: Mono\n  Pincap\n",
                "Node 0x02 [Audio Output] wcaps 0xffffffff: Mono\n",
                "Node 0x02 [Audio Output] wcaps 0x1: Stereo\n  Processing caps: benign=0, ncoeff=99999\n",
                "Node 0x02 [Audio Output] wcaps 0x1: Stereo\n  Devices: 2147483647\n",
                "Node 0x02 [Audio Output] wcaps 0x1: Stereo\n  Amp-In vals: [[[]]] ]\n",
                "Node 0x02 [Audio Output] wcaps 0x1: Stereo\n  Control: name=\"\n    ControlAmp: chs=9\n",
                "Node 0x02 [Audio Output] wcaps 0x1: Stereo\n  Device: name=\"x\", type=\"\n",
                "Node 0x02 [Audio Output] wcaps 0x1: Stereo\n    *Dev 00: PD = 7\n  Coeff 0x00: 0x1\n",
                "Node 0x02 [Audio Output] wcaps 0x1: Stereo\n  Power: setting=, actual=\n  EAPD\n  Pin-ctls:\n",
                "IO[99999999999]: enable=1\nGPIO: io=999\nNode 0x02 [Audio Output] wcaps 0x1:\n",
                "Node 0x02 [Audio Output] wcaps 0x1: Stereo\n  Unsolicited: tag=zz, enabled=1\n",
                "Node 0x02 [Audio Output] wcaps 0x1: Stereo\n  PCM:\n    rates [\n    bits ]\n"))
        {
            parsesOrFailsCleanly(header + node);
        }
        parsesOrFailsCleanly("Codec:\n".repeat(1000));
        parsesOrFailsCleanly("Codec: X\nAddress: 0\nVendor Id: 0x1\n" + "=\n".repeat(10000));
        parsesOrFailsCleanly("x".repeat(100000));
    }
}
