package dev.azalia.driver;

import java.util.ArrayList;
import java.util.List;

/**
 * The pins sorted by the auto-parser ({@code struct auto_pin_cfg}): at most five line outs, speakers and
 * headphones, the mono out, up to two digital outs, the digital in and the analog inputs with their labels. The
 * output lists are changed afterwards as Linux changes them (the generic parser's speaker/headphone swap while
 * choosing DACs, automute's copy of promoted outputs).
 *
 * <p>Not thread-safe: built and changed during the codec's probe only.
 */
final class AutoPinConfig
{
    /** Line-out type "line" ({@code AUTO_PIN_LINE_OUT}). */
    static final int TYPE_LINE = 0;
    /** Line-out type "speaker" ({@code AUTO_PIN_SPEAKER_OUT}): speakers promoted to line outs. */
    static final int TYPE_SPEAKER = 1;
    /** Line-out type "hp" ({@code AUTO_PIN_HP_OUT}): headphones promoted to line outs. */
    static final int TYPE_HP = 2;

    /** Input type of a mic ({@code AUTO_PIN_MIC}); the types order the inputs. */
    static final int INPUT_MIC = 0;
    /** Input type of a line in. */
    static final int INPUT_LINE_IN = 1;
    /** Input type of a CD in. */
    static final int INPUT_CD = 2;
    /** Input type of an aux in. */
    static final int INPUT_AUX = 3;

    /**
     * An analog input ({@code struct auto_pin_cfg_item}).
     *
     * @param pin      the pin.
     * @param type     {@link #INPUT_MIC} ... {@link #INPUT_AUX}.
     * @param hasBoost whether the pin has an input amp with gain steps ({@code has_boost_on_pin}).
     * @param label    the label Linux logs ({@code hda_get_autocfg_input_label}).
     */
    record Input(int pin, int type, boolean hasBoost, String label)
    {
    }

    final List<Integer> lineOuts = new ArrayList<>();
    final List<Integer> speakerOuts = new ArrayList<>();
    final List<Integer> hpOuts = new ArrayList<>();
    final List<Integer> digOuts = new ArrayList<>();
    final List<Input> inputs = new ArrayList<>();
    int lineOutType = TYPE_LINE;
    int monoOut;
    int digIn;

    /**
     * The name Linux logs for the line-out type.
     *
     * @return "line", "speaker" or "hp".
     */
    String lineOutTypeName()
    {
        return lineOutType == TYPE_HP ? "hp" : lineOutType == TYPE_SPEAKER ? "speaker" : "line";
    }

    /**
     * A copy, for trying another assignment and restoring the best one.
     *
     * @return an independent copy.
     */
    AutoPinConfig copy()
    {
        final AutoPinConfig c = new AutoPinConfig();
        c.lineOuts.addAll(lineOuts);
        c.speakerOuts.addAll(speakerOuts);
        c.hpOuts.addAll(hpOuts);
        c.digOuts.addAll(digOuts);
        c.inputs.addAll(inputs);
        c.lineOutType = lineOutType;
        c.monoOut = monoOut;
        c.digIn = digIn;
        return c;
    }

    /**
     * Makes this configuration equal to {@code other}.
     *
     * @param other the configuration to copy.
     */
    void set(final AutoPinConfig other)
    {
        lineOuts.clear();
        lineOuts.addAll(other.lineOuts);
        speakerOuts.clear();
        speakerOuts.addAll(other.speakerOuts);
        hpOuts.clear();
        hpOuts.addAll(other.hpOuts);
        lineOutType = other.lineOutType;
    }
}
