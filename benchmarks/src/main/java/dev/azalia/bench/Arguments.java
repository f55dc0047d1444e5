package dev.azalia.bench;

import dev.azalia.driver.AzxPcmOps;
import dev.azalia.sound.PcmHardware;
import dev.azalia.testbed.Durations;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads a benchmark main's command line for its parse step, one argument at a time: options and their values,
 * operands (file names, counts), and the checks every main makes (a number, a range, a file that is there). Every
 * mistake is a {@link UsageException} whose message is one line naming the option and the value, e.g.
 * {@code "--seconds must be positive: 0"}; {@link Command} prints it.
 *
 * <p>An argument is an option when it starts with {@code -}, is longer than that and is not a number: {@code -1} is
 * a value (refused by the range check that follows), {@code --sconds} an unknown option, never a file name.
 * {@code --help} and {@code -h} anywhere ask for the usage ({@link #asksForHelp}). Not thread-safe: one parse step
 * reads it.
 */
final class Arguments
{
    /** Bytes of a frame on the controller: the testbed plays 16-bit stereo, converting the file if need be. */
    private static final int FRAME_BYTES = 4;
    /** The longest real-clock run or row a benchmark takes: an hour. */
    static final long MAX_RUN_SECONDS = 3600;

    private final String[] args;
    private int next;

    /**
     * Reads the given arguments.
     *
     * @param args the command line, as {@code main} got it.
     */
    Arguments(final String... args)
    {
        this.args = args.clone();
    }

    /**
     * Whether the command line asks for the usage.
     *
     * @param args the command line.
     * @return true when an argument is {@code --help} or {@code -h}.
     */
    static boolean asksForHelp(final String... args)
    {
        for (final String arg : args)
        {
            if ("--help".equals(arg) || "-h".equals(arg))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an argument is an option rather than a value or an operand.
     *
     * @param arg the argument.
     * @return true when it starts with {@code -}, is longer than that and is not a number.
     */
    static boolean isOption(final String arg)
    {
        return arg.length() > 1 && '-' == arg.charAt(0) && !isNumber(arg);
    }

    /**
     * Whether arguments are left.
     *
     * @return true when {@link #next()} has one.
     */
    boolean hasNext()
    {
        return next < args.length;
    }

    /**
     * Takes the next argument.
     *
     * @return the argument, as given.
     * @throws IllegalStateException when none is left (check {@link #hasNext()}).
     */
    String next()
    {
        if (!hasNext())
        {
            throw new IllegalStateException("no argument left");
        }
        return args[next++];
    }

    /**
     * Takes the value of an option just taken.
     *
     * @param option the option, e.g. {@code "--seconds"}.
     * @return the next argument.
     * @throws UsageException when there is none, or when the next argument is an option.
     */
    String value(final String option) throws UsageException
    {
        if (!hasNext() || isOption(args[next]))
        {
            throw new UsageException(option + " needs a value");
        }
        return args[next++];
    }

    /**
     * Takes an option's value as a positive number no larger than {@code max}.
     *
     * @param option the option.
     * @param max    the largest value taken.
     * @param why    what the limit protects, for the message, e.g. "the audio is decoded into memory first".
     * @return the number.
     * @throws UsageException when the value is missing, not a number, not positive or larger than {@code max}.
     */
    double positiveNumber(final String option, final double max, final String why) throws UsageException
    {
        final String text = value(option);
        return atMost(option, positiveNumber(option, text), max, why, text);
    }

    /**
     * Takes an option's value as a finite number from zero to {@code max}.
     *
     * @param option the option.
     * @param max    the largest value taken.
     * @param why    what the limit protects, for the message.
     * @return the number.
     * @throws UsageException when the value is missing, not a number, negative or larger than {@code max}.
     */
    double nonNegativeNumber(final String option, final double max, final String why) throws UsageException
    {
        final String text = value(option);
        final double v = number(option, text);
        if (v < 0)
        {
            throw new UsageException(option + " must be 0 or more: " + text);
        }
        return atMost(option, v, max, why, text);
    }

    private static double atMost(final String what, final double value, final double max, final String why,
        final String text) throws UsageException
    {
        if (value > max)
        {
            throw new UsageException(what + " must be at most " + (long)max + " (" + why + "): " + text);
        }
        return value;
    }

    /**
     * Takes an option's value as a whole number of at least {@code min}.
     *
     * @param option the option.
     * @param min    the smallest value taken.
     * @return the number.
     * @throws UsageException when the value is missing, not a whole number or less than {@code min}.
     */
    int integer(final String option, final int min) throws UsageException
    {
        return integer(option, value(option), min);
    }

    /**
     * Takes an option's value as a whole number whose range is checked after.
     *
     * @param option the option.
     * @return the number.
     * @throws UsageException when the value is missing or not a whole number.
     */
    int wholeNumber(final String option) throws UsageException
    {
        return wholeNumber(option, value(option));
    }

    /**
     * Takes an option's value as a positive duration ({@link Durations#parse}: {@code 10ms}, {@code 500us},
     * {@code 1s}...).
     *
     * @param option the option.
     * @return the duration.
     * @throws UsageException when the value is missing, not a duration or not positive.
     */
    Duration positiveDuration(final String option) throws UsageException
    {
        final String text = value(option);
        final Duration d;
        try
        {
            d = Durations.parse(text);
        }
        catch (final IllegalArgumentException e)
        {
            throw new UsageException(option + ": " + e.getMessage());
        }
        if (d.isNegative() || d.isZero())
        {
            throw new UsageException(option + " must be a positive duration: " + text);
        }
        return d;
    }

    /**
     * Checks that an argument is an operand, not an option.
     *
     * @param arg the argument just taken.
     * @return the argument.
     * @throws UsageException when it is an option (every option a main knows is matched before this).
     */
    static String operand(final String arg) throws UsageException
    {
        if (isOption(arg))
        {
            throw new UsageException("unknown option " + arg);
        }
        return arg;
    }

    /**
     * Checks an operand that may be given once.
     *
     * @param what     the operand, for the message, e.g. {@code "FILE"}.
     * @param previous the operand given before, or null.
     * @param arg      the argument just taken.
     * @return the argument.
     * @throws UsageException when it is an option, or when the operand was given before.
     */
    static String single(final String what, final String previous, final String arg) throws UsageException
    {
        final String operand = operand(arg);
        if (null != previous)
        {
            throw new UsageException("one " + what + " only, not " + previous + " and " + operand);
        }
        return operand;
    }

    /**
     * Parses a finite number greater than zero.
     *
     * @param what the option or operand, for the message.
     * @param text the text.
     * @return the number.
     * @throws UsageException when not a number or not positive.
     */
    static double positiveNumber(final String what, final String text) throws UsageException
    {
        final double v = number(what, text);
        if (!(v > 0))
        {
            throw new UsageException(what + " must be positive: " + text);
        }
        return v;
    }

    /**
     * Parses a finite number.
     *
     * @param what the option or operand, for the message.
     * @param text the text.
     * @return the number.
     * @throws UsageException when not a finite number.
     */
    static double number(final String what, final String text) throws UsageException
    {
        final double v;
        try
        {
            v = Double.parseDouble(text);
        }
        catch (final NumberFormatException e)
        {
            throw new UsageException(what + " must be a number: " + text);
        }
        if (!Double.isFinite(v))
        {
            throw new UsageException(what + " must be a finite number: " + text);
        }
        return v;
    }

    /**
     * Parses a whole number of at least {@code min}.
     *
     * @param what the option or operand, for the message.
     * @param text the text.
     * @param min  the smallest value taken.
     * @return the number.
     * @throws UsageException when not a whole number (or beyond an {@code int}) or less than {@code min}.
     */
    static int integer(final String what, final String text, final int min) throws UsageException
    {
        final int v = wholeNumber(what, text);
        if (v < min)
        {
            throw new UsageException(what + " must be at least " + min + ": " + text);
        }
        return v;
    }

    /**
     * Parses a whole number in [{@code min}, {@code max}].
     *
     * @param what the option or operand, for the message.
     * @param text the text.
     * @param min  the smallest value taken.
     * @param max  the largest value taken.
     * @return the number.
     * @throws UsageException when not a whole number or outside the range.
     */
    static int integer(final String what, final String text, final int min, final int max) throws UsageException
    {
        final int v = integer(what, text, min);
        if (v > max)
        {
            throw new UsageException(what + " must be at most " + max + ": " + text);
        }
        return v;
    }

    /**
     * Parses a whole number, for a value whose range is checked after (e.g. by {@link #checkBuffer}).
     *
     * @param what the option or operand, for the message.
     * @param text the text.
     * @return the number.
     * @throws UsageException when not a whole number, or beyond an {@code int}.
     */
    static int wholeNumber(final String what, final String text) throws UsageException
    {
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException e)
        {
            final String wrong = text.matches("\\+?\\d+") ? " is too large: "
                : text.matches("-\\d+") ? " is too small: " : " must be a whole number: ";
            throw new UsageException(what + wrong + text);
        }
    }

    /**
     * Finds a sample ({@link Samples#resolve}: a path, or a name in the samples directory) that can be read.
     *
     * @param text the file name or path.
     * @return the sample's path.
     * @throws UsageException when it is nowhere to be found or cannot be read.
     */
    static Path sample(final String text) throws UsageException
    {
        final Path path;
        try
        {
            path = Samples.resolve(text);
        }
        catch (final IllegalArgumentException e)
        {
            throw new UsageException(e.getMessage());
        }
        if (!Files.isReadable(path))
        {
            throw new UsageException(path + ": cannot be read");
        }
        return path;
    }

    /**
     * Checks that a file is there and can be read.
     *
     * @param what the option or operand, for the message, e.g. {@code "--jar"} or {@code "FILE"}.
     * @param text the path as given.
     * @return the path.
     * @throws UsageException when it is not a valid path, not there, a directory, or cannot be read.
     */
    static Path readableFile(final String what, final String text) throws UsageException
    {
        final Path path;
        try
        {
            path = Path.of(text);
        }
        catch (final InvalidPathException e)
        {
            throw new UsageException(what + ": not a valid path: " + e.getMessage());
        }
        if (Files.isDirectory(path))
        {
            throw new UsageException(what + ": " + text + " is a directory");
        }
        if (!Files.exists(path))
        {
            throw new UsageException(what + ": no such file: " + text);
        }
        if (!Files.isReadable(path))
        {
            throw new UsageException(what + ": " + text + " cannot be read");
        }
        return path;
    }

    /**
     * Checks a stream buffer against what the controller's PCM takes ({@link AzxPcmOps#HARDWARE}, in frames of the
     * 16-bit stereo the testbed plays), so that a buffer it would refuse in {@code hw_params} is refused here.
     *
     * @param periodsWhat  the option giving the periods, for the message, e.g. {@code "--periods"}.
     * @param periods      periods in the buffer.
     * @param periodWhat   the option giving the period, e.g. {@code "--period"} (the same for {@code 4x256}).
     * @param periodFrames frames per period.
     * @throws UsageException when the period, the number of periods or the whole buffer is out of range.
     */
    static void checkBuffer(final String periodsWhat, final int periods, final String periodWhat,
        final int periodFrames) throws UsageException
    {
        final PcmHardware hw = AzxPcmOps.HARDWARE;
        final int minFrames = hw.periodBytesMin() / FRAME_BYTES;
        final int maxFrames = hw.periodBytesMax() / FRAME_BYTES;
        if (periodFrames < minFrames || periodFrames > maxFrames)
        {
            throw new UsageException(String.format(Locale.ROOT, "%s: a period must be from %d to %d frames: %d",
                periodWhat, minFrames, maxFrames, periodFrames));
        }
        if (periods < hw.periodsMin() || periods > hw.periodsMax())
        {
            throw new UsageException(String.format(Locale.ROOT, "%s: a buffer must have from %d to %d periods: %d",
                periodsWhat, hw.periodsMin(), hw.periodsMax(), periods));
        }
        final long frames = (long)periods * periodFrames;
        if (frames > hw.bufferBytesMax() / FRAME_BYTES)
        {
            throw new UsageException(String.format(Locale.ROOT, "%s: %d x %d frames is more than the controller's"
                + " buffer of %d frames", periodsWhat.equals(periodWhat) ? periodWhat : periodWhat + " x "
                + periodsWhat, periods, periodFrames, hw.bufferBytesMax() / FRAME_BYTES));
        }
    }

    private static boolean isNumber(final String text)
    {
        try
        {
            Double.parseDouble(text);
            return true;
        }
        catch (final NumberFormatException e)
        {
            return false;
        }
    }
}
