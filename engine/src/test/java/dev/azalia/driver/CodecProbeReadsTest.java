package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.sound.Errno;
import dev.azalia.sound.SoundException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reads a codec driver makes before it parses anything, in {@code snd_hdac_device_init} and
 * {@code snd_hda_codec_new} order: root identities, every function group's type (the first audio one kept), the
 * audio function group's nodes and power states, verb F20 when the root has no subsystem id, widget caps, then each
 * pin's default configuration and pin control.
 */
final class CodecProbeReadsTest
{
    private static final int PIN_CAPS = Verbs.WID_PIN << Verbs.WCAP_TYPE_SHIFT;
    private static final int DAC_CAPS = Verbs.WID_AUD_OUT << Verbs.WCAP_TYPE_SHIFT;

    private final Map<String, Integer> answers = new HashMap<>();
    private final List<String> sent = new ArrayList<>();
    private final CodecIo io = (nid, verb, payload) ->
    {
        final String key = String.format(Locale.ROOT, "%x:%x:%x", nid, verb, payload);
        sent.add(key);
        return answers.getOrDefault(key, 0);
    };

    private void answer(final int nid, final int verb, final int payload, final int value)
    {
        answers.put(String.format(Locale.ROOT, "%x:%x:%x", nid, verb, payload), value);
    }

    private void parameter(final int nid, final int param, final int value)
    {
        answer(nid, Verbs.GET_PARAMETER, param, value);
    }

    /** Root: ids and two function groups at NIDs 1 (audio) and 2 (modem); the audio group's widgets 3-5. */
    private void codec(final int rootSubsystemId)
    {
        parameter(0, Verbs.PAR_VENDOR_ID, 0x10ec0269);
        parameter(0, Verbs.PAR_SUBSYSTEM_ID, rootSubsystemId);
        parameter(0, Verbs.PAR_REV_ID, 0x100002);
        parameter(0, Verbs.PAR_NODE_COUNT, 1 << 16 | 2);
        parameter(1, Verbs.PAR_FUNCTION_TYPE, 0x101);
        parameter(2, Verbs.PAR_FUNCTION_TYPE, 0x02);
        parameter(1, Verbs.PAR_NODE_COUNT, 3 << 16 | 3);
        parameter(1, Verbs.PAR_POWER_STATE, 0xc000000f);
        answer(1, Verbs.GET_SUBSYSTEM_ID, 0, 0x17aa3801);
        parameter(3, Verbs.PAR_AUDIO_WIDGET_CAP, DAC_CAPS | Verbs.WCAP_POWER);
        parameter(4, Verbs.PAR_AUDIO_WIDGET_CAP, PIN_CAPS);
        parameter(5, Verbs.PAR_AUDIO_WIDGET_CAP, PIN_CAPS | Verbs.WCAP_POWER);
        answer(4, Verbs.GET_CONFIG_DEFAULT, 0, 0x01014010);
        answer(5, Verbs.GET_CONFIG_DEFAULT, 0, 0x90170110);
    }

    @Test
    void shouldReadEveryFunctionGroupAndThenCapsBeforeAnyPinInLinuxOrder()
    {
        codec(0);

        final CodecProbeReads reads = CodecProbeReads.read(io);

        assertThat(sent).containsExactly("0:f00:0", "0:f00:1", "0:f00:2", "0:f00:4", "1:f00:5", "2:f00:5",
            "1:f00:4", "1:f00:f", "1:f20:0", "3:f00:9", "4:f00:9", "5:f00:9", "4:f1c:0", "4:f07:0", "5:f1c:0",
            "5:f07:0");
        assertThat(reads.afgNid()).as("the audio group, not the modem group read after it").isEqualTo(1);
        assertThat(reads.vendorId()).isEqualTo(0x10ec0269);
        assertThat(reads.revisionId()).isEqualTo(0x100002);
        assertThat(reads.startNid()).isEqualTo(3);
        assertThat(reads.widgetCount()).isEqualTo(3);
        assertThat(reads.powerCaps()).isEqualTo(0xc000000f);
        assertThat(reads.pinConfig()).containsExactly(0, 0x01014010, 0x90170110);
        assertThat(reads.poweredNids()).containsExactly(3, 5);
    }

    @Test
    void shouldTakeTheSubsystemIdFromTheFunctionGroupOnlyWhenTheRootHasNone()
    {
        codec(0);
        assertThat(CodecProbeReads.read(io).subsystemId()).as("root 0: verb F20").isEqualTo(0x17aa3801);

        codec(-1);
        assertThat(CodecProbeReads.read(io).subsystemId()).as("root -1: verb F20").isEqualTo(0x17aa3801);

        codec(0x1af41100);
        sent.clear();
        assertThat(CodecProbeReads.read(io).subsystemId()).isEqualTo(0x1af41100);
        assertThat(sent).doesNotContain("1:f20:0");
    }

    @Test
    void shouldKeepTheFirstAudioFunctionGroup()
    {
        codec(0);
        parameter(2, Verbs.PAR_FUNCTION_TYPE, 0x01);

        assertThat(CodecProbeReads.read(io).afgNid()).isEqualTo(1);
    }

    @Test
    void shouldRefuseACodecWithoutAnAudioFunctionGroup()
    {
        codec(0);
        parameter(1, Verbs.PAR_FUNCTION_TYPE, 0x02);

        assertThatThrownBy(() -> CodecProbeReads.read(io)).isInstanceOf(SoundException.class)
            .hasMessageContaining("no audio function group")
            .satisfies(e -> assertThat(((SoundException)e).errno()).isEqualTo(Errno.ENODEV));
        assertThat(sent).as("nothing is read past the function group types").last().isEqualTo("2:f00:5");
    }
}
