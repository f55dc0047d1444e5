/**
 * Linux codec dumps ({@code /proc/asound/cardN/codec#M}, raw or inside {@code alsa-info.sh} output) as pure data:
 * the immutable description ({@link dev.azalia.hda.codec.dump.DumpFile}, {@link dev.azalia.hda.codec.dump.CodecDump},
 * {@link dev.azalia.hda.codec.dump.WidgetDump}), the tolerant parser
 * ({@link dev.azalia.hda.codec.dump.CodecDumpParser}) and the writer that prints a description in the current Linux
 * format ({@link dev.azalia.hda.codec.dump.CodecDumpWriter}). Depends only on the JDK.
 *
 * <p>Raw values are kept as the verbs and parameters return them (wcaps, pin caps, default config, amp caps, ...), so
 * nothing the text carries is lost; the words the kernel prints beside a hex value are ignored when parsing and
 * re-derived when writing. A line the dump does not have is an empty {@code Optional}. The records are immutable
 * (their lists are copies) and thread-safe; the parser and writer keep no state between calls.
 */
package dev.azalia.hda.codec.dump;
