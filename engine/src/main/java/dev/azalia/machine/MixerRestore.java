package dev.azalia.machine;

import dev.azalia.sound.Card;
import dev.azalia.sound.ControlElement;

import java.util.Arrays;

/**
 * What a distribution's {@code alsactl restore} does for a fresh card at boot, as far as playback needs it: Linux's
 * generic parser leaves the output muted at gain 0 and user space restores the saved mixer.
 *
 * <p>Stateless; called once on the booting thread.
 */
final class MixerRestore
{
    private static final String[] MASTER = {"Master Playback Volume", "Master Playback Switch"};

    private MixerRestore()
    {
    }

    /**
     * Puts every channel of "Master Playback Volume" and "Master Playback Switch" at its maximum (0 dB, unmuted)
     * through the control interface; a card without them is left alone.
     *
     * @param card the registered card.
     */
    static void masterAtMaximum(final Card card)
    {
        for (final String name : MASTER)
        {
            final ControlElement c = card.control(name);
            if (null != c)
            {
                final long[] values = new long[c.info().count()];
                Arrays.fill(values, c.info().max());
                card.controlWrite(name, values);
            }
        }
    }
}
