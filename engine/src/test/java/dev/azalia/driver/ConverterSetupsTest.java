package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.log.KernelLog;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream set-up on a converter as {@code __snd_hda_codec_setup_stream} does it: read before write, skip equal
 * values, 1 ms before a real format change, lazy cleanup, zeroing at codec suspend.
 */
final class ConverterSetupsTest
{
    private static final int DAC = 2;
    private final VirtualNanoClock clock = new VirtualNanoClock();
    private final VirtualKernel kernel = new VirtualKernel(clock, new KernelLog(clock));
    private final List<String> sent = new ArrayList<>();
    private int conv;
    private int format = 0x11;
    private final ConverterSetups setups = new ConverterSetups((nid, verb, payload) ->
    {
        sent.add(Integer.toHexString(verb) + ":" + Integer.toHexString(payload));
        switch (verb)
        {
            case Verbs.GET_CONV:
                return conv;
            case Verbs.GET_STREAM_FORMAT:
                return format;
            case Verbs.SET_CHANNEL_STREAMID:
                conv = payload;
                return 0;
            case Verbs.SET_STREAM_FORMAT:
                format = payload;
                return 0;
            default:
                return 0;
        }
    }, kernel);

    @Test
    void shouldReadTheConverterFirstAndWriteOnlyWhatDiffers()
    {
        setups.setup(DAC, Verbs.WID_AUD_OUT, 5, 0, 0x11);

        assertThat(sent).as("GET_CONV, SET_CHANNEL_STREAMID 0x50, GET_STREAM_FORMAT: already 0x11")
            .containsExactly("f06:0", "706:50", "a:0");
        assertThat(clock.nanoTime()).as("no sleep without a format change").isZero();
    }

    @Test
    void shouldSleepOneMillisecondBeforeChangingTheFormat()
    {
        setups.setup(DAC, Verbs.WID_AUD_OUT, 5, 0, 0x4011);

        assertThat(sent).containsExactly("f06:0", "706:50", "a:0", "2:4011");
        assertThat(clock.nanoTime()).isEqualTo(1_000_000L);
    }

    @Test
    void shouldSendNothingForARepeatedSetupOrACleanup()
    {
        setups.setup(DAC, Verbs.WID_AUD_OUT, 5, 0, 0x11);
        sent.clear();

        setups.setup(DAC, Verbs.WID_AUD_OUT, 5, 0, 0x11);
        setups.cleanup(DAC);

        assertThat(sent).isEmpty();
        assertThat(conv).as("the converter keeps its tag after cleanup").isEqualTo(0x50);
    }

    @Test
    void shouldZeroTagAndFormatAtSuspendAndWriteTheFormatAgainAtTheNextSetup()
    {
        setups.setup(DAC, Verbs.WID_AUD_OUT, 5, 0, 0x11);
        setups.cleanup(DAC);
        sent.clear();

        setups.cleanupAll();
        assertThat(sent).containsExactly("706:0", "2:0");
        sent.clear();

        setups.setup(DAC, Verbs.WID_AUD_OUT, 5, 0, 0x11);
        assertThat(sent).as("the capture's second play").containsExactly("f06:0", "706:50", "a:0", "2:11");
    }

    @Test
    void shouldCleanAStaleConverterWhenAnotherTakesItsTag()
    {
        setups.setup(DAC, Verbs.WID_AUD_OUT, 5, 0, 0x11);
        setups.cleanup(DAC);
        setups.setup(7, Verbs.WID_AUD_OUT, 5, 0, 0x11);
        sent.clear();

        setups.setup(7, Verbs.WID_AUD_OUT, 6, 0, 0x11);

        assertThat(sent).as("the inactive DAC still held tag 5: zeroed before the next setup")
            .startsWith("706:0", "2:0");
    }
}
