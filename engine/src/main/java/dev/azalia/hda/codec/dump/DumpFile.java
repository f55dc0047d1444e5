package dev.azalia.hda.codec.dump;

import java.util.List;
import java.util.OptionalInt;

/**
 * Everything a dump file holds: its codecs in file order and the lines inside codec sections the parser skipped.
 *
 * @param kind         what the file is.
 * @param codecs       the codecs in file order.
 * @param skippedLines lines inside codec sections that were not recognised (skipped, not fatal).
 */
public record DumpFile(Kind kind, List<Entry> codecs, List<SkippedLine> skippedLines)
{
    /** Copies the lists. */
    public DumpFile
    {
        codecs = List.copyOf(codecs);
        skippedLines = List.copyOf(skippedLines);
    }

    /** The kind of text. */
    public enum Kind
    {
        /** One or more {@code codec#N} files in a row (possibly with a wrapper or trailing junk). */
        RAW,
        /** {@code alsa-info.sh} output. */
        ALSA_INFO
    }

    /**
     * One codec and where it sits.
     *
     * @param card       the ALSA card number for alsa-info output (from its {@code Soundcards recognised} list
     *                   when it names enough HD-Audio cards, otherwise the controller's ordinal in the file);
     *                   empty for raw dumps.
     * @param lineNumber the line of its {@code Codec:} line.
     * @param codec      the codec.
     */
    public record Entry(OptionalInt card, int lineNumber, CodecDump codec)
    {
    }

    /** @return the codecs alone, in file order. */
    public List<CodecDump> codecList()
    {
        return codecs.stream().map(Entry::codec).toList();
    }
}
