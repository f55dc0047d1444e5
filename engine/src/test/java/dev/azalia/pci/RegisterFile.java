package dev.azalia.pci;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A test device model: a little-endian byte-addressed register file, counting accesses. Thread-safe per byte.
 */
final class RegisterFile implements MmioRegion
{
    private final AtomicIntegerArray bytes;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();

    RegisterFile(final int sizeBytes)
    {
        this.bytes = new AtomicIntegerArray(sizeBytes);
    }

    @Override
    public int read(final int offset, final int widthBytes)
    {
        reads.incrementAndGet();
        int v = 0;
        for (int i = 0; i < widthBytes; i++)
        {
            v |= (bytes.get(offset + i) & 0xff) << (8 * i);
        }
        return v;
    }

    @Override
    public void write(final int offset, final int widthBytes, final int value)
    {
        writes.incrementAndGet();
        for (int i = 0; i < widthBytes; i++)
        {
            bytes.set(offset + i, (value >>> (8 * i)) & 0xff);
        }
    }

    int reads()
    {
        return reads.get();
    }

    int writes()
    {
        return writes.get();
    }
}
