package dev.azalia.bench;

import java.io.PrintStream;
import java.util.List;

/**
 * A benchmark main's command line: its name, its usage and its parse step, and what every main does with them.
 * {@code --help} or {@code -h} prints the usage on standard output (exit status {@value #EXIT_OK}); a mistake
 * ({@link UsageException}) prints one line, {@code NAME: what is wrong; usage: SYNOPSIS}, on standard error (exit
 * status {@value #EXIT_USAGE}): never a stack trace. {@link #read} does it without exiting, for tests;
 * {@link #readOrExit} is what a {@code main} calls. Immutable and thread-safe.
 *
 * @param <T> the options the parse step returns.
 */
final class Command<T>
{
    /** Exit status after {@code --help}. */
    static final int EXIT_OK = 0;
    /** Exit status for a mistake on the command line: an unknown option, a bad value, a missing file. */
    static final int EXIT_USAGE = 2;
    /** Exit status when an input given on the command line turns out, at run time, not to be usable. */
    static final int EXIT_INPUT = 3;

    private final String name;
    private final Parser<T> parser;
    private final String synopsis;
    private final List<String> details;

    /**
     * A main's parse step: the options, or the mistake.
     *
     * @param <O> the options.
     */
    @FunctionalInterface
    interface Parser<O>
    {
        /**
         * Parses a command line that does not ask for help.
         *
         * @param args the arguments.
         * @return the options.
         * @throws UsageException on a mistake, with its one-line message.
         */
        O parse(String... args) throws UsageException;
    }

    /**
     * What reading a command line gave: the options to run with, or the status to exit with.
     *
     * @param options the options, or null when the main must exit.
     * @param status  the exit status when {@code options} is null.
     * @param <O>     the options' type.
     */
    record Outcome<O>(O options, int status)
    {
        /**
         * Whether the main goes on and runs.
         *
         * @return true when there are options.
         */
        boolean runs()
        {
            return null != options;
        }
    }

    /**
     * A command line.
     *
     * @param name     the main's simple name, the prefix of every error line.
     * @param parser   its parse step.
     * @param synopsis one line, {@code "usage: NAME [--option VALUE]... [FILE]"}, printed after a mistake too.
     * @param details  the lines after the synopsis in {@code --help}: every option with its default.
     */
    Command(final String name, final Parser<T> parser, final String synopsis, final String... details)
    {
        this.name = name;
        this.parser = parser;
        this.synopsis = synopsis;
        this.details = List.of(details);
    }

    /**
     * The usage {@code --help} prints.
     *
     * @return the synopsis and the details, one per line, without a final line end.
     */
    String help()
    {
        return details.isEmpty() ? synopsis : synopsis + System.lineSeparator()
            + String.join(System.lineSeparator(), details);
    }

    /**
     * Reads a command line, printing the usage or the mistake.
     *
     * @param args the arguments.
     * @param out  where {@code --help} prints the usage.
     * @param err  where a mistake prints its line.
     * @return the options, or the exit status when there are none.
     */
    Outcome<T> read(final String[] args, final PrintStream out, final PrintStream err)
    {
        if (Arguments.asksForHelp(args))
        {
            out.println(help());
            return new Outcome<>(null, EXIT_OK);
        }
        try
        {
            return new Outcome<>(parser.parse(args), EXIT_OK);
        }
        catch (final UsageException e)
        {
            return new Outcome<>(null, refuse(e, err));
        }
    }

    /**
     * Reads a command line; after {@code --help} or a mistake, exits.
     *
     * @param args the arguments.
     * @return the options.
     */
    T readOrExit(final String[] args)
    {
        final Outcome<T> outcome = read(args, System.out, System.err);
        if (!outcome.runs())
        {
            System.exit(outcome.status());
        }
        return outcome.options();
    }

    /**
     * Prints a mistake's line: {@code NAME: what is wrong; usage: ...}.
     *
     * @param mistake the mistake, found by the parse step or later.
     * @param err     where to print.
     * @return {@link #EXIT_USAGE}.
     */
    int refuse(final UsageException mistake, final PrintStream err)
    {
        err.println(name + ": " + mistake.getMessage() + "; " + synopsis);
        return EXIT_USAGE;
    }

    /**
     * Prints a mistake's line and exits with {@link #EXIT_USAGE}: for a mistake found after the parse step.
     *
     * @param mistake the mistake.
     */
    void refuseAndExit(final UsageException mistake)
    {
        System.exit(refuse(mistake, System.err));
    }

    /**
     * Prints one line, {@code NAME: message}, on standard error and exits: for an input found unusable at run time.
     *
     * @param status  the exit status, documented by the main.
     * @param message what is wrong, on one line.
     */
    void failAndExit(final int status, final String message)
    {
        final String line = null == message ? "failed without a message" : message.replace('\n', ' ');
        System.err.println(name + ": " + line);
        System.exit(status);
    }
}
