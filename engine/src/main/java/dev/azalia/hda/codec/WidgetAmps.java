package dev.azalia.hda.codec;

/**
 * SET/GET_AMP_GAIN_MUTE on a widget's amps (index 0 of the input amp only). Stateless; the caller holds the codec's
 * lock.
 */
final class WidgetAmps
{
    private WidgetAmps()
    {
    }

    static void set(final CodecWidget w, final int payload)
    {
        final int gain = payload & Verbs.AMP_GAIN_MASK;
        final boolean mute = (payload & Verbs.AMP_MUTE) != 0;
        final boolean left = (payload & Verbs.AMP_SET_LEFT) != 0;
        final boolean right = (payload & Verbs.AMP_SET_RIGHT) != 0;
        if ((payload & Verbs.AMP_SET_OUTPUT) != 0 && w.ampOutCaps != 0)
        {
            setChannels(w.outGain, w.outMute, left, right, gain, mute);
        }
        final int index = (payload >>> Verbs.AMP_SET_INDEX_SHIFT) & 0xf;
        if ((payload & Verbs.AMP_SET_INPUT) != 0 && w.ampInCaps != 0 && index == 0)
        {
            setChannels(w.inGain, w.inMute, left, right, gain, mute);
        }
    }

    static int get(final CodecWidget w, final int payload)
    {
        final int ch = (payload & Verbs.AMP_GET_LEFT) != 0 ? 0 : 1;
        if ((payload & Verbs.AMP_GET_OUTPUT) != 0)
        {
            return w.ampOutCaps == 0 ? 0 : w.outGain[ch] | (w.outMute[ch] ? Verbs.AMP_MUTE : 0);
        }
        if (w.ampInCaps == 0 || (payload & 0xf) != 0)
        {
            return 0;
        }
        return w.inGain[ch] | (w.inMute[ch] ? Verbs.AMP_MUTE : 0);
    }

    private static void setChannels(final int[] gains, final boolean[] mutes, final boolean left, final boolean right,
        final int gain, final boolean mute)
    {
        if (left)
        {
            gains[0] = gain;
            mutes[0] = mute;
        }
        if (right)
        {
            gains[1] = gain;
            mutes[1] = mute;
        }
    }
}
