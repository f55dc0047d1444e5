package dev.azalia.player;

import dev.azalia.testbed.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.util.Locale;

/**
 * A progress bar on the terminal (stderr): position / duration, xruns and underruns. Use only when
 * {@link System#console()} is not null and not {@code --quiet}; see {@link #forTerminal}.
 *
 * <p>Thread-safe: the methods are synchronized; the bar redraws itself from its own daemon thread.
 */
public final class TerminalProgress implements ProgressListener
{
    private final String taskName;
    private final int sampleRate;
    private ProgressBar bar;
    private long shownSecond = -1;
    private long shownXruns = -1;
    private long shownUnderruns = -1;
    private boolean finished;

    /**
     * A bar for one file.
     *
     * @param taskName   the label, usually the file name.
     * @param sampleRate frames per second, to show time.
     */
    public TerminalProgress(final String taskName, final int sampleRate)
    {
        this.taskName = taskName;
        this.sampleRate = sampleRate;
    }

    /**
     * The listener to use: a bar when stderr is an interactive terminal and not quiet, else a silent one.
     *
     * @param quiet      {@code --quiet}.
     * @param taskName   the label.
     * @param sampleRate frames per second.
     * @return the listener.
     */
    public static ProgressListener forTerminal(final boolean quiet, final String taskName, final int sampleRate)
    {
        return quiet || null == System.console() ? ProgressListener.silent()
            : new TerminalProgress(taskName, sampleRate);
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void onProgress(final long framesPlayed, final long totalFrames, final long xruns,
                                        final long underruns)
    {
        if (finished)
        {
            return;
        }
        if (null == bar)
        {
            bar = new ProgressBarBuilder().setTaskName(taskName).setInitialMax(totalFrames)
                .setUpdateIntervalMillis(250).setUnit("s", sampleRate).build();
        }
        bar.stepTo(framesPlayed);
        final long second = framesPlayed / sampleRate;
        if (second != shownSecond || xruns != shownXruns || underruns != shownUnderruns)
        {
            shownSecond = second;
            shownXruns = xruns;
            shownUnderruns = underruns;
            final String total = totalFrames < 0 ? "?" : clock(totalFrames / sampleRate);
            bar.setExtraMessage(String.format(Locale.ROOT, "%s / %s  xruns %d  underruns %d", clock(second), total,
                xruns, underruns));
        }
    }

    private static String clock(final long seconds)
    {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** {@inheritDoc} */
    @Override
    public synchronized void onFinish()
    {
        finished = true;
        if (null != bar)
        {
            bar.close();
            bar = null;
        }
    }
}
