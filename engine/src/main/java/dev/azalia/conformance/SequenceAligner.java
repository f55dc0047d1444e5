package dev.azalia.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Aligns two token sequences by a longest common subsequence and measures their similarity, after reducing
 * repeated runs: a block of 1 to {@value #MAX_BLOCK} tokens repeated back to back (a poll, a period interrupt, the
 * same verb round trip again and again) is kept once, so that a poll's count cannot dominate a phase's figure.
 *
 * <p>Similarity is {@code 2 * LCS / (|a| + |b|)} of the reduced sequences: symmetric, 1.0 for equal sequences
 * (and for two empty ones), 0.0 when nothing is shared. Stateless.
 */
public final class SequenceAligner
{
    /** The longest repeated block that is reduced. */
    public static final int MAX_BLOCK = 8;

    private static final long MAX_CELLS = 60_000_000L;

    /**
     * One step of an alignment.
     *
     * @param a the index in the first sequence, or -1 when the step only takes from the second.
     * @param b the index in the second sequence, or -1 when the step only takes from the first.
     */
    public record Step(int a, int b)
    {
        /**
         * Whether both sides have a token here (equal tokens).
         *
         * @return true for a match.
         */
        public boolean matched()
        {
            return a >= 0 && b >= 0;
        }
    }

    private SequenceAligner()
    {
    }

    /**
     * Reduces back-to-back repeats of blocks of up to {@value #MAX_BLOCK} tokens to one copy, greedily from the
     * start, at each position choosing the block length that removes the most tokens (the shortest on a tie).
     *
     * @param tokens the sequence.
     * @return the indices of the tokens kept, ascending.
     */
    public static int[] reduceRepeats(final List<String> tokens)
    {
        final int n = tokens.size();
        final int[] kept = new int[n];
        int count = 0;
        int i = 0;
        while (i < n)
        {
            int bestBlock = 0;
            int bestRepeats = 1;
            for (int p = 1; p <= MAX_BLOCK && i + 2 * p <= n; p++)
            {
                int k = 1;
                while (i + (k + 1) * p <= n && sameBlock(tokens, i, i + k * p, p))
                {
                    k++;
                }
                if (k > 1 && (long)(k - 1) * p > (long)(bestRepeats - 1) * bestBlock)
                {
                    bestBlock = p;
                    bestRepeats = k;
                }
            }
            if (0 == bestBlock)
            {
                kept[count++] = i++;
            }
            else
            {
                for (int k = 0; k < bestBlock; k++)
                {
                    kept[count++] = i + k;
                }
                i += bestBlock * bestRepeats;
            }
        }
        final int[] out = new int[count];
        System.arraycopy(kept, 0, out, 0, count);
        return out;
    }

    private static boolean sameBlock(final List<String> t, final int x, final int y, final int p)
    {
        for (int k = 0; k < p; k++)
        {
            if (!t.get(x + k).equals(t.get(y + k)))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Aligns two sequences: matches are a longest common subsequence; between matches the first sequence's
     * unmatched tokens come before the second's.
     *
     * @param a the first sequence (Linux's).
     * @param b the second sequence (Azalia's).
     * @return the steps in order; every index of both sequences appears once.
     * @throws IllegalArgumentException if the sequences, less their common prefix and suffix, are too long to align
     *                                  ({@code |a| * |b|} above sixty million).
     */
    public static List<Step> align(final List<String> a, final List<String> b)
    {
        int pre = 0;
        while (pre < a.size() && pre < b.size() && a.get(pre).equals(b.get(pre)))
        {
            pre++;
        }
        int suf = 0;
        while (suf < a.size() - pre && suf < b.size() - pre
            && a.get(a.size() - 1 - suf).equals(b.get(b.size() - 1 - suf)))
        {
            suf++;
        }
        final int n = a.size() - pre - suf;
        final int m = b.size() - pre - suf;
        if ((long)(n + 1) * (m + 1) > MAX_CELLS)
        {
            throw new IllegalArgumentException("sequences of " + a.size() + " and " + b.size()
                + " tokens are too different to align");
        }
        final List<Step> steps = new ArrayList<>(a.size() + b.size());
        for (int k = 0; k < pre; k++)
        {
            steps.add(new Step(k, k));
        }
        // lcs[i][j]: LCS of a[pre+i..] and b[pre+j..], row-major in one array
        final int w = m + 1;
        final int[] lcs = new int[(n + 1) * w];
        for (int i = n - 1; i >= 0; i--)
        {
            for (int j = m - 1; j >= 0; j--)
            {
                lcs[i * w + j] = a.get(pre + i).equals(b.get(pre + j)) ? lcs[(i + 1) * w + j + 1] + 1
                    : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        final List<Step> onlyB = new ArrayList<>();
        while (i < n || j < m)
        {
            if (i < n && j < m && a.get(pre + i).equals(b.get(pre + j))
                && lcs[i * w + j] == lcs[(i + 1) * w + j + 1] + 1)
            {
                steps.addAll(onlyB);
                onlyB.clear();
                steps.add(new Step(pre + i++, pre + j++));
            }
            else if (j >= m || (i < n && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]))
            {
                steps.add(new Step(pre + i++, -1));
            }
            else
            {
                onlyB.add(new Step(-1, pre + j++));
            }
        }
        steps.addAll(onlyB);
        for (int k = 0; k < suf; k++)
        {
            steps.add(new Step(a.size() - suf + k, b.size() - suf + k));
        }
        return Collections.unmodifiableList(steps);
    }

    /**
     * The similarity of two sequences, {@code 2 * matches / (|a| + |b|)}.
     *
     * @param a the first sequence.
     * @param b the second sequence.
     * @return a figure in [0, 1]; 1.0 when both are empty.
     */
    public static double similarity(final List<String> a, final List<String> b)
    {
        return similarity(align(a, b), a.size(), b.size());
    }

    /**
     * The similarity an alignment shows.
     *
     * @param steps the alignment of sequences of lengths {@code sizeA} and {@code sizeB}.
     * @param sizeA the first sequence's length.
     * @param sizeB the second sequence's length.
     * @return {@code 2 * matches / (sizeA + sizeB)}, or 1.0 when both are empty.
     */
    public static double similarity(final List<Step> steps, final int sizeA, final int sizeB)
    {
        if (0 == sizeA + sizeB)
        {
            return 1.0;
        }
        final long matches = steps.stream().filter(Step::matched).count();
        return 2.0 * matches / (sizeA + sizeB);
    }
}
