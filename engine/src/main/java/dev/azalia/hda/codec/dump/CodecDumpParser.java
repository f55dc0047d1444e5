package dev.azalia.hda.codec.dump;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Parses Linux codec dumps: raw {@code /proc/asound/cardN/codec#M} text (one or several codecs in a row, possibly
 * inside a wrapper or followed by junk) and {@code alsa-info.sh} output (any number of cards and codecs).
 *
 * <p>Tolerates what real dumps carry: older kernels' line forms (one-line PCM, flat amp values, the {@code 0x08}
 * Pincap bug, {@code Function Id:}, raw {@code Power: 0x0}, {@code EAPD: 0x0}, no {@code unsol=}), CRLF and a byte
 * order mark, squashed indentation (lines are told apart by their text, not their column), quoted-printable soft
 * breaks, column-0 vendor hook lines among the nodes, and trailing junk. Unknown lines inside a codec are skipped and
 * listed in {@link DumpFile#skippedLines()}.
 *
 * <p>What it cannot read is a {@link DumpParseException} with one line: the source name, the line number and the
 * problem. Rejected: an empty text or one without a {@code Codec:} line; a malformed number; a node cut off before
 * the lines its wcaps make mandatory (amp caps/values for each amp, {@code Pincap} and {@code Pin Default} for a pin,
 * {@code Connection:} for a widget with a connection list); a {@code Connection: N} count that disagrees with the
 * entries listed; a node listed twice; a connection to a node the codec does not have (0x00 and the function groups'
 * own ids are accepted, as real Analog Devices dumps list them; {@link #allowingMissingConnectionTargets()} accepts
 * any, for the few real dumps that name phantom nodes). Nothing else escapes: no unchecked exception for any input.
 *
 * <p>Linear in the length of the text. Immutable and thread-safe.
 */
public final class CodecDumpParser
{
    private final boolean allowMissingTargets;

    /** A strict parser: connections must name existing nodes. */
    public CodecDumpParser()
    {
        this(false);
    }

    private CodecDumpParser(final boolean allowMissingTargets)
    {
        this.allowMissingTargets = allowMissingTargets;
    }

    /** @return a parser that keeps connections to nodes the codec does not have instead of rejecting them. */
    public CodecDumpParser allowingMissingConnectionTargets()
    {
        return new CodecDumpParser(true);
    }

    /**
     * Reads and parses a file (UTF-8; bytes that are not UTF-8 become replacement characters).
     *
     * @param file the dump file; its file name is the source in messages.
     * @return the codecs in it.
     * @throws DumpParseException when the text cannot be read as a dump, or the file cannot be read (line 0).
     */
    public DumpFile parse(final Path file) throws DumpParseException
    {
        final String source = String.valueOf(null == file.getFileName() ? file : file.getFileName());
        final String text;
        try
        {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        }
        catch (final IOException | RuntimeException e)
        {
            throw new DumpParseException(source, 0, "cannot read the file: " + e.getMessage());
        }
        return parse(source, text);
    }

    /**
     * Parses a text.
     *
     * @param source the name of the text in messages (e.g. a file name).
     * @param text   the whole text.
     * @return the codecs in it.
     * @throws DumpParseException when the text cannot be read as a dump.
     */
    public DumpFile parse(final String source, final String text) throws DumpParseException
    {
        final ParseContext ctx = new ParseContext(source);
        if (text == null || text.isBlank())
        {
            throw ctx.error(1, "the text is empty: no codec dump in it");
        }
        final DumpText lines = DumpText.of(text);
        final boolean alsaInfo = isAlsaInfo(lines);
        final List<SkippedLine> skipped = new ArrayList<>();
        final List<DumpFile.Entry> entries = new ArrayList<>();
        final List<Integer> hdaCards = alsaInfo ? hdaCards(lines) : List.of();
        int group = 0;
        int previousAddress = -1;
        int i = 0;
        while (i < lines.size())
        {
            final String line = lines.line(i);
            if (!line.startsWith("Codec:"))
            {
                i++;
                continue;
            }
            final int codecLine = lines.number(i);
            final Section section = new Section(ctx, lines, skipped);
            i = section.parse(i);
            final CodecDump codec = section.codec;
            OptionalInt card = OptionalInt.empty();
            if (alsaInfo)
            {
                if (previousAddress >= 0 && codec.address() <= previousAddress)
                {
                    group++;
                }
                previousAddress = codec.address();
                card = OptionalInt.of(hdaCards.size() > group ? hdaCards.get(group) : group);
            }
            entries.add(new DumpFile.Entry(card, codecLine, codec));
        }
        if (entries.isEmpty())
        {
            throw ctx.error(1, "no codec in the text: no line starts with 'Codec:'");
        }
        return new DumpFile(alsaInfo ? DumpFile.Kind.ALSA_INFO : DumpFile.Kind.RAW, entries, skipped);
    }

    private static boolean isAlsaInfo(final DumpText lines)
    {
        for (int i = 0; i < lines.size(); i++)
        {
            final String l = lines.line(i);
            if (l.startsWith("!!ALSA Information Script") || l.startsWith("!!Soundcards recognised")
                    || l.startsWith("!!HDA-Intel Codec information"))
            {
                return true;
            }
            if (l.startsWith("Codec:"))
            {
                return false;
            }
        }
        return false;
    }

    /**
     * The card numbers of HD-Audio cards in alsa-info's {@code !!Soundcards recognised by ALSA} list, whose lines
     * read {@code  0 [PCH            ]: HDA-Intel - HDA Intel PCH}.
     */
    private static List<Integer> hdaCards(final DumpText lines)
    {
        final List<Integer> cards = new ArrayList<>();
        boolean inList = false;
        for (int i = 0; i < lines.size(); i++)
        {
            final String l = lines.line(i);
            if (l.startsWith("!!Soundcards recognised"))
            {
                inList = true;
                continue;
            }
            if (!inList)
            {
                continue;
            }
            if (l.startsWith("!!") && !l.startsWith("!!-"))
            {
                break;
            }
            final String t = l.trim();
            final int bracket = t.indexOf(" [");
            final int driver = t.indexOf("]: ");
            if (bracket <= 0 || driver < bracket || bracket > 3)
            {
                continue;
            }
            final String number = t.substring(0, bracket);
            final String rest = t.substring(driver + 3);
            if (number.chars().allMatch(Character::isDigit) && rest.toUpperCase().contains("HDA"))
            {
                cards.add(Integer.parseInt(number));
            }
        }
        return cards;
    }

    /** One codec section, from its {@code Codec:} line to the line that ends it. */
    private final class Section
    {
        private final ParseContext ctx;
        private final DumpText lines;
        private final List<SkippedLine> skipped;
        private final List<WidgetDump> widgets = new ArrayList<>();
        private final Map<Integer, Integer> connectionLines = new HashMap<>();
        private final Map<Integer, Integer> headerLines = new HashMap<>();
        private CodecDump codec;

        Section(final ParseContext ctx, final DumpText lines, final List<SkippedLine> skipped)
        {
            this.ctx = ctx;
            this.lines = lines;
            this.skipped = skipped;
        }

        /** @return the index of the first line after the section. */
        int parse(final int start) throws DumpParseException
        {
            ctx.at(lines.number(start));
            final HeaderParser header = new HeaderParser(ctx);
            NodeParser node = null;
            int lastLine = lines.number(start);
            int i = start;
            for (; i < lines.size(); i++)
            {
                final String raw = lines.line(i);
                final String t = raw.trim();
                final LineKind kind = LineKind.classify(t);
                if (i > start && ends(raw, kind))
                {
                    break;
                }
                ctx.at(lines.number(i));
                if (kind != LineKind.BLANK)
                {
                    lastLine = lines.number(i);
                }
                if (kind == LineKind.NODE)
                {
                    node = finish(node);
                    header.nodeSeen();
                    node = new NodeParser(ctx, t);
                    final Integer earlier = headerLines.putIfAbsent(node.nid(), lines.number(i));
                    if (earlier != null)
                    {
                        throw ctx.error(String.format("node 0x%02x appears twice (first at line %d)", node.nid(),
                                earlier));
                    }
                    continue;
                }
                boolean accepted = false;
                if (node != null && kind != LineKind.HOOK)
                {
                    accepted = node.accept(kind, t);
                }
                if (!accepted)
                {
                    accepted = (node == null || kind.rootLevel()) && header.accept(kind, t);
                }
                if (!accepted && kind != LineKind.BLANK)
                {
                    skipped.add(new SkippedLine(lines.number(i), raw));
                }
            }
            ctx.at(lastLine);
            finish(node);
            codec = header.build(widgets, lastLine);
            checkConnections(header.functionGroupNids());
            return i;
        }

        private NodeParser finish(final NodeParser node) throws DumpParseException
        {
            if (node != null)
            {
                widgets.add(node.finish());
                connectionLines.put(node.nid(), node.connectionLine());
            }
            return null;
        }

        /**
         * A section ends at the next {@code Codec:} or at an unindented line that is no dump line at all (a known
         * line kind in column 0 is a dump whose indentation was lost, and stays in the section).
         */
        private boolean ends(final String raw, final LineKind kind)
        {
            if (kind == LineKind.CODEC)
            {
                return true;
            }
            if (raw.isEmpty() || Character.isWhitespace(raw.charAt(0)))
            {
                return false;
            }
            return kind == LineKind.UNKNOWN;
        }

        private void checkConnections(final List<Integer> groups) throws DumpParseException
        {
            if (allowMissingTargets)
            {
                return;
            }
            final Set<Integer> known = new HashSet<>(headerLines.keySet());
            known.addAll(groups);
            known.add(0);
            for (final WidgetDump w : widgets)
            {
                for (final int target : w.connectionNids())
                {
                    if (!known.contains(target))
                    {
                        throw ctx.error(connectionLines.getOrDefault(w.nid(), 0), String.format(
                                "connection list of node 0x%02x names node 0x%02x, which the codec does not have",
                                w.nid(), target));
                    }
                }
            }
        }
    }
}
