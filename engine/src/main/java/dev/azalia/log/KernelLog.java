package dev.azalia.log;

import dev.azalia.time.NanoClock;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The emulated machine's kernel log: every layer (PCI core, driver, sound core) writes lines here in the form the
 * Linux kernel prints them, e.g. {@code snd_hda_intel 0000:00:1b.0: CORB reset timeout#2, CORBRP = 65535}.
 * Lines are kept in order and can be echoed live (the player's {@code --log}). Like the kernel's ring buffer the log
 * is bounded: it keeps at most the newest {@link #CAPACITY_LINES} lines, dropping the oldest a chunk of
 * {@value #CHUNK_LINES} at a time, and counts the ones it dropped. Appending never
 * copies the kept lines (they are stored in fixed-size chunks), so a line logged while a BAR moves costs the same
 * after a million lines as after ten.
 *
 * <p>Thread-safe: any thread may log. Logging allocates, so it is for events (errors, state changes), never for
 * every period.
 */
public final class KernelLog
{
    /** Message levels, as the kernel's {@code dev_err}, {@code dev_warn}, {@code dev_info}, {@code dev_dbg}. */
    public enum Level
    {
        /** {@code KERN_ERR}. */
        ERR,
        /** {@code KERN_WARNING}. */
        WARN,
        /** {@code KERN_INFO}. */
        INFO,
        /** {@code KERN_DEBUG}. */
        DEBUG
    }

    /**
     * One line of the log.
     *
     * @param timestampNanos when it was logged, on the log's clock, nanoseconds since the log was created.
     * @param level          its level.
     * @param text           the text as the kernel prints it, without timestamp: {@code "<source>: <message>"}.
     */
    public record Entry(long timestampNanos, Level level, String text)
    {
        /**
         * The line as {@code dmesg} shows it, with a {@code [seconds.micros]} timestamp.
         *
         * @return the formatted line.
         */
        public String formatted()
        {
            return String.format(Locale.ROOT, "[%5d.%06d] %s",
                timestampNanos / 1_000_000_000L, (timestampNanos / 1_000L) % 1_000_000L, text);
        }
    }

    private final NanoClock clock;
    private final long originNanos;
    /** Lines kept; older ones are dropped (and counted) first. */
    public static final int CAPACITY_LINES = 1 << 16;

    /** Lines per storage chunk; the log drops this many at once when full. */
    public static final int CHUNK_LINES = 1 << 10;

    private final ArrayDeque<Entry[]> chunks = new ArrayDeque<>();
    private int lastChunkLines = CHUNK_LINES;
    private int size;
    private long dropped;
    private volatile long errors;
    private volatile PrintStream echo;
    private volatile Level echoLevel = Level.INFO;
    private volatile Runnable deferredLines;

    /**
     * A log stamping its lines with {@code clock}.
     *
     * @param clock the clock for timestamps.
     */
    public KernelLog(final NanoClock clock)
    {
        this.clock = clock;
        this.originNanos = clock.nanoTime();
    }

    /**
     * Sets who holds lines due earlier but not yet logged: it is run (and must log them with {@link #logAt}) before
     * any other line is logged, so that the log keeps its order.
     *
     * @param flush logs the deferred lines, if any (idempotent, may be called from any thread); null for none.
     */
    public void setDeferredLines(final Runnable flush)
    {
        this.deferredLines = flush;
    }

    /**
     * Echoes every later line at or above {@code level} to {@code out} as it is logged (null stops echoing).
     *
     * @param out   where to print, or null.
     * @param level the least important level printed.
     */
    public void echoTo(final PrintStream out, final Level level)
    {
        this.echoLevel = level;
        this.echo = out;
    }

    /**
     * Logs a line {@code "<source>: <message>"}.
     *
     * @param level   the level.
     * @param source  who speaks, as the kernel names it: {@code "snd_hda_intel 0000:00:1b.0"}, {@code "pci 0000:00:1b.0"}.
     * @param message the message, without trailing newline.
     */
    public void log(final Level level, final String source, final String message)
    {
        logAt(level, clock.nanoTime(), source, message);
    }

    /**
     * Logs a line stamped with a time read earlier (a line whose numbers were kept while nothing could be formatted,
     * e.g. inside a BAR move, and formatted afterwards). Lines deferred elsewhere are logged first.
     *
     * @param level      the level.
     * @param clockNanos when the line was due, on the log's clock ({@link NanoClock#nanoTime()}).
     * @param source     who speaks.
     * @param message    the message.
     */
    public void logAt(final Level level, final long clockNanos, final String source, final String message)
    {
        final Runnable deferred = deferredLines;
        if (null != deferred)
        {
            deferred.run();
        }
        final Entry entry = new Entry(clockNanos - originNanos, level, source + ": " + message);
        synchronized (chunks)
        {
            append(entry);
            if (Level.ERR == level)
            {
                errors++;
            }
        }
        final PrintStream out = echo;
        if (null != out && level.ordinal() <= echoLevel.ordinal())
        {
            out.println(entry.formatted());
        }
    }

    /**
     * Logs at {@link Level#ERR}.
     *
     * @param source  who speaks.
     * @param message the message.
     */
    public void err(final String source, final String message)
    {
        log(Level.ERR, source, message);
    }

    /**
     * Logs at {@link Level#WARN}.
     *
     * @param source  who speaks.
     * @param message the message.
     */
    public void warn(final String source, final String message)
    {
        log(Level.WARN, source, message);
    }

    /**
     * Logs at {@link Level#INFO}.
     *
     * @param source  who speaks.
     * @param message the message.
     */
    public void info(final String source, final String message)
    {
        log(Level.INFO, source, message);
    }

    /**
     * Logs at {@link Level#DEBUG}.
     *
     * @param source  who speaks.
     * @param message the message.
     */
    public void debug(final String source, final String message)
    {
        log(Level.DEBUG, source, message);
    }

    /**
     * Lines logged at {@link Level#ERR} so far.
     *
     * @return the count.
     */
    public long errorCount()
    {
        return errors;
    }

    /**
     * A snapshot of every entry so far, in order.
     *
     * @return a copy; later lines do not appear in it.
     */
    public List<Entry> entries()
    {
        synchronized (chunks)
        {
            final List<Entry> copy = new ArrayList<>(size);
            forEachLocked(copy::add);
            return Collections.unmodifiableList(copy);
        }
    }

    /**
     * The texts of every entry so far ({@code "<source>: <message>"}), in order.
     *
     * @return a copy.
     */
    public List<String> lines()
    {
        final List<Entry> snapshot = entries();
        final List<String> texts = new ArrayList<>(snapshot.size());
        for (final Entry e : snapshot)
        {
            texts.add(e.text());
        }
        return texts;
    }

    /**
     * Whether any line so far contains {@code fragment}.
     *
     * @param fragment the text to look for.
     * @return true if some line contains it.
     */
    public boolean contains(final String fragment)
    {
        synchronized (chunks)
        {
            final boolean[] found = {false};
            forEachLocked(e -> found[0] |= e.text().contains(fragment));
            return found[0];
        }
    }

    /**
     * Lines dropped because the log was full (the oldest go first).
     *
     * @return the count.
     */
    public long droppedLines()
    {
        synchronized (chunks)
        {
            return dropped;
        }
    }

    private void append(final Entry entry)
    {
        if (CHUNK_LINES == lastChunkLines)
        {
            if (size + CHUNK_LINES > CAPACITY_LINES)
            {
                // the oldest chunk is full: the capacity spans many chunks
                chunks.removeFirst();
                size -= CHUNK_LINES;
                dropped += CHUNK_LINES;
            }
            chunks.addLast(new Entry[CHUNK_LINES]);
            lastChunkLines = 0;
        }
        chunks.peekLast()[lastChunkLines++] = entry;
        size++;
    }

    private void forEachLocked(final Consumer<Entry> action)
    {
        for (final Entry[] chunk : chunks)
        {
            final int lines = chunk == chunks.peekLast() ? lastChunkLines : CHUNK_LINES;
            for (int i = 0; i < lines; i++)
            {
                action.accept(chunk[i]);
            }
        }
    }
}
