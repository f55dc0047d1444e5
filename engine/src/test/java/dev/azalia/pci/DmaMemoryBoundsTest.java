package dev.azalia.pci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Host memory refuses every access it does not back, whatever the 64-bit address (H08, H09). */
final class DmaMemoryBoundsTest
{
    private final DmaMemory memory = new DmaMemory(1 << 20);

    @Test
    void shouldNotBackARangeWhoseEndPasses2To63()
    {
        // H08: the offset from the base plus the length would wrap a signed long into range.
        assertThat(memory.contains(0x7fff_ffff_ffff_0000L, 1 << 30)).isFalse();
        assertThat(memory.contains(Long.MAX_VALUE, Integer.MAX_VALUE)).isFalse();
        final byte[] dst = new byte[1 << 10];
        assertThat(memory.read(0x7fff_ffff_ffff_0000L, dst, 0, 0)).as("even an empty read that far").isFalse();
    }

    @Test
    void shouldNotBackAddressesAbove2To63OrPastTheEnd()
    {
        // H08 / H09: an address near 2^64 (negative as a long) and the first byte after RAM.
        assertThat(memory.contains(-100L, 4)).isFalse();
        assertThat(memory.contains(memory.baseAddress() + memory.sizeBytes(), 1)).isFalse();
        assertThat(memory.contains(memory.baseAddress() + memory.sizeBytes() - 4, 4)).isTrue();
        assertThat(memory.contains(memory.baseAddress(), memory.sizeBytes() + 1)).isFalse();
    }

    @Test
    void shouldDropAWriteOutsideRamAndSaySo()
    {
        // Rule 1: a master abort on a write is reported to the device, nothing is written, it is counted.
        assertThat(memory.writeInt(0xfe00_0000L, 1)).isFalse();
        assertThat(memory.writeIntRelease(-8L, 1)).isFalse();
        assertThat(memory.writeInt(memory.baseAddress(), 1)).isTrue();
        assertThat(memory.dmaErrors()).isEqualTo(2);
    }
}
