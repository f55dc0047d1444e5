package dev.azalia.hda.codec.dump;

import java.util.List;

/**
 * A {@code Processing caps:} line and the {@code Coeff} lines under it (printed only with {@code dump_coef}).
 *
 * @param caps         the processing parameter (0x10): bit 0 benign, bits 15:8 number of coefficients.
 * @param coefficients the coefficient values in index order (often empty: dumps rarely carry them).
 */
public record ProcessingDump(int caps, List<Integer> coefficients)
{
    /** Copies the list. */
    public ProcessingDump
    {
        coefficients = List.copyOf(coefficients);
    }

    /** @return the number of coefficients the caps announce. */
    public int coefficientCount()
    {
        return caps >>> 8 & 0xff;
    }
}
