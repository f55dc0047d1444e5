package dev.azalia.conformance;

import java.util.List;

/**
 * A place where the two access sequences of a phase part: tokens on one side only, or a compared value that
 * differs; with the accesses just before it for context. Lines are formatted as
 * {@code "W4 SD4.CTL=0x100000  (line 812)"}. Immutable.
 *
 * @param context        the last aligned accesses before it, Linux's form.
 * @param linux          Linux's accesses at the divergence (empty when only Azalia has some).
 * @param azalia         Azalia's accesses at the divergence.
 * @param linuxFunction  the kernel function that made Linux's first access there, or the empty string.
 */
public record Divergence(List<String> context, List<String> linux, List<String> azalia, String linuxFunction)
{
    /**
     * Copies the lists.
     */
    public Divergence
    {
        context = List.copyOf(context);
        linux = List.copyOf(linux);
        azalia = List.copyOf(azalia);
    }
}
