package dev.azalia.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a command printed while reading a command line, for the mains' command-line tests.
 *
 * @param outcome the outcome.
 * @param out     standard output.
 * @param err     standard error.
 * @param <T>     the options.
 */
record Printed<T>(Command.Outcome<T> outcome, String out, String err)
{
    /** What a stack trace or an exception's class name looks like. */
    private static final Pattern TRACE = Pattern.compile("\\w(Exception|Error)\\b|\\tat |\\bjava\\.[a-z]");

    /**
     * Reads a command line, catching what it prints.
     *
     * @param command the command.
     * @param args    the arguments.
     * @param <T>     the options.
     * @return the outcome and the output.
     */
    static <T> Printed<T> read(final Command<T> command, final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final Command.Outcome<T> outcome = command.read(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Printed<>(outcome, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Reads a command line that must be refused, and checks how: exit status 2, nothing on standard output, one line
     * on standard error with no stack trace or exception class in it.
     *
     * @param command the command.
     * @param args    the arguments.
     * @return the line, without its line end.
     */
    static String refusal(final Command<?> command, final String... args)
    {
        final Printed<?> p = read(command, args);
        assertThat(p.outcome().runs()).as("runs").isFalse();
        assertThat(p.outcome().status()).as("exit status").isEqualTo(Command.EXIT_USAGE);
        assertThat(p.out()).as("standard output").isEmpty();
        assertThat(p.err()).as("standard error").endsWith(System.lineSeparator());
        final String line = p.err().substring(0, p.err().length() - System.lineSeparator().length());
        assertThat(line).as("standard error").doesNotContain("\n").doesNotContainPattern(TRACE);
        return line;
    }

    /**
     * Reads {@code --help} and checks how it is answered: exit status 0, nothing on standard error.
     *
     * @param command the command.
     * @return what was printed on standard output.
     */
    static String help(final Command<?> command)
    {
        final Printed<?> p = read(command, "--help");
        assertThat(p.outcome().runs()).as("runs").isFalse();
        assertThat(p.outcome().status()).as("exit status").isZero();
        assertThat(p.err()).as("standard error").isEmpty();
        return p.out();
    }
}
