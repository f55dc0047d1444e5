package dev.azalia.sound;

/**
 * How an application recovers a PCM that a write or drain found suspended ({@link Errno#ESTRPIPE}), as
 * {@code aplay}'s {@code suspend()} does: {@code snd_pcm_resume} until it no longer fails with {@link Errno#EAGAIN};
 * if it then fails ({@link Errno#ENOSYS} on hardware without resume, as Linux's {@code snd_hda_intel}),
 * {@code snd_pcm_prepare}, which drops what was buffered; the caller then goes on writing.
 *
 * <p>One difference from {@code aplay}: {@link Errno#EBADFD} (the stream is no longer suspended) means the driver
 * already resumed it itself (Azalia's full-resume extension, the {@code suspend} policy) and nothing is done.
 *
 * <p>Called on the application thread that owns the substream.
 */
public final class PcmRecovery
{
    private PcmRecovery()
    {
    }

    /**
     * Resumes the substream, or re-prepares it if it cannot resume.
     *
     * @param pcm a substream that reported {@link Errno#ESTRPIPE}.
     * @return true if it was resumed (the buffered audio plays on), false if it was re-prepared (dropped).
     * @throws SoundException from {@link PcmSubstream#prepare()} (e.g. {@link Errno#ENODEV} after a disconnect).
     */
    public static boolean resumeOrPrepare(final PcmSubstream pcm)
    {
        while (true)
        {
            try
            {
                pcm.resume();
                return true;
            }
            catch (final SoundException e)
            {
                if (Errno.EAGAIN == e.errno())
                {
                    continue;
                }
                if (Errno.EBADFD == e.errno())
                {
                    return true;
                }
                if (Errno.ENODEV == e.errno())
                {
                    throw e;
                }
                pcm.prepare();
                return false;
            }
        }
    }
}
