package dev.azalia.driver;

import dev.azalia.hda.codec.DacOutput;
import dev.azalia.hda.codec.Verbs;
import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.CodecDumpParser;
import dev.azalia.hda.codec.dump.DumpParseException;
import dev.azalia.hda.codec.dumped.DumpCodec;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.log.KernelLog;
import dev.azalia.time.VirtualNanoClock;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link CodecDriver} probed on the {@link DumpCodec} built from a dump fixture, with its kernel log: every verb the
 * driver sends goes straight to the codec (recorded in {@link #verbs}) and the codec's answer comes back. The state
 * read-backs ask the codec with verbs of their own, which are not recorded.
 */
final class CodecOnDump
{
    private static final DacOutput NOWHERE = (codecAddress, nid, format, pcm, offset, length, nanos) -> { };

    final VirtualNanoClock clock = new VirtualNanoClock();
    final KernelLog log = new KernelLog(clock);
    final VirtualKernel kernel = new VirtualKernel(clock, log);
    final DumpCodec codec;
    final CodecDriver driver;
    /** Every verb word the driver sent, in order. */
    final List<Integer> verbs = new ArrayList<>();

    CodecOnDump(final String fixture)
    {
        codec = DumpCodec.create(fixture(fixture), 0, NOWHERE);
        driver = new CodecDriver(word ->
        {
            verbs.add(word);
            return codec.execute(word);
        }, null, kernel, 0, 0);
    }

    /** Probes and initialises, as the controller's probe does. */
    CodecOnDump boot()
    {
        driver.probe();
        driver.init();
        return this;
    }

    /** The log messages of the codec's source, without the prefix. */
    List<String> messages()
    {
        return log.entries().stream().map(KernelLog.Entry::text)
            .filter(t -> t.startsWith("snd_hda_codec_generic hdaudioC0D0: ")
                || t.startsWith("snd_hda_codec_hdmi hdaudioC0D0: "))
            .map(t -> t.substring(t.indexOf(": ") + 2)).toList();
    }

    /** The recorded verbs of one kind (a 12-bit id, or a 4-bit one), as "nid:payload" in hex. */
    List<String> sent(final int verb)
    {
        final List<String> list = new ArrayList<>();
        for (final int w : verbs)
        {
            if (Verbs.verbId(w) == verb)
            {
                list.add(String.format(Locale.ROOT, "%x:%x", Verbs.nid(w), Verbs.payload(w)));
            }
        }
        return list;
    }

    /** A pin's control, as the codec answers GET_PIN_WIDGET_CONTROL. */
    int pinCtl(final int pin)
    {
        return ask(pin, Verbs.GET_PIN_WIDGET_CONTROL, 0);
    }

    /** A widget's EAPD/BTL byte, as the codec answers GET_EAPD_BTLENABLE. */
    int eapd(final int pin)
    {
        return ask(pin, Verbs.GET_EAPD_BTLENABLE, 0);
    }

    /** A pin's unsolicited enable byte, as the codec answers GET_UNSOLICITED_RESPONSE. */
    int unsol(final int pin)
    {
        return ask(pin, Verbs.GET_UNSOLICITED_RESPONSE, 0);
    }

    /** An amp's value (gain 6:0, mute 7), as the codec answers GET_AMP_GAIN_MUTE. */
    int amp(final int nid, final boolean output, final boolean left, final int index)
    {
        final int payload = (output ? 0x8000 : 0) | (left ? 0x2000 : 0) | index;
        return codec.execute(nid << 20 | Verbs.GET_AMP_GAIN_MUTE << 16 | payload);
    }

    private int ask(final int nid, final int verb, final int payload)
    {
        return codec.execute(nid << 20 | verb << 8 | payload);
    }

    /** Parses the first codec of a fixture under {@code codecs/}. */
    private static CodecDump fixture(final String name)
    {
        try (InputStream in = CodecOnDump.class.getResourceAsStream("/codecs/" + name))
        {
            if (null == in)
            {
                throw new IllegalArgumentException("no fixture " + name);
            }
            final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new CodecDumpParser().parse(name, text).codecs().get(0).codec();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        catch (final DumpParseException e)
        {
            throw new IllegalStateException(e);
        }
    }
}
