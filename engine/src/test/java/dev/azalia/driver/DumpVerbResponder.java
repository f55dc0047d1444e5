package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;
import dev.azalia.hda.codec.dump.AmpDump;
import dev.azalia.hda.codec.dump.CodecDump;
import dev.azalia.hda.codec.dump.CodecDumpParser;
import dev.azalia.hda.codec.dump.PcmCaps;
import dev.azalia.hda.codec.dump.WidgetDump;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * A test codec answering verbs from a parsed {@link CodecDump}: parameters, connection lists and default
 * configurations from the dump; pin controls, amps, connection selects, EAPD, unsolicited enables, converters and
 * power states kept in maps (starting from the dump's values); pin sense from {@link #plug}. Every verb word is
 * recorded in {@link #verbs}.
 */
final class DumpVerbResponder implements IntUnaryOperator
{
    private static final int PAR_GPIO_CAP = 0x11;
    private final CodecDump dump;
    private final int afg;
    private final Map<Integer, WidgetDump> widgets = new HashMap<>();
    private final Map<Integer, Integer> state = new HashMap<>();
    private final Set<Integer> present = new HashSet<>();
    /** Every verb word received, in order. */
    final List<Integer> verbs = new ArrayList<>();

    DumpVerbResponder(final CodecDump dump)
    {
        this.dump = dump;
        this.afg = dump.afg().flatMap(a -> a.nid().isPresent() ? java.util.Optional.of(a.nid().getAsInt())
            : java.util.Optional.empty()).orElse(1);
        for (final WidgetDump w : dump.widgets())
        {
            widgets.put(w.nid(), w);
            w.pinControls().ifPresent(v -> state.put(key(w.nid(), Verbs.GET_PIN_WIDGET_CONTROL, 0), v));
            w.eapd().ifPresent(v -> state.put(key(w.nid(), Verbs.GET_EAPD_BTLENABLE, 0), v));
            w.ampIn().ifPresent(a -> seedAmps(w.nid(), false, a));
            w.ampOut().ifPresent(a -> seedAmps(w.nid(), true, a));
            w.connections().ifPresent(c -> state.put(key(w.nid(), Verbs.GET_CONNECT_SEL, 0), Math.max(0,
                c.selected())));
        }
    }

    /** Parses a fixture under {@code codecs/}. */
    static CodecDump fixture(final String name)
    {
        try (InputStream in = DumpVerbResponder.class.getResourceAsStream("/codecs/" + name))
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
        catch (final dev.azalia.hda.codec.dump.DumpParseException e)
        {
            throw new IllegalStateException(e);
        }
    }

    /** Plugs or unplugs the jack of a pin (its pin sense). */
    void plug(final int pin, final boolean plugged)
    {
        if (plugged)
        {
            present.add(pin);
        }
        else
        {
            present.remove(pin);
        }
    }

    /** A pin's control as last written (or from the dump). */
    int pinCtl(final int pin)
    {
        return state.getOrDefault(key(pin, Verbs.GET_PIN_WIDGET_CONTROL, 0), 0);
    }

    /** A widget's EAPD/BTL byte. */
    int eapd(final int pin)
    {
        return state.getOrDefault(key(pin, Verbs.GET_EAPD_BTLENABLE, 0), 0);
    }

    /** The unsolicited enable byte of a pin. */
    int unsol(final int pin)
    {
        return state.getOrDefault(key(pin, Verbs.GET_UNSOLICITED_RESPONSE, 0), 0);
    }

    /** The connection select of a widget. */
    int connectSel(final int nid)
    {
        return state.getOrDefault(key(nid, Verbs.GET_CONNECT_SEL, 0), 0);
    }

    /** An amp's value (gain 6:0, mute 7). */
    int amp(final int nid, final boolean output, final boolean left, final int index)
    {
        return state.getOrDefault(ampKey(nid, output, left, index), 0);
    }

    /** The recorded verbs of one kind, as "nid:payload" in hex. */
    List<String> sent(final int verb)
    {
        final List<String> list = new ArrayList<>();
        for (final int w : verbs)
        {
            final int v12 = w >>> 8 & 0xfff;
            final boolean twelve = (v12 & 0xf00) == 0x700 || (v12 & 0xf00) == 0xf00;
            final int v = twelve ? v12 : w >>> 16 & 0xf;
            if (v == verb)
            {
                list.add(String.format(Locale.ROOT, "%x:%x", w >>> 20 & 0xff, twelve ? w & 0xff : w & 0xffff));
            }
        }
        return list;
    }

    @Override
    public int applyAsInt(final int word)
    {
        verbs.add(word);
        final int nid = word >>> 20 & 0xff;
        final int v12 = word >>> 8 & 0xfff;
        if ((v12 & 0xf00) == 0x700 || (v12 & 0xf00) == 0xf00)
        {
            return verb12(nid, v12, word & 0xff);
        }
        return verb4(nid, word >>> 16 & 0xf, word & 0xffff);
    }

    private int verb12(final int nid, final int verb, final int payload)
    {
        final WidgetDump w = widgets.get(nid);
        switch (verb)
        {
            case Verbs.GET_PARAMETER:
                return parameter(nid, w, payload);
            case Verbs.GET_CONNECT_LIST:
            {
                final List<Integer> list = null == w ? List.of() : w.connectionNids();
                int word = 0;
                for (int j = 0; j < 4 && payload + j < list.size(); j++)
                {
                    word |= list.get(payload + j) << (8 * j);
                }
                return word;
            }
            case Verbs.GET_CONFIG_DEFAULT:
                return null == w ? 0 : w.pinDefault().orElse(0);
            case Verbs.GET_SUBSYSTEM_ID:
                return dump.subsystemId();
            case Verbs.GET_PIN_SENSE:
                return present.contains(nid) ? 1 << 31 : 0;
            case Verbs.GET_POWER_STATE:
            {
                final int ps = state.getOrDefault(key(nid, Verbs.GET_POWER_STATE, 0), 0);
                return ps | ps << 4;
            }
            case Verbs.GET_CONNECT_SEL, Verbs.GET_CONV, Verbs.GET_PIN_WIDGET_CONTROL, Verbs.GET_UNSOLICITED_RESPONSE,
                Verbs.GET_EAPD_BTLENABLE:
                return state.getOrDefault(key(nid, verb, 0), 0);
            default:
                if ((verb & 0xf00) == 0x700)
                {
                    state.put(key(nid, 0xf00 | verb & 0xff, 0), payload);
                }
                return 0;
        }
    }

    private int verb4(final int nid, final int verb, final int payload)
    {
        switch (verb)
        {
            case Verbs.GET_AMP_GAIN_MUTE:
                return state.getOrDefault(ampKey(nid, (payload & 0x8000) != 0, (payload & 0x2000) != 0,
                    payload & 0xf), 0);
            case Verbs.SET_AMP_GAIN_MUTE:
            {
                final boolean out = (payload & 0x8000) != 0;
                final boolean in = (payload & 0x4000) != 0;
                final int index = payload >>> 8 & 0xf;
                for (final boolean left : new boolean[] {true, false})
                {
                    if ((payload & (left ? 0x2000 : 0x1000)) == 0)
                    {
                        continue;
                    }
                    if (out)
                    {
                        state.put(ampKey(nid, true, left, index), payload & 0xff);
                    }
                    if (in)
                    {
                        state.put(ampKey(nid, false, left, index), payload & 0xff);
                    }
                }
                return 0;
            }
            case Verbs.GET_STREAM_FORMAT:
                return state.getOrDefault(key(nid, 0xa00, 0), 0);
            case Verbs.SET_STREAM_FORMAT:
                state.put(key(nid, 0xa00, 0), payload);
                return 0;
            default:
                return 0;
        }
    }

    private int parameter(final int nid, final WidgetDump w, final int param)
    {
        if (nid == 0)
        {
            return switch (param)
            {
                case Verbs.PAR_VENDOR_ID -> dump.vendorId();
                case Verbs.PAR_SUBSYSTEM_ID -> dump.subsystemId();
                case Verbs.PAR_REV_ID -> dump.revisionId();
                case Verbs.PAR_NODE_COUNT -> afg << 16 | 1;
                default -> 0;
            };
        }
        if (nid == afg)
        {
            final List<WidgetDump> all = dump.widgets();
            return switch (param)
            {
                case Verbs.PAR_NODE_COUNT -> all.isEmpty() ? 0 : all.get(0).nid() << 16 | all.size();
                case Verbs.PAR_FUNCTION_TYPE -> 1 | dump.afgFunctionId().flatMap(f -> f.unsolicited().isPresent()
                    ? java.util.Optional.of(f.unsolicited().getAsInt()) : java.util.Optional.empty()).orElse(0) << 8;
                case Verbs.PAR_PCM -> dump.afg().flatMap(a -> a.defaultPcm()).map(PcmCaps::pcmParameter).orElse(0);
                case Verbs.PAR_STREAM -> dump.afg().flatMap(a -> a.defaultPcm()).map(PcmCaps::streamParameter)
                    .orElse(0);
                case Verbs.PAR_AMP_IN_CAP -> dump.afg().map(a -> a.defaultAmpInCaps()).orElse(0);
                case Verbs.PAR_AMP_OUT_CAP -> dump.afg().map(a -> a.defaultAmpOutCaps()).orElse(0);
                case Verbs.PAR_POWER_STATE -> dump.afg().flatMap(a -> a.powerStates().isPresent()
                    ? java.util.Optional.of(a.powerStates().getAsInt()) : java.util.Optional.empty()).orElse(0);
                case PAR_GPIO_CAP -> 0;
                default -> 0;
            };
        }
        if (null == w)
        {
            return 0;
        }
        return switch (param)
        {
            case Verbs.PAR_AUDIO_WIDGET_CAP -> w.wcaps();
            case Verbs.PAR_PIN_CAP -> w.pinCaps().orElse(0);
            case Verbs.PAR_AMP_IN_CAP -> w.ampIn().map(AmpDump::caps).orElse(0);
            case Verbs.PAR_AMP_OUT_CAP -> w.ampOut().map(AmpDump::caps).orElse(0);
            case Verbs.PAR_CONNLIST_LEN -> w.connectionNids().size();
            case Verbs.PAR_PCM -> w.pcm().map(PcmCaps::pcmParameter).orElse(0);
            case Verbs.PAR_STREAM -> w.pcm().map(PcmCaps::streamParameter).orElse(0);
            case Verbs.PAR_POWER_STATE -> w.powerStates().orElse(0);
            default -> 0;
        };
    }

    private void seedAmps(final int nid, final boolean output, final AmpDump amp)
    {
        for (int i = 0; i < amp.values().count(); i++)
        {
            state.put(ampKey(nid, output, true, i), amp.values().value(i, 0));
            state.put(ampKey(nid, output, false, i), amp.values().value(i, 1));
        }
    }

    private static int key(final int nid, final int getVerb, final int payload)
    {
        return nid << 20 | getVerb << 8 | payload;
    }

    private static int ampKey(final int nid, final boolean output, final boolean left, final int index)
    {
        return nid << 20 | 0xb << 16 | (output ? 0x8000 : 0) | (left ? 0x2000 : 0) | index;
    }
}
