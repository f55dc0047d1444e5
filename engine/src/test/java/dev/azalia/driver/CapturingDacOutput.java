package dev.azalia.driver;

import dev.azalia.hda.StreamFormat;
import dev.azalia.hda.codec.DacOutput;

import java.io.ByteArrayOutputStream;

/**
 * A DAC output that keeps every byte, for bit-exact comparisons in tests.
 */
final class CapturingDacOutput implements DacOutput
{
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int starts;
    private int stops;

    @Override
    public synchronized void onSamples(final int codecAddress, final int nid, final StreamFormat format,
        final byte[] pcm, final int offset, final int length, final long nanos)
    {
        bytes.write(pcm, offset, length);
    }

    @Override
    public synchronized void onStreamStart(final int codecAddress, final int nid, final StreamFormat format)
    {
        starts++;
    }

    @Override
    public synchronized void onStreamStop(final int codecAddress, final int nid)
    {
        stops++;
    }

    synchronized byte[] bytes()
    {
        return bytes.toByteArray();
    }

    synchronized int starts()
    {
        return starts;
    }
}
