package dev.azalia.pci;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Host (system) memory that devices reach by DMA: CORB/RIRB rings, BDLs, PCM buffers and the DMA position buffer
 * live here, addressed by 64-bit bus addresses, outside every BAR. Moving a BAR therefore never moves or stops
 * what a device is fetching.
 *
 * <p>One contiguous little-endian region starting at {@link #baseAddress()}, handed out by a bump allocator
 * ({@link #allocate}). Accesses outside the region are DMA errors: reads give zeros, writes vanish, and both are
 * counted ({@link #dmaErrors()}), as a master abort would.
 *
 * <p>Thread-safety: byte-array accesses are plain; ordering between a CPU writer and the device (or the reverse) is
 * established by the register or lock protocol around them (e.g. the PCM ring's pointers). The 32-bit accessors
 * with {@code Release}/{@code Acquire} in their names order themselves: the device publishes the position buffer
 * with {@link #writeIntRelease} and the driver reads it with {@link #readIntAcquire}.
 */
public final class DmaMemory
{
    /** Where host memory starts on the bus by default: 256 MiB, well below the PCI memory window. */
    public static final long DEFAULT_BASE_ADDRESS = 0x1000_0000L;

    private static final VarHandle INT_LE =
        MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE =
        MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long baseAddress;
    private final byte[] bytes;
    private long nextFree;
    private volatile long dmaErrors;

    /**
     * Host memory of {@code sizeBytes} at {@code baseAddress}.
     *
     * @param baseAddress first bus address, page aligned.
     * @param sizeBytes   size in bytes.
     */
    public DmaMemory(final long baseAddress, final int sizeBytes)
    {
        if ((baseAddress & 0xfff) != 0 || sizeBytes <= 0)
        {
            throw new IllegalArgumentException("host memory must be page aligned and not empty");
        }
        this.baseAddress = baseAddress;
        this.bytes = new byte[sizeBytes];
        this.nextFree = baseAddress;
    }

    /**
     * Host memory of {@code sizeBytes} at {@link #DEFAULT_BASE_ADDRESS}.
     *
     * @param sizeBytes size in bytes.
     */
    public DmaMemory(final int sizeBytes)
    {
        this(DEFAULT_BASE_ADDRESS, sizeBytes);
    }

    /**
     * The first bus address of host memory.
     *
     * @return the bus address.
     */
    public long baseAddress()
    {
        return baseAddress;
    }

    /**
     * The size of host memory.
     *
     * @return bytes.
     */
    public int sizeBytes()
    {
        return bytes.length;
    }

    /**
     * Allocates zeroed memory, like {@code dma_alloc_coherent}. Memory is never freed (a run allocates a few
     * pages per stream once); called at setup time, not on the real-time path.
     *
     * @param sizeBytes  bytes wanted, positive.
     * @param alignBytes alignment, a power of two (128 for CORB/RIRB/BDL, 4096 for a page).
     * @return the bus address of the block.
     * @throws IllegalStateException if host memory is exhausted.
     */
    public synchronized long allocate(final int sizeBytes, final int alignBytes)
    {
        if (sizeBytes <= 0 || Integer.bitCount(alignBytes) != 1)
        {
            throw new IllegalArgumentException("size " + sizeBytes + ", alignment " + alignBytes);
        }
        final long start = (nextFree + alignBytes - 1) & -(long)alignBytes;
        if (start + sizeBytes > baseAddress + bytes.length)
        {
            throw new IllegalStateException("host memory exhausted: " + sizeBytes + " bytes wanted");
        }
        nextFree = start + sizeBytes;
        return start;
    }

    /**
     * Whether {@code [busAddress, busAddress + length)} is inside host memory.
     *
     * @param busAddress first byte.
     * @param length     bytes.
     * @return true if every byte is backed.
     */
    public boolean contains(final long busAddress, final int length)
    {
        // Unsigned 64-bit bus addresses: one above 2^63 is negative here and below the base; the offset is compared
        // without adding, so an address near 2^63 cannot wrap into range.
        return busAddress >= baseAddress && length >= 0 && length <= bytes.length
            && busAddress - baseAddress <= bytes.length - length;
    }

    /**
     * Copies bytes out of host memory (a device's DMA read, or the CPU reading a buffer).
     *
     * @param busAddress source bus address.
     * @param dst        destination array.
     * @param dstOffset  offset in {@code dst}.
     * @param length     bytes.
     * @return true if the range was backed; false if it was a DMA error (then {@code dst} is zero-filled).
     */
    public boolean read(final long busAddress, final byte[] dst, final int dstOffset, final int length)
    {
        if (!contains(busAddress, length))
        {
            Arrays.fill(dst, dstOffset, dstOffset + length, (byte)0);
            countError();
            return false;
        }
        System.arraycopy(bytes, (int)(busAddress - baseAddress), dst, dstOffset, length);
        return true;
    }

    /**
     * Copies bytes into host memory.
     *
     * @param busAddress destination bus address.
     * @param src        source array.
     * @param srcOffset  offset in {@code src}.
     * @param length     bytes.
     * @return true if the range was backed; false if it was a DMA error (nothing written).
     */
    public boolean write(final long busAddress, final byte[] src, final int srcOffset, final int length)
    {
        if (!contains(busAddress, length))
        {
            countError();
            return false;
        }
        System.arraycopy(src, srcOffset, bytes, (int)(busAddress - baseAddress), length);
        return true;
    }

    /**
     * Reads a little-endian 32-bit word (plain).
     *
     * @param busAddress the address.
     * @return the word, or 0 on a DMA error.
     */
    public int readInt(final long busAddress)
    {
        if (!contains(busAddress, 4))
        {
            countError();
            return 0;
        }
        return (int)INT_LE.get(bytes, (int)(busAddress - baseAddress));
    }

    /**
     * Writes a little-endian 32-bit word (plain).
     *
     * @param busAddress the address.
     * @param value      the word.
     * @return true if the address was backed; false if it was a DMA error (nothing written).
     */
    public boolean writeInt(final long busAddress, final int value)
    {
        if (!contains(busAddress, 4))
        {
            countError();
            return false;
        }
        INT_LE.set(bytes, (int)(busAddress - baseAddress), value);
        return true;
    }

    /**
     * Reads a little-endian 32-bit word with acquire semantics; pairs with {@link #writeIntRelease}.
     *
     * @param busAddress the address, 4-byte aligned.
     * @return the word, or 0 on a DMA error.
     */
    public int readIntAcquire(final long busAddress)
    {
        if (!contains(busAddress, 4))
        {
            countError();
            return 0;
        }
        return (int)INT_LE.getAcquire(bytes, (int)(busAddress - baseAddress));
    }

    /**
     * Writes a little-endian 32-bit word with release semantics; pairs with {@link #readIntAcquire}.
     *
     * @param busAddress the address, 4-byte aligned.
     * @param value      the word.
     * @return true if the address was backed; false if it was a DMA error (nothing written).
     */
    public boolean writeIntRelease(final long busAddress, final int value)
    {
        if (!contains(busAddress, 4))
        {
            countError();
            return false;
        }
        INT_LE.setRelease(bytes, (int)(busAddress - baseAddress), value);
        return true;
    }

    /**
     * Reads a little-endian 16-bit word (plain).
     *
     * @param busAddress the address.
     * @return the word zero-extended, or 0 on a DMA error.
     */
    public int readShort(final long busAddress)
    {
        if (!contains(busAddress, 2))
        {
            countError();
            return 0;
        }
        return (short)SHORT_LE.get(bytes, (int)(busAddress - baseAddress)) & 0xffff;
    }

    /**
     * Writes a little-endian 16-bit word (plain).
     *
     * @param busAddress the address.
     * @param value      the word; the low 16 bits are written.
     */
    public void writeShort(final long busAddress, final int value)
    {
        if (!contains(busAddress, 2))
        {
            countError();
            return;
        }
        SHORT_LE.set(bytes, (int)(busAddress - baseAddress), (short)value);
    }

    /**
     * Reads a little-endian 64-bit word (plain).
     *
     * @param busAddress the address.
     * @return the word, or 0 on a DMA error.
     */
    public long readLong(final long busAddress)
    {
        if (!contains(busAddress, 8))
        {
            countError();
            return 0L;
        }
        return (long)LONG_LE.get(bytes, (int)(busAddress - baseAddress));
    }

    /**
     * Writes a little-endian 64-bit word (plain).
     *
     * @param busAddress the address.
     * @param value      the word.
     */
    public void writeLong(final long busAddress, final long value)
    {
        if (!contains(busAddress, 8))
        {
            countError();
            return;
        }
        LONG_LE.set(bytes, (int)(busAddress - baseAddress), value);
    }

    /**
     * How many DMA accesses fell outside host memory.
     *
     * @return the count since creation.
     */
    public long dmaErrors()
    {
        return dmaErrors;
    }

    private synchronized void countError()
    {
        dmaErrors++;
    }
}
