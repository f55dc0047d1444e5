package dev.azalia.driver;

import dev.azalia.hda.codec.Verbs;

import java.util.ArrayList;
import java.util.List;

/**
 * The codec's jack table ({@code hda_jack.c}): an entry per pin that automute or a jack control asked for, each with
 * a tag (1, 2, ... in creation order, as {@code snd_hda_jack_tbl_new} numbers them), whether it is a phantom jack
 * (fixed, or not able to detect presence), whether unsolicited responses were enabled for it, and its last pin
 * sense, re-read only when dirty (new, or after a jack event). A pin without an entry is sensed on every query.
 * Linux also marks every jack dirty at resume ({@code snd_hda_jack_set_dirty_all}); that is not done here yet.
 *
 * <p>Threading: callers hold this table's monitor ({@code synchronized (table)}): the jack work takes only it, init
 * and resume take it under the codec driver's lock.
 */
final class JackTable
{
    private static final int PIN_SENSE_PRESENCE = 1 << 31;
    private static final int PINCAP_TRIG_REQ = 1 << 1;

    /** One jack. */
    private static final class Jack
    {
        final int pin;
        final int tag;
        boolean phantom;
        boolean detect;
        boolean dirty = true;
        int sense;

        Jack(final int pin, final int tag)
        {
            this.pin = pin;
            this.tag = tag;
        }
    }

    private final CodecGraph graph;
    private final PinConfigSource pinConfig;
    private final CodecRegmap regmap;
    private final CodecIo io;
    private final List<Jack> jacks = new ArrayList<>();

    /** The default configuration of a pin. */
    @FunctionalInterface
    interface PinConfigSource
    {
        /**
         * @param pin a pin.
         * @return its default configuration.
         */
        int of(int pin);
    }

    /**
     * @param graph     widget and pin caps.
     * @param pinConfig default configurations.
     * @param regmap    the register cache (SET_UNSOLICITED_ENABLE is cached, as Linux's write_cache does).
     * @param io        raw verbs (pin sense).
     */
    JackTable(final CodecGraph graph, final PinConfigSource pinConfig, final CodecRegmap regmap, final CodecIo io)
    {
        this.graph = graph;
        this.pinConfig = pinConfig;
        this.regmap = regmap;
        this.io = io;
    }

    /**
     * {@code is_jack_detectable}: presence detect, not marked NO_PRESENCE, unsolicited capable.
     *
     * @param pin a pin.
     * @return true if its jack can be detected.
     */
    boolean detectable(final int pin)
    {
        if ((graph.pinCaps(pin) & Verbs.PINCAP_PRES_DETECT) == 0)
        {
            return false;
        }
        if ((PinDefaults.misc(pinConfig.of(pin)) & PinDefaults.MISC_NO_PRESENCE) != 0)
        {
            return false;
        }
        return (graph.wcaps(pin) & Verbs.WCAP_UNSOL_CAP) != 0;
    }

    /**
     * {@code snd_hda_jack_detect_enable}: the pin's entry (created if needed) gets unsolicited responses enabled
     * with its tag, once.
     *
     * @param pin a pin.
     */
    void enableDetect(final int pin)
    {
        final Jack jack = entry(pin);
        if (jack.detect)
        {
            return;
        }
        jack.detect = true;
        regmap.write(CodecRegmap.key(pin, Verbs.GET_UNSOLICITED_RESPONSE), Verbs.UNSOL_ENABLE | jack.tag);
    }

    /**
     * {@code add_jack_kctl}: a jack control for a connected pin; a pin whose jack can be detected gets unsolicited
     * responses enabled, others are phantom jacks.
     *
     * @param pin a pin (0: nothing).
     */
    void addKctl(final int pin)
    {
        if (pin == 0)
        {
            return;
        }
        final int conn = PinDefaults.connectivity(pinConfig.of(pin));
        if (conn == PinDefaults.JACK_PORT_NONE)
        {
            return;
        }
        final boolean phantom = conn != PinDefaults.JACK_PORT_COMPLEX || !detectable(pin);
        final Jack jack = entry(pin);
        jack.phantom = phantom;
        if (!phantom)
        {
            enableDetect(pin);
        }
    }

    /**
     * {@code snd_hda_jack_detect_state} == present: a phantom jack is never "present"; an entry is re-sensed only
     * when dirty; a pin without an entry is sensed now.
     *
     * @param pin a pin.
     * @return true if something is plugged in.
     */
    boolean present(final int pin)
    {
        final Jack jack = find(pin);
        if (null == jack)
        {
            return (sense(pin) & PIN_SENSE_PRESENCE) != 0;
        }
        if (jack.phantom)
        {
            return false;
        }
        update(jack);
        return (jack.sense & PIN_SENSE_PRESENCE) != 0;
    }

    /**
     * The last reported state of a pin's jack, without sensing: true without an entry or for a phantom jack.
     *
     * @param pin a pin.
     * @return true if present (or unknown).
     */
    boolean lastPresent(final int pin)
    {
        final Jack jack = find(pin);
        return null == jack || jack.phantom || (jack.sense & PIN_SENSE_PRESENCE) != 0;
    }

    /**
     * The pin of a tag, marking its jack dirty ({@code snd_hda_jack_unsol_event}).
     *
     * @param tag the unsolicited response's tag.
     * @return the pin, or 0 for an unknown tag.
     */
    int onEvent(final int tag)
    {
        for (final Jack j : jacks)
        {
            if (j.tag == tag)
            {
                j.dirty = true;
                return j.pin;
            }
        }
        return 0;
    }

    /** {@code snd_hda_jack_report_sync}: every dirty jack is brought up to date. */
    synchronized void reportSync()
    {
        for (final Jack j : jacks)
        {
            update(j);
        }
    }

    /**
     * The tag of a pin's jack.
     *
     * @param pin a pin.
     * @return the tag, or 0 without an entry.
     */
    int tag(final int pin)
    {
        final Jack j = find(pin);
        return null == j ? 0 : j.tag;
    }

    private void update(final Jack jack)
    {
        if (!jack.dirty)
        {
            return;
        }
        jack.sense = jack.phantom ? PIN_SENSE_PRESENCE : sense(jack.pin);
        jack.dirty = false;
    }

    private Jack find(final int pin)
    {
        for (final Jack j : jacks)
        {
            if (j.pin == pin)
            {
                return j;
            }
        }
        return null;
    }

    private Jack entry(final int pin)
    {
        final Jack found = find(pin);
        if (null != found)
        {
            return found;
        }
        final Jack jack = new Jack(pin, jacks.size() + 1);
        jacks.add(jack);
        return jack;
    }

    /** {@code read_pin_sense}: a trigger first if the pin needs one. */
    private int sense(final int pin)
    {
        if ((graph.pinCaps(pin) & PINCAP_TRIG_REQ) != 0)
        {
            io.exec(pin, Verbs.SET_PIN_SENSE, 0);
        }
        return io.exec(pin, Verbs.GET_PIN_SENSE, 0);
    }
}
