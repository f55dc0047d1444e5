package dev.azalia.hda.codec;

import java.util.ArrayList;
import java.util.List;

/** A CodecBus that records unsolicited responses, for tests. Thread-safe. */
final class RecordingCodecBus implements CodecBus
{
    private final List<long[]> responses = new ArrayList<>();

    @Override
    public synchronized void unsolicited(final int codecAddress, final int response)
    {
        responses.add(new long[] {codecAddress, response});
    }

    synchronized List<long[]> responses()
    {
        return new ArrayList<>(responses);
    }
}
