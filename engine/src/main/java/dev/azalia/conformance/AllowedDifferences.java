package dev.azalia.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The list of differences that do not fail a phase ({@link AllowedDifference}), one a line; blank lines and
 * {@code #} comments are skipped. The project's list is a resource beside this class,
 * {@value #RESOURCE}. Immutable.
 */
public final class AllowedDifferences
{
    /** The project's list, a class-path resource. */
    public static final String RESOURCE = "/dev/azalia/conformance/linux-conformance-allowed.txt";

    private static final AllowedDifferences NONE = new AllowedDifferences(List.of());

    private final List<AllowedDifference> entries;

    private AllowedDifferences(final List<AllowedDifference> entries)
    {
        this.entries = List.copyOf(entries);
    }

    /**
     * Nothing allowed: every difference counts.
     *
     * @return the empty list.
     */
    public static AllowedDifferences none()
    {
        return NONE;
    }

    /**
     * The project's list ({@value #RESOURCE}).
     *
     * @return the list.
     * @throws TraceFormatException if the resource is missing or malformed.
     */
    public static AllowedDifferences project() throws TraceFormatException
    {
        try (InputStream in = AllowedDifferences.class.getResourceAsStream(RESOURCE))
        {
            if (null == in)
            {
                throw new TraceFormatException(RESOURCE, 0, "missing from the class path");
            }
            return parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (final IOException e)
        {
            throw new TraceFormatException(RESOURCE, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a list from a file.
     *
     * @param path the file.
     * @return the list.
     * @throws TraceFormatException if it cannot be read or a line is malformed.
     */
    public static AllowedDifferences read(final Path path) throws TraceFormatException
    {
        return parse(path.toString(), String.join("\n", TraceText.lines(path)));
    }

    /**
     * Parses a list.
     *
     * @param source a name for messages.
     * @param text   the list.
     * @return the list.
     * @throws TraceFormatException if a line is malformed (too few fields, an unknown kind, a bad figure).
     */
    public static AllowedDifferences parse(final String source, final String text) throws TraceFormatException
    {
        final List<AllowedDifference> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(text)))
        {
            final List<String> lines = TraceText.lines(r);
            for (int i = 0; i < lines.size(); i++)
            {
                if (TraceText.skip(lines.get(i)))
                {
                    continue;
                }
                final String[] f = lines.get(i).strip().split("\\s+", 4);
                if (f.length < 4)
                {
                    throw new TraceFormatException(source, i + 1, "expected PHASE KIND SUBJECT REASON");
                }
                if (!AllowedDifference.KINDS.contains(f[1]))
                {
                    throw new TraceFormatException(source, i + 1, "unknown kind '" + f[1] + "' (one of "
                        + String.join(", ", AllowedDifference.KINDS.stream().sorted().toList()) + ")");
                }
                final AllowedDifference d = new AllowedDifference(f[0], f[1], f[2], f[3].strip());
                if ("similarity".equals(f[1]))
                {
                    try
                    {
                        final double min = d.minimumSimilarity();
                        if (!(min >= 0 && min <= 1))
                        {
                            throw new NumberFormatException();
                        }
                    }
                    catch (final NumberFormatException e)
                    {
                        throw new TraceFormatException(source, i + 1, "similarity needs a figure in [0, 1]: " + f[2]);
                    }
                }
                out.add(d);
            }
        }
        catch (final IOException e)
        {
            throw new TraceFormatException(source, "cannot read: " + e.getMessage(), e);
        }
        return new AllowedDifferences(out);
    }

    /**
     * The entries, in file order.
     *
     * @return the list.
     */
    public List<AllowedDifference> entries()
    {
        return entries;
    }

    /**
     * The first entry that allows a difference.
     *
     * @param phase the phase.
     * @param kind  {@code value}, {@code verb}, {@code response} or {@code repeat}.
     * @param item  the register name or the verb's {@code 0x%08x} form.
     * @return the entry, if any.
     */
    public Optional<AllowedDifference> find(final String phase, final String kind, final String item)
    {
        return entries.stream().filter(e -> e.allows(phase, kind, item)).findFirst();
    }

    /**
     * The similarity goal of a phase: the lowest minimum of the {@code similarity} entries for it, else
     * {@code goal}.
     *
     * @param phase the phase.
     * @param goal  the default goal.
     * @return the goal for the phase.
     */
    public double similarityGoal(final String phase, final double goal)
    {
        double g = goal;
        for (final AllowedDifference e : entries)
        {
            if ("similarity".equals(e.kind()) && AllowedDifference.glob(e.phase()).matcher(phase).matches())
            {
                g = Math.min(g, e.minimumSimilarity());
            }
        }
        return g;
    }
}
