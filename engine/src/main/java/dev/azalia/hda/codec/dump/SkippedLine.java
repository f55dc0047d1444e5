package dev.azalia.hda.codec.dump;

/**
 * A line inside a codec section the parser did not recognise and skipped.
 *
 * @param lineNumber the 1-based line number in the source.
 * @param text       the line as read (line ending removed).
 */
public record SkippedLine(int lineNumber, String text)
{
}
