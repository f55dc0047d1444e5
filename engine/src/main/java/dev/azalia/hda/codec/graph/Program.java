package dev.azalia.hda.codec.graph;

import java.util.Arrays;

/**
 * The routing of one output channel of a pin, compiled from the widget graph: a post-order list of nodes, each a
 * stream channel ({@link #SOURCE}) or a mixer summing the values of the nodes before it ({@link #MIX}), each with the
 * multiplier of the path from its output to the next summing point (or to the pin). The last node is the pin's
 * signal; an empty program is silence.
 *
 * <p>Values are signed samples at the stream's significant bits. A mixer saturates its sum to the sample range
 * before its multiplier; the pin saturates the result.
 *
 * <p>Threading: owned by one {@link PinSignal}; built and evaluated on the link clock thread. Arrays grow while
 * building and are reused, so evaluation allocates nothing.
 */
final class Program
{
    /** A node that reads one stream channel. */
    static final int SOURCE = 0;
    /** A node that sums the preceding {@code arg} node values. */
    static final int MIX = 1;

    private int length;
    private int[] ops = new int[8];
    private int[] args = new int[8];
    private int[] quarterDbs = new int[8];
    private long[] multipliers = new long[8];
    private long[] stack = new long[8];

    /** Empties the program. */
    void clear()
    {
        length = 0;
    }

    /**
     * Appends a node.
     *
     * @param op        {@link #SOURCE} or {@link #MIX}.
     * @param arg       the stream channel of a source, the child count of a mix.
     * @param quarterDb the level from the node's output to the next summing point.
     */
    void add(final int op, final int arg, final int quarterDb)
    {
        if (length == ops.length)
        {
            final int grown = length * 2;
            ops = Arrays.copyOf(ops, grown);
            args = Arrays.copyOf(args, grown);
            quarterDbs = Arrays.copyOf(quarterDbs, grown);
            multipliers = Arrays.copyOf(multipliers, grown);
            stack = Arrays.copyOf(stack, grown);
        }
        ops[length] = op;
        args[length] = arg;
        quarterDbs[length] = quarterDb;
        length++;
    }

    /**
     * The number of nodes.
     *
     * @return 0 for silence.
     */
    int length()
    {
        return length;
    }

    /**
     * The level of the last node.
     *
     * @return quarter decibels.
     */
    int lastQuarterDb()
    {
        return quarterDbs[length - 1];
    }

    /**
     * Adds to the level of the last node (a mixer with one input folded into it).
     *
     * @param quarterDb quarter decibels to add.
     */
    void addToLast(final int quarterDb)
    {
        quarterDbs[length - 1] += quarterDb;
    }

    /** Computes the multipliers of the nodes' levels; call once after the last {@link #add}. */
    void finish()
    {
        for (int i = 0; i < length; i++)
        {
            multipliers[i] = Gain.multiplier(quarterDbs[i]);
        }
    }

    /**
     * Whether the program is one stream channel at 0 dB.
     *
     * @param channel the stream channel.
     * @return true when the pin's channel is exactly that stream channel.
     */
    boolean isPlainSource(final int channel)
    {
        return length == 1 && ops[0] == SOURCE && args[0] == channel && multipliers[0] == Gain.UNITY;
    }

    /**
     * Evaluates the program for one frame.
     *
     * @param data          the stream's bytes.
     * @param frameOffset   the first byte of the frame.
     * @param container     bytes per sample: 1, 2 or 4.
     * @param pad           unused low bits of a 4-byte container.
     * @param magnitudeBits significant bits minus the sign bit.
     * @return the pin's sample, saturated.
     */
    long evaluate(final byte[] data, final int frameOffset, final int container, final int pad,
        final int magnitudeBits)
    {
        int top = 0;
        for (int i = 0; i < length; i++)
        {
            long value;
            if (ops[i] == SOURCE)
            {
                value = Pcm.read(data, frameOffset + args[i] * container, container, pad);
            }
            else
            {
                long sum = 0;
                for (int k = args[i]; k > 0; k--)
                {
                    sum += stack[--top];
                }
                value = Gain.clip(sum, magnitudeBits);
            }
            final long m = multipliers[i];
            stack[top++] = m == Gain.UNITY ? value : Gain.scale(value, m);
        }
        return Gain.clip(stack[0], magnitudeBits);
    }

    /**
     * A readable form for diagnostics and test failures, e.g. {@code [src 0 +0, src 2 -24, mix 2 +0]}.
     *
     * @return the description.
     */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < length; i++)
        {
            if (i > 0)
            {
                text.append(", ");
            }
            text.append(ops[i] == SOURCE ? "src " : "mix ").append(args[i]).append(' ')
                .append(quarterDbs[i] >= 0 ? "+" : "").append(quarterDbs[i]);
        }
        return text.append(']').toString();
    }
}
