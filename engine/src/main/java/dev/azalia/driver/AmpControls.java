package dev.azalia.driver;

import dev.azalia.sound.ControlElement;
import dev.azalia.sound.ControlInfo;
import dev.azalia.sound.ControlType;

/**
 * The mixer controls of the output path: "Master Playback Volume" and "Master Playback Switch", both stereo, on
 * the DAC's output amp. A put issues SET_AMP_GAIN_MUTE over CORB/RIRB (unless the codec is suspended, when only
 * the cache changes); a get reads the amp back from the codec with GET_AMP_GAIN_MUTE (from the cache while the
 * codec is suspended).
 *
 * <p>Called from control clients (mixer threads) through the card's gated control read/write.
 */
final class AmpControls
{
    private AmpControls()
    {
    }

    /** "Master Playback Volume": two integers, 0 ... amp steps. */
    static final class Volume implements ControlElement
    {
        private final CodecDriver codec;

        Volume(final CodecDriver codec)
        {
            this.codec = codec;
        }

        @Override
        public String name()
        {
            return "Master Playback Volume";
        }

        @Override
        public ControlInfo info()
        {
            return new ControlInfo(ControlType.INTEGER, 2, 0, codec.ampSteps(), 1);
        }

        @Override
        public void get(final long[] values)
        {
            for (int ch = 0; ch < 2; ch++)
            {
                values[ch] = codec.suspended() ? codec.ampGain(ch) : codec.readAmp(ch) & 0x7f;
            }
        }

        @Override
        public boolean put(final long[] values)
        {
            boolean changed = false;
            for (int ch = 0; ch < 2; ch++)
            {
                changed |= codec.updateAmp(ch, (int)values[ch], codec.ampMuted(ch));
            }
            return changed;
        }
    }

    /** "Master Playback Switch": two booleans, 1 = on (unmuted). */
    static final class Switch implements ControlElement
    {
        private final CodecDriver codec;

        Switch(final CodecDriver codec)
        {
            this.codec = codec;
        }

        @Override
        public String name()
        {
            return "Master Playback Switch";
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
                final boolean muted = codec.suspended() ? codec.ampMuted(ch) : (codec.readAmp(ch) & 0x80) != 0;
                values[ch] = muted ? 0 : 1;
            }
        }

        @Override
        public boolean put(final long[] values)
        {
            boolean changed = false;
            for (int ch = 0; ch < 2; ch++)
            {
                changed |= codec.updateAmp(ch, codec.ampGain(ch), values[ch] == 0);
            }
            return changed;
        }
    }
}
