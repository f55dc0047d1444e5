package dev.azalia.hda.codec;

import dev.azalia.hda.StreamFormat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A DacOutput that records every callback, for tests. Not thread-safe. */
final class RecordingDacOutput implements DacOutput
{
    /** Callbacks in order: "start nid format", "stop nid", "samples nid length". */
    final List<String> events = new ArrayList<>();
    /** Every sample byte received, in order. */
    final ByteArrayOutputStream samples = new ByteArrayOutputStream();
    /** The array passed to the last onSamples call. */
    byte[] lastArray;
    /** The offset passed to the last onSamples call. */
    int lastOffset;
    /** The format passed to the last onSamples call. */
    StreamFormat lastFormat;
    /** The nanos passed to the last onSamples call. */
    long lastNanos;

    @Override
    public void onSamples(final int codecAddress, final int nid, final StreamFormat format, final byte[] pcm,
        final int offset, final int length, final long nanos)
    {
        events.add("samples " + nid + " " + length);
        samples.write(pcm, offset, length);
        lastArray = pcm;
        lastOffset = offset;
        lastFormat = format;
        lastNanos = nanos;
    }

    @Override
    public void onStreamStart(final int codecAddress, final int nid, final StreamFormat format)
    {
        events.add("start " + nid + " " + format.word());
    }

    @Override
    public void onStreamStop(final int codecAddress, final int nid)
    {
        events.add("stop " + nid);
    }

    byte[] bytes()
    {
        return samples.toByteArray();
    }
}
