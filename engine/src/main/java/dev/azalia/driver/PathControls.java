package dev.azalia.driver;

import dev.azalia.sound.ControlElement;
import dev.azalia.sound.ControlInfo;
import dev.azalia.sound.ControlType;

import java.util.ArrayList;
import java.util.List;

/**
 * The generic parser's amp controls on path amps ({@code snd_hda_mixer_amp_volume/switch_get/put} and
 * {@code hda_gen_bind_mute_get/put}) and the virtual master that follows them ({@code sound/core/vmaster.c}):
 * a control sits on one amp (widget, direction, index) and one or both channels; a bind mute switches every input
 * of a mixer; a follower of the master keeps the value the user set and writes
 * {@code clamp(user + master - master max)} (volumes) or {@code user && master} (switches) to the amp.
 *
 * <p>Called from control clients through the card's gated control read/write; state is guarded by the codec
 * driver's lock (every method synchronises on it).
 */
final class PathControls
{
    private static final int GAIN_MASK = 0x7f;
    private static final int MUTE = 0x80;

    private PathControls()
    {
    }

    /** An amp control (volume or switch), optionally a follower of a virtual master. */
    static final class Amp implements ControlElement
    {
        private final CodecDriver codec;
        private final String name;
        private final int nid;
        private final boolean output;
        private final int index;
        private final int chMask;
        private final boolean volume;
        private final int maxValue;
        private final int bindCount;
        private long[] user;
        private Master master;

        /**
         * @param codec     the codec driver (its lock and register cache).
         * @param name      the control name.
         * @param ampVal    the composed amp value (NID, direction, index).
         * @param chMask    1 left, 2 right, 3 both.
         * @param volume    a volume (gain bits) or a switch (mute bit).
         * @param maxValue  the volume's number of steps (1 for a switch).
         * @param bindCount for a bind mute the mixer's input count, else 0.
         */
        Amp(final CodecDriver codec, final String name, final int ampVal, final int chMask, final boolean volume,
            final int maxValue, final int bindCount)
        {
            this.codec = codec;
            this.name = name;
            this.nid = NidPath.ampNid(ampVal);
            this.output = NidPath.ampOutput(ampVal);
            this.index = NidPath.ampIndex(ampVal);
            this.chMask = chMask;
            this.volume = volume;
            this.maxValue = maxValue;
            this.bindCount = bindCount;
        }

        @Override
        public String name()
        {
            return name;
        }

        @Override
        public ControlInfo info()
        {
            return new ControlInfo(volume ? ControlType.INTEGER : ControlType.BOOLEAN, chMask == 3 ? 2 : 1, 0,
                maxValue, 1);
        }

        @Override
        public void get(final long[] values)
        {
            synchronized (codec)
            {
                if (null != master)
                {
                    System.arraycopy(user, 0, values, 0, values.length);
                    return;
                }
                readHardware(values);
            }
        }

        @Override
        public boolean put(final long[] values)
        {
            synchronized (codec)
            {
                if (null == master)
                {
                    return writeHardware(values);
                }
                boolean changed = false;
                for (int i = 0; i < values.length; i++)
                {
                    changed |= user[i] != values[i];
                    user[i] = values[i];
                }
                apply();
                return changed;
            }
        }

        /** Makes this control follow {@code m}; its user value starts as what the amp holds. */
        void follow(final Master m)
        {
            synchronized (codec)
            {
                user = new long[chMask == 3 ? 2 : 1];
                readHardware(user);
                master = m;
            }
        }

        /** The widget. */
        int nid()
        {
            return nid;
        }

        /** Output amp (true) or input amp. */
        boolean output()
        {
            return output;
        }

        /** The amp's maximum (volumes) or 1 (switches). */
        int maxValue()
        {
            return maxValue;
        }

        /** {@code init_follower_0dB}/{@code init_follower_unmute}: the user value at 0 dB, or on. */
        void initFollower(final int zeroDbStep)
        {
            synchronized (codec)
            {
                for (int i = 0; i < user.length; i++)
                {
                    user[i] = volume ? zeroDbStep : 1;
                }
                apply();
            }
        }

        /** Writes the effective value (user value through the master) to the amp. */
        void apply()
        {
            final long[] eff = new long[user.length];
            for (int i = 0; i < user.length; i++)
            {
                if (volume)
                {
                    final long v = user[i] + master.value - master.max;
                    eff[i] = Math.max(0, Math.min(maxValue, v));
                }
                else
                {
                    eff[i] = master.value == 0 ? 0 : user[i];
                }
            }
            writeHardware(eff);
        }

        private void readHardware(final long[] values)
        {
            int i = 0;
            for (int ch = 0; ch < 2; ch++)
            {
                if ((chMask & 1 << ch) == 0)
                {
                    continue;
                }
                final int v = codec.readAmp(nid, output, ch, index);
                values[i++] = volume ? v & GAIN_MASK : (v & MUTE) != 0 ? 0 : 1;
            }
        }

        private boolean writeHardware(final long[] values)
        {
            boolean changed = false;
            final int indices = bindCount > 0 ? bindCount : 1;
            for (int idx = 0; idx < indices; idx++)
            {
                final int ampIndex = bindCount > 0 ? idx : index;
                int i = 0;
                for (int ch = 0; ch < 2; ch++)
                {
                    if ((chMask & 1 << ch) == 0)
                    {
                        continue;
                    }
                    final long v = values[i++];
                    changed |= volume ? codec.updateAmp(nid, output, ch, ampIndex, GAIN_MASK, (int)v)
                        : codec.updateAmp(nid, output, ch, ampIndex, MUTE, v == 0 ? MUTE : 0);
                }
            }
            return changed;
        }
    }

    /** A virtual master ({@code snd_ctl_make_virtual_master}): one value, the first follower's range. */
    static final class Master implements ControlElement
    {
        private final CodecDriver codec;
        private final String name;
        private final boolean volume;
        private final List<Amp> followers = new ArrayList<>();
        private int max;
        private int value;

        /**
         * @param codec  the codec driver (its lock).
         * @param name   "Master Playback Volume" or "Master Playback Switch".
         * @param volume a volume master or a switch master.
         */
        Master(final CodecDriver codec, final String name, final boolean volume)
        {
            this.codec = codec;
            this.name = name;
            this.volume = volume;
            this.max = 1;
        }

        /** Adds a follower ({@code snd_ctl_add_follower}); the first one gives the range. */
        void add(final Amp follower)
        {
            if (followers.isEmpty())
            {
                max = follower.maxValue();
            }
            follower.follow(this);
            followers.add(follower);
        }

        /** Whether any control follows. */
        boolean hasFollowers()
        {
            return !followers.isEmpty();
        }

        /**
         * {@code __snd_hda_add_vmaster}'s start: the master at 0 (silent/off), then every follower at 0 dB (its
         * step {@code zeroDbStep(follower)}) or on.
         *
         * @param zeroDbSteps each follower's 0 dB step, in follower order (ignored for switches).
         */
        void initialise(final int[] zeroDbSteps)
        {
            synchronized (codec)
            {
                value = 0;
                for (final Amp f : followers)
                {
                    f.apply();
                }
                for (int i = 0; i < followers.size(); i++)
                {
                    followers.get(i).initFollower(zeroDbSteps[i]);
                }
            }
        }

        @Override
        public String name()
        {
            return name;
        }

        @Override
        public ControlInfo info()
        {
            return new ControlInfo(volume ? ControlType.INTEGER : ControlType.BOOLEAN, 1, 0, max, 1);
        }

        @Override
        public void get(final long[] values)
        {
            synchronized (codec)
            {
                values[0] = value;
            }
        }

        @Override
        public boolean put(final long[] values)
        {
            synchronized (codec)
            {
                if (values[0] == value)
                {
                    return false;
                }
                value = (int)values[0];
                for (final Amp f : followers)
                {
                    f.apply();
                }
                return true;
            }
        }
    }
}
