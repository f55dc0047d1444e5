package dev.azalia.pci;

import java.util.ArrayList;
import java.util.List;

/**
 * The record of BAR moves: how many there were, and the newest {@link #CAPACITY} of them (device, BAR, old and new
 * address, time), kept as numbers in a ring so that a move records itself without allocating and the record does not
 * grow with the length of the run. The {@link BarMove} records are made when someone reads them.
 *
 * <p>Threading: written under the PCI lock; read from any thread. Guarded by this object's monitor. The ring is
 * allocated by {@link #reserve()} (outside any move window), the first time a rescan may move something.
 */
final class BarMoveHistory
{
    /** How many of the newest moves are kept. */
    static final int CAPACITY = 1 << 12;

    private PciAddress[] device;
    private int[] bar;
    private long[] oldAddress;
    private long[] newAddress;
    private long[] nanos;
    private long count;

    /** Allocates the ring if it is not yet. */
    synchronized void reserve()
    {
        if (null == device)
        {
            device = new PciAddress[CAPACITY];
            bar = new int[CAPACITY];
            oldAddress = new long[CAPACITY];
            newAddress = new long[CAPACITY];
            nanos = new long[CAPACITY];
        }
    }

    /** Records a move; allocation-free once {@link #reserve()} ran. */
    synchronized void add(final PciAddress d, final int index, final long old, final long at, final long atNanos)
    {
        reserve();
        final int i = (int)(count % CAPACITY);
        device[i] = d;
        bar[i] = index;
        oldAddress[i] = old;
        newAddress[i] = at;
        nanos[i] = atNanos;
        count++;
    }

    /** Moves recorded since the start, kept or not. */
    synchronized long count()
    {
        return count;
    }

    /** The kept moves, oldest first. */
    synchronized List<BarMove> kept()
    {
        return newest((int)Math.min(count, CAPACITY));
    }

    /** The newest {@code n} moves (at most those kept), oldest first. */
    synchronized List<BarMove> newest(final int n)
    {
        final int k = (int)Math.min(n, Math.min(count, CAPACITY));
        final List<BarMove> moves = new ArrayList<>(k);
        for (long m = count - k; m < count; m++)
        {
            final int i = (int)(m % CAPACITY);
            moves.add(new BarMove(device[i], bar[i], oldAddress[i], newAddress[i], nanos[i]));
        }
        return moves;
    }
}
