package dev.azalia.machine;

import dev.azalia.driver.AzxChip;
import dev.azalia.kernel.VirtualKernel;
import dev.azalia.sound.Errno;
import dev.azalia.sound.HwParams;
import dev.azalia.sound.PcmState;
import dev.azalia.sound.PcmSubstream;
import dev.azalia.sound.SoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

final class MachineLifecycleTest
{
    private static MachineConfig config()
    {
        return MachineConfig.of(true, (a, n, f, pcm, o, l, t) -> { });
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldBindTheBoardOnlyWhenTheComponentTriggersTheDeferredQueue(final boolean trigger) throws Exception
    {
        try (Machine m = Machine.boot(config(), trigger))
        {
            assertThat(m.chip().card().isRegistered()).isTrue();
            assertThat(m.log().contains("platform hda-board: Driver azalia-board requests probe deferral")).isTrue();
            assertThat(m.log().contains("platform hda-board: Retrying from deferred list")).isTrue();
            m.kernel().flushWork();
            ((VirtualKernel)m.kernel()).runUntil(m.clock().nanoTime() + 1_000_000_000L);
            assertThat(m.boardDevice().bound()).isEqualTo(trigger);
            assertThat(m.platform().deferredDevices()).hasSize(trigger ? 0 : 1);
            assertThat(m.log().contains("deferred probe pending")).isEqualTo(!trigger);
        }
    }

    @Test
    void shouldEndABlockedWriterAndReleaseEverythingCardFirstOnHotUnplug() throws Exception
    {
        try (Machine m = Machine.boot(config()))
        {
            final AzxChip chip = m.chip();
            final PcmSubstream s = chip.card().pcms().get(0).playback();
            s.open();
            s.hwParams(new HwParams(48_000, 2, 16, 256, 4));
            s.prepare();
            m.scheduleUnplug(50_000_000L);
            final byte[] period = new byte[256 * 4];
            SoundException failure = null;
            long frames = 0;
            while (null == failure && frames < 48_000 * 10)
            {
                try
                {
                    frames += s.writei(period, 0, 256);
                }
                catch (final SoundException e)
                {
                    failure = e;
                }
            }
            assertThat(failure).isNotNull();
            assertThat(failure.errno()).isEqualTo(Errno.ENODEV);
            assertThat(s.state()).isEqualTo(PcmState.DISCONNECTED);
            assertThat(m.bus().devices()).contains(m.hdaDevice());
            s.close();
            assertThat(m.awaitUnplugged(1_000_000_000L)).isTrue();
            assertThat(m.bus().devices()).doesNotContain(m.hdaDevice());
            assertThat(chip.card().freed()).isTrue();
            // reverse order of acquisition (card created, device enabled, BAR mapped, IRQ requested, chip started,
            // card registered), with the card's disconnect-and-free first
            // the handler was requested on the MSI vector (INTx 16 + 24), as snd_hda_intel does by default
            assertThat(m.hdaDevice().devres().released()).containsExactly("snd_card_free Intel", "azx_stop_chip",
                "irq 40", "iomap BAR 0", "pci_enable_device", "snd_card Intel");
            final int disconnected = m.log().lines().indexOf(m.log().lines().stream()
                .filter(l -> l.contains("card Intel disconnected")).findFirst().orElseThrow());
            final int removed = m.log().lines().indexOf(m.log().lines().stream()
                .filter(l -> l.contains("pci 0000:00:1b.0: removed")).findFirst().orElseThrow());
            assertThat(disconnected).isLessThan(removed);
            final long staleBefore = m.bus().staleAccesses();
            ((VirtualKernel)m.kernel()).runUntil(m.clock().nanoTime() + 100_000_000L);
            assertThat(m.bus().staleAccesses()).isEqualTo(staleBefore).isZero();
            assertThat(m.bus().faults()).isZero();
            assertThat(m.failures()).isEmpty();
        }
    }
}
