package dev.azalia.driver;

import dev.azalia.sound.ControlElement;
import dev.azalia.sound.ControlInfo;
import dev.azalia.sound.ControlType;

/**
 * The generic parser's amp mixer controls ({@code snd_hda_mixer_amp_volume/switch_get/put}), both stereo, on one
 * amp of one widget: e.g. "Master Playback Volume/Switch" on the DAC's output amp, "Capture Volume/Switch" on the
 * ADC's input amp. A get is served from the codec's register cache (no verb once the amp is cached); a put changes
 * only its bits (gain 6:0 for a volume, mute bit 7 for a switch), per channel, left then right, and sends one
 * SET_AMP_GAIN_MUTE per changed channel while the codec is powered; an unchanged put sends nothing, and while the
 * codec is suspended a put only updates the cache (replayed at resume).
 *
 * <p>Called from control clients (mixer threads) through the card's gated control read/write; the codec driver
 * serialises.
 */
final class AmpControls
{
    private static final int GAIN_MASK = 0x7f;
    private static final int MUTE = 0x80;

    private AmpControls()
    {
    }

    /** A volume: two integers, 0 ... amp steps. */
    static final class Volume implements ControlElement
    {
        private final CodecDriver codec;
        private final String name;
        private final int nid;
        private final boolean output;
        private final int steps;

        Volume(final CodecDriver codec, final String name, final int nid, final boolean output, final int steps)
        {
            this.codec = codec;
            this.name = name;
            this.nid = nid;
            this.output = output;
            this.steps = steps;
        }

        @Override
        public String name()
        {
            return name;
        }

        @Override
        public ControlInfo info()
        {
            return new ControlInfo(ControlType.INTEGER, 2, 0, steps, 1);
        }

        @Override
        public void get(final long[] values)
        {
            for (int ch = 0; ch < 2; ch++)
            {
                values[ch] = codec.readAmp(nid, output, ch) & GAIN_MASK;
            }
        }

        @Override
        public boolean put(final long[] values)
        {
            boolean changed = false;
            for (int ch = 0; ch < 2; ch++)
            {
                changed |= codec.updateAmp(nid, output, ch, GAIN_MASK, (int)values[ch]);
            }
            return changed;
        }
    }

    /** A switch: two booleans, 1 = on (unmuted). */
    static final class Switch implements ControlElement
    {
        private final CodecDriver codec;
        private final String name;
        private final int nid;
        private final boolean output;

        Switch(final CodecDriver codec, final String name, final int nid, final boolean output)
        {
            this.codec = codec;
            this.name = name;
            this.nid = nid;
            this.output = output;
        }

        @Override
        public String name()
        {
            return name;
        }

        @Override
        public ControlInfo info()
        {
            return new ControlInfo(ControlType.BOOLEAN, 2, 0, 1, 1);
        }

        @Override
        public void get(final long[] values)
        {
            for (int ch = 0; ch < 2; ch++)
            {
                values[ch] = (codec.readAmp(nid, output, ch) & MUTE) != 0 ? 0 : 1;
            }
        }

        @Override
        public boolean put(final long[] values)
        {
            boolean changed = false;
            for (int ch = 0; ch < 2; ch++)
            {
                changed |= codec.updateAmp(nid, output, ch, MUTE, values[ch] == 0 ? MUTE : 0);
            }
            return changed;
        }
    }
}
