package dev.azalia.testbed;

/**
 * Progress of one playback, for a progress bar. Implementations are thread-safe; calls come from one thread at a
 * time (whichever drives playback) and must return quickly.
 */
public interface ProgressListener
{
    /**
     * The position moved.
     *
     * @param framesPlayed frames that reached the sink so far.
     * @param totalFrames  frames in the file, or -1 when unknown.
     * @param xruns        xruns so far.
     * @param underruns    sink underruns so far.
     */
    void onProgress(long framesPlayed, long totalFrames, long xruns, long underruns);

    /** Playback ended (normally or not); the listener releases the terminal. Called once. */
    void onFinish();

    /**
     * A listener that ignores everything (not a terminal, or {@code --quiet}).
     *
     * @return the silent listener.
     */
    static ProgressListener silent()
    {
        return SilentProgress.INSTANCE;
    }
}
