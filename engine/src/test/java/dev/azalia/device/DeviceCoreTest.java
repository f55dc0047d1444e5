package dev.azalia.device;

import dev.azalia.kernel.VirtualKernel;
import dev.azalia.log.KernelLog;
import dev.azalia.time.VirtualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

final class DeviceCoreTest
{
    private static final long PROBE_WORK_NANOS = 5_000_000L;

    private final VirtualNanoClock clock = new VirtualNanoClock();
    private final KernelLog log = new KernelLog(clock);
    private final VirtualKernel kernel = new VirtualKernel(clock, log);
    private final DeviceCore core = new DeviceCore("platform", log,
        (name, work) -> kernel.at("events_unbound", name, clock.nanoTime(), work));

    /** Binds "hda"; publishes its component from asynchronous work that takes a while, after probe returned. */
    private static final class ProviderDriver implements DeviceDriver
    {
        private final VirtualKernel kernel;
        private final ComponentRegistry registry;

        ProviderDriver(final VirtualKernel kernel, final ComponentRegistry registry)
        {
            this.kernel = kernel;
            this.registry = registry;
        }

        @Override
        public String name()
        {
            return "provider";
        }

        @Override
        public boolean matches(final Device device)
        {
            return "hda".equals(device.name());
        }

        @Override
        public void probe(final Device device)
        {
            kernel.queueWork("probe_work", () ->
            {
                kernel.delayNanos(PROBE_WORK_NANOS);
                registry.register("hdac", device);
            });
        }
    }

    /** Binds "board-N" once the component is there. */
    private static final class ConsumerDriver implements DeviceDriver
    {
        private final ComponentRegistry registry;

        ConsumerDriver(final ComponentRegistry registry)
        {
            this.registry = registry;
        }

        @Override
        public String name()
        {
            return "board";
        }

        @Override
        public boolean matches(final Device device)
        {
            return device.name().startsWith("board");
        }

        @Override
        public void probe(final Device device) throws ProbeDeferException
        {
            if (null == registry.lookup("hdac"))
            {
                throw new ProbeDeferException("hdac missing");
            }
        }
    }

    /** Any device, bound at once (binding it triggers the queue). */
    private static final class PlainDriver implements DeviceDriver
    {
        @Override
        public String name()
        {
            return "plain";
        }

        @Override
        public boolean matches(final Device device)
        {
            return device.name().startsWith("plain");
        }

        @Override
        public void probe(final Device device)
        {
            // binds
        }
    }

    private void runAll()
    {
        kernel.runUntil(clock.nanoTime() + 10 * PROBE_WORK_NANOS);
    }

    @Test
    void shouldStayDeferredForeverWithoutTheTrigger()
    {
        final ComponentRegistry registry = new ComponentRegistry(core, false);
        final Device board = new Device("board");
        core.registerDriver(new ConsumerDriver(registry));
        core.registerDevice(board);
        core.registerDriver(new ProviderDriver(kernel, registry));
        core.registerDevice(new Device("hda"));
        runAll();
        kernel.runUntil(clock.nanoTime() + 1_000_000_000L);
        assertThat(registry.lookup("hdac")).isNotNull();
        assertThat(board.bound()).isFalse();
        assertThat(core.deferredDevices()).containsExactly(board);
        assertThat(board.deferralReason()).isEqualTo("hdac missing");
        // the bind of "hda" did retry it, but before the component existed
        assertThat(core.retries()).isEqualTo(1);
    }

    @Test
    void shouldBindOnceTheComponentRegistrationTriggersTheQueue()
    {
        final ComponentRegistry registry = new ComponentRegistry(core, true);
        final Device board = new Device("board");
        core.registerDriver(new ConsumerDriver(registry));
        core.registerDevice(board);
        core.registerDriver(new ProviderDriver(kernel, registry));
        core.registerDevice(new Device("hda"));
        runAll();
        assertThat(board.bound()).isTrue();
        assertThat(core.deferredDevices()).isEmpty();
        assertThat(log.contains("Driver board requests probe deferral")).isTrue();
        assertThat(log.contains("Retrying from deferred list")).isTrue();
    }

    @Test
    void shouldReleaseManagedResourcesOfADeferredProbe()
    {
        final List<String> released = new ArrayList<>();
        final ComponentRegistry registry = new ComponentRegistry(core, true);
        core.registerDriver(new DeviceDriver()
        {
            @Override
            public String name()
            {
                return "greedy";
            }

            @Override
            public boolean matches(final Device device)
            {
                return true;
            }

            @Override
            public void probe(final Device device) throws ProbeDeferException
            {
                device.devres().add("clock", () -> released.add("clock"));
                device.devres().add("gpio", () -> released.add("gpio"));
                if (null == registry.lookup("x"))
                {
                    throw new ProbeDeferException("x missing");
                }
            }
        });
        final Device d = new Device("d");
        core.registerDevice(d);
        assertThat(released).containsExactly("gpio", "clock");
        registry.register("x", "x");
        runAll();
        assertThat(d.bound()).isTrue();
        core.unregisterDevice(d);
        assertThat(released).containsExactly("gpio", "clock", "gpio", "clock");
        assertThat(d.bound()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldBindEveryDeviceInEverySeededBootOrderOnlyWithTheTrigger(final boolean trigger)
    {
        int allBound = 0;
        for (int seed = 0; seed < 1_000; seed++)
        {
            if (bootsAll(seed, trigger))
            {
                allBound++;
            }
        }
        if (trigger)
        {
            assertThat(allBound).isEqualTo(1_000);
        }
        else
        {
            assertThat(allBound).isLessThan(1_000);
        }
    }

    private static boolean bootsAll(final long seed, final boolean trigger)
    {
        final VirtualNanoClock c = new VirtualNanoClock();
        final KernelLog l = new KernelLog(c);
        final VirtualKernel k = new VirtualKernel(c, l);
        final DeviceCore dc = new DeviceCore("platform", l, (name, work) -> k.at("events_unbound", name,
            c.nanoTime(), work));
        final ComponentRegistry registry = new ComponentRegistry(dc, trigger);
        final List<Device> devices = List.of(new Device("hda"), new Device("board-0"), new Device("board-1"),
            new Device("plain-0"), new Device("plain-1"));
        final List<Runnable> steps = new ArrayList<>();
        for (final Device d : devices)
        {
            steps.add(() -> dc.registerDevice(d));
        }
        steps.add(() -> dc.registerDriver(new ProviderDriver(k, registry)));
        steps.add(() -> dc.registerDriver(new ConsumerDriver(registry)));
        steps.add(() -> dc.registerDriver(new PlainDriver()));
        final Random random = new Random(seed);
        Collections.shuffle(steps, random);
        for (final Runnable step : steps)
        {
            // each registration at a random time, some while the provider's asynchronous work runs
            k.at("init", "register", c.nanoTime() + random.nextInt(3) * PROBE_WORK_NANOS / 2, step);
            k.runUntil(c.nanoTime() + random.nextInt(2) * PROBE_WORK_NANOS / 4);
        }
        k.runUntil(c.nanoTime() + 100 * PROBE_WORK_NANOS);
        return devices.stream().allMatch(Device::bound) && dc.deferredDevices().isEmpty();
    }
}
