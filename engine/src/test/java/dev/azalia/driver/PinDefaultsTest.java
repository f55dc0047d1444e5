package dev.azalia.driver;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pin sort of {@code snd_hda_parse_pin_defcfg}: kinds by default device, association and sequence order, the
 * fixed line out as a speaker, the promotions when there is no line out, five per kind, input order and labels, and
 * Linux's log lines.
 */
final class PinDefaultsTest
{
    private static final int START = 0x10;
    private static final int PIN_STEREO = 0x400001;
    private static final int PIN_MONO = 0x400000;
    private static final int PINCAP_IN_OUT = 0x30;
    private static final int PINCAP_IN_ONLY = 0x20;

    private final List<int[]> pins = new ArrayList<>();
    private final Map<Integer, Integer> caps = new HashMap<>();
    private final List<String> info = new ArrayList<>();

    /** Adds a pin at the next NID. */
    private int pin(final int defcfg)
    {
        return pin(defcfg, PIN_STEREO, PINCAP_IN_OUT);
    }

    private int pin(final int defcfg, final int wcaps, final int pinCaps)
    {
        final int nid = START + pins.size();
        pins.add(new int[] {wcaps, defcfg});
        caps.put(nid, pinCaps);
        return nid;
    }

    private AutoPinConfig parse()
    {
        final int[] wcaps = pins.stream().mapToInt(p -> p[0]).toArray();
        final int[] cfg = pins.stream().mapToInt(p -> p[1]).toArray();
        return PinDefaults.parse(START, wcaps, cfg, caps::get, nid -> false, info::add);
    }

    /** A jack's default configuration: connectivity, location, device, association, sequence. */
    private static int cfg(final int conn, final int loc, final int dev, final int assoc, final int seq)
    {
        return conn << 30 | loc << 24 | dev << 20 | assoc << 4 | seq;
    }

    @Test
    void shouldSortLineOutsBySequenceThenSwapSurroundAndClfe()
    {
        final int side = pin(cfg(0, 1, 0, 1, 4));
        final int front = pin(cfg(0, 1, 0, 1, 0));
        final int clfe = pin(cfg(0, 1, 0, 1, 2));
        final int surround = pin(cfg(0, 1, 0, 1, 1));

        final AutoPinConfig c = parse();

        assertThat(c.lineOuts).as("sorted by sequence, then reorder_outputs swaps the 2nd and 3rd")
            .containsExactly(front, clfe, surround, side);
        assertThat(c.lineOutTypeName()).isEqualTo("line");
    }

    @Test
    void shouldSortSpeakersAndHeadphonesByAssociationThenSequence()
    {
        pin(cfg(0, 1, 0, 1, 0));
        final int spkB = pin(cfg(2, 0x10, 1, 2, 0));
        final int spkA = pin(cfg(2, 0x10, 1, 1, 5));
        final int hpB = pin(cfg(0, 2, 2, 3, 0xf));
        final int hpA = pin(cfg(0, 2, 2, 2, 0xf));

        final AutoPinConfig c = parse();

        assertThat(c.speakerOuts).containsExactly(spkA, spkB);
        assertThat(c.hpOuts).containsExactly(hpA, hpB);
    }

    @Test
    void shouldCountAFixedLineOutAsASpeakerAndPromoteItWhenThereIsNoLineOut()
    {
        final int internal = pin(cfg(2, 0x10, 0, 1, 0));
        final int hp = pin(cfg(0, 2, 2, 1, 0xf));

        final AutoPinConfig c = parse();

        assertThat(c.lineOuts).containsExactly(internal);
        assertThat(c.speakerOuts).isEmpty();
        assertThat(c.hpOuts).containsExactly(hp);
        assertThat(PinDefaults.logLines(c, "Generic")).startsWith(
            "autoconfig for Generic: line_outs=1 (0x10/0x0/0x0/0x0/0x0) type:speaker",
            "   speaker_outs=0 (0x0/0x0/0x0/0x0/0x0)",
            "   hp_outs=1 (0x11/0x0/0x0/0x0/0x0)");
    }

    @Test
    void shouldPromoteTheHeadphoneWhenThereIsNoLineOutAndNoSpeaker()
    {
        final int hp = pin(cfg(0, 2, 2, 1, 0xf));

        final AutoPinConfig c = parse();

        assertThat(c.lineOuts).containsExactly(hp);
        assertThat(c.hpOuts).isEmpty();
        assertThat(c.lineOutTypeName()).isEqualTo("hp");
    }

    @Test
    void shouldMoveHeadphonesWithoutSequence15ToTheLineOutsWhenThereAreSeveral()
    {
        final int realHp = pin(cfg(0, 2, 2, 1, 0xf));
        final int lineLike = pin(cfg(0, 1, 2, 1, 0));

        final AutoPinConfig c = parse();

        assertThat(c.lineOuts).containsExactly(lineLike);
        assertThat(c.hpOuts).containsExactly(realHp);
        assertThat(c.lineOutTypeName()).isEqualTo("line");
    }

    @Test
    void shouldIgnoreALineOutOfAnotherAssociationAndLogIt()
    {
        final int first = pin(cfg(0, 1, 0, 1, 0));
        pin(cfg(0, 1, 0, 2, 1));

        final AutoPinConfig c = parse();

        assertThat(c.lineOuts).containsExactly(first);
        assertThat(info).containsExactly("ignore pin 0x11 with mismatching assoc# 0x2 vs 0x1");
    }

    @Test
    void shouldKeepAtMostFiveSpeakersAndLogTheRest()
    {
        pin(cfg(0, 1, 0, 1, 0));
        for (int i = 0; i < 6; i++)
        {
            pin(cfg(2, 0x10, 1, 1, i));
        }

        final AutoPinConfig c = parse();

        assertThat(c.speakerOuts).hasSize(5).doesNotContain(0x16);
        assertThat(info).containsExactly("ignore pin 0x16, too many assigned pins");
    }

    @Test
    void shouldSkipAnOutputPinWithoutOutputCapabilityAndAnUnconnectedPin()
    {
        pin(cfg(0, 1, 0, 1, 0), PIN_STEREO, PINCAP_IN_ONLY);
        pin(cfg(1, 1, 0, 1, 1));
        final int real = pin(cfg(0, 1, 0, 1, 2));

        assertThat(parse().lineOuts).containsExactly(real);
    }

    @Test
    void shouldTakeAMonoLineOutAsTheMonoOut()
    {
        pin(cfg(0, 1, 0, 1, 0));
        final int mono = pin(cfg(0, 1, 0, 1, 1), PIN_MONO, PINCAP_IN_OUT);

        final AutoPinConfig c = parse();

        assertThat(c.monoOut).isEqualTo(mono);
        assertThat(PinDefaults.logLines(c, "Generic")).contains("   mono: mono_out=0x11");
    }

    @Test
    void shouldOrderInputsByTypeAndLabelThemByLocationAsLinuxDoes()
    {
        final int line = pin(cfg(0, 1, 8, 5, 0));
        final int cd = pin(cfg(0, 1, 3, 6, 0));
        final int internalMic = pin(cfg(2, 0x10, 0xa, 4, 0));
        final int frontMic = pin(cfg(0, 2, 0xa, 3, 0));

        final AutoPinConfig c = parse();

        assertThat(c.inputs).extracting(AutoPinConfig.Input::pin)
            .as("mics first; the two equal mics come out reversed, as Linux's heapsort leaves them")
            .containsExactly(frontMic, internalMic, line, cd);
        assertThat(PinDefaults.logLines(c, "Generic")).as("the front jack differs from the rear line in: prefixed")
            .endsWith("   inputs:", "     Front Mic=0x13", "     Internal Mic=0x12", "     Line=0x10", "     CD=0x11");
    }

    @Test
    void shouldNotPrefixAJackMicWhenTheOtherMicIsInternal()
    {
        final int jack = pin(cfg(0, 2, 0xa, 3, 0));
        final int internal = pin(cfg(2, 0x10, 0xa, 4, 0));

        assertThat(PinDefaults.logLines(parse(), "Generic")).endsWith("     Internal Mic=0x11", "     Mic=0x10");
        assertThat(jack).isLessThan(internal);
    }

    @Test
    void shouldPrefixMicsAtDifferentJackLocations()
    {
        final int rear = pin(cfg(0, 1, 0xa, 3, 0));
        final int front = pin(cfg(0, 2, 0xa, 4, 0));

        final AutoPinConfig c = parse();

        assertThat(PinDefaults.logLines(c, "Generic")).contains("     Front Mic=0x" + Integer.toHexString(front),
            "     Rear Mic=0x" + Integer.toHexString(rear));
    }

    @Test
    void shouldLogTheDigitalOutAndInOnlyWhenPresent()
    {
        pin(cfg(0, 1, 0, 1, 0));
        assertThat(PinDefaults.logLines(parse(), "Generic")).noneMatch(l -> l.contains("dig-"));

        pins.clear();
        pin(cfg(0, 1, 0, 1, 0));
        pin(cfg(0, 1, 4, 2, 0));
        pin(cfg(0, 1, 0xc, 3, 0));

        assertThat(PinDefaults.logLines(parse(), "Generic"))
            .containsSubsequence("   mono: mono_out=0x0", "   dig-out=0x11/0x0", "   inputs:", "   dig-in=0x12");
    }

    @Test
    void shouldSortLikeLinuxHeapsortNotStably()
    {
        final List<int[]> list = new ArrayList<>(List.of(new int[] {1, 7}, new int[] {2, 7}));

        LinuxSort.sort(list, (a, b) -> a[1] - b[1]);

        assertThat(list).extracting(a -> a[0]).containsExactly(2, 1);
    }
}
