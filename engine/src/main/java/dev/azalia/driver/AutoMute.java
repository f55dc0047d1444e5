package dev.azalia.driver;

import java.util.ArrayList;
import java.util.List;

/**
 * The generic parser's automute as Linux 6.1 sets it up by default ({@code check_auto_mute_availability},
 * {@code snd_hda_gen_hp_automute}, {@code snd_hda_gen_line_automute}, {@code snd_hda_gen_update_outputs},
 * {@code do_automute} with pin control muting): with at least two kinds of outputs, every jack-detectable
 * headphone (and, when there are speakers, every detectable line out) gets unsolicited responses enabled with its
 * own tag ({@code snd_hda_jack_detect_enable}'s SET_UNSOLICITED_ENABLE); a plugged headphone clears the speakers'
 * (and line outs') pin controls and EAPD, a plugged line out the speakers'; unplugging writes the targets back.
 * Presence comes from the {@link JackTable} (sensed when new or dirty).
 *
 * <p>Not thread-safe: called under the codec driver's lock.
 */
final class AutoMute
{
    private static final int PIN_IN = 0x20;

    private final AutoConfig config;
    private final PathInit paths;
    private final JackTable jacks;
    private final List<Integer> hpPins = new ArrayList<>();
    private final List<Integer> speakerPins = new ArrayList<>();
    private final List<Integer> linePins = new ArrayList<>();
    private final List<Integer> hpJacks = new ArrayList<>();
    private final List<Integer> lineJacks = new ArrayList<>();
    private boolean detectHp;
    private boolean detectLo;
    private boolean automuteSpeaker;
    private boolean automuteLo;
    private boolean hpPresent;
    private boolean linePresent;

    /**
     * @param config the parsed configuration.
     * @param paths  the pin targets and EAPD.
     * @param jacks  the jack table.
     */
    AutoMute(final AutoConfig config, final PathInit paths, final JackTable jacks)
    {
        this.config = config;
        this.paths = paths;
        this.jacks = jacks;
    }

    /**
     * {@code check_auto_mute_availability}: decides what is automuted and enables jack detection on the jacks that
     * drive it; the promoted outputs are copied into the speaker or headphone list as Linux copies them.
     */
    void setUp()
    {
        final AutoPinConfig cfg = config.pins;
        linePins.addAll(cfg.lineOuts);
        hpPins.addAll(cfg.hpOuts);
        speakerPins.addAll(cfg.speakerOuts);
        int kinds = 0;
        kinds += hpPins.isEmpty() ? 0 : 1;
        kinds += linePins.isEmpty() ? 0 : 1;
        kinds += speakerPins.isEmpty() ? 0 : 1;
        if (kinds < 2)
        {
            return;
        }
        if (speakerPins.isEmpty() && cfg.lineOutType == AutoPinConfig.TYPE_SPEAKER)
        {
            speakerPins.addAll(linePins);
            cfg.speakerOuts.addAll(linePins);
        }
        if (hpPins.isEmpty() && cfg.lineOutType == AutoPinConfig.TYPE_HP)
        {
            hpPins.addAll(linePins);
            cfg.hpOuts.addAll(linePins);
        }
        for (final int pin : hpPins)
        {
            if (jacks.detectable(pin))
            {
                jacks.enableDetect(pin);
                hpJacks.add(pin);
                detectHp = true;
            }
        }
        if (cfg.lineOutType == AutoPinConfig.TYPE_LINE && !linePins.isEmpty())
        {
            if (!speakerPins.isEmpty())
            {
                for (final int pin : linePins)
                {
                    if (jacks.detectable(pin))
                    {
                        jacks.enableDetect(pin);
                        lineJacks.add(pin);
                        detectLo = true;
                    }
                }
            }
            automuteLo = detectHp;
        }
        automuteSpeaker = !speakerPins.isEmpty() && (detectHp || detectLo);
    }

    /** {@code update_automute_all} at init: the headphone jacks, then the line-out jacks. */
    void init()
    {
        hpAutomute();
        lineAutomute();
    }

    /**
     * A jack event: the automute callback of the tag's pin, if automute watches it.
     *
     * @param pin the pin whose jack reported.
     */
    void onJack(final int pin)
    {
        if (hpJacks.contains(pin))
        {
            hpAutomute();
        }
        else if (lineJacks.contains(pin))
        {
            lineAutomute();
        }
    }

    /**
     * Whether a headphone is plugged in (last sensed).
     *
     * @return true if present.
     */
    boolean headphonePresent()
    {
        return hpPresent;
    }

    /**
     * Whether automute mutes the speakers on a plugged headphone or line out.
     *
     * @return true if so.
     */
    boolean mutesSpeakers()
    {
        return automuteSpeaker;
    }

    /** {@code snd_hda_gen_hp_automute}. */
    private void hpAutomute()
    {
        hpPresent = detect(hpPins);
        if (!detectHp || !automuteSpeaker && !automuteLo)
        {
            return;
        }
        updateOutputs();
    }

    /** {@code snd_hda_gen_line_automute}. */
    private void lineAutomute()
    {
        if (config.pins.lineOutType == AutoPinConfig.TYPE_SPEAKER || sameFirst(linePins, hpPins))
        {
            return;
        }
        linePresent = detect(linePins);
        if (!automuteSpeaker || !detectLo)
        {
            return;
        }
        updateOutputs();
    }

    /** {@code snd_hda_gen_update_outputs}. */
    private void updateOutputs()
    {
        mute(hpPins, false);
        mute(speakerPins, automuteSpeaker && (hpPresent || linePresent));
        if (sameFirst(linePins, hpPins) || sameFirst(linePins, speakerPins))
        {
            return;
        }
        mute(linePins, automuteLo && hpPresent);
    }

    /** {@code do_automute} by pin control: muted pins get 0, unmuted ones their target; EAPD follows. */
    private void mute(final List<Integer> pins, final boolean mute)
    {
        for (final int pin : pins)
        {
            final int target = paths.target(pin);
            if ((target & PIN_IN) != 0)
            {
                continue;
            }
            paths.updatePinCtl(pin, mute ? 0 : target);
            paths.setPinEapd(pin, !mute);
        }
    }

    private static boolean sameFirst(final List<Integer> a, final List<Integer> b)
    {
        return !a.isEmpty() && !b.isEmpty() && a.get(0).equals(b.get(0));
    }

    /** {@code detect_jacks}: any of the output pins is present. */
    private boolean detect(final List<Integer> pins)
    {
        boolean present = false;
        for (final int pin : pins)
        {
            if ((paths.target(pin) & PIN_IN) != 0)
            {
                continue;
            }
            present |= jacks.present(pin);
        }
        return present;
    }
}
