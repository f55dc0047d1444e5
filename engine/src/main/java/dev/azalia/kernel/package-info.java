/**
 * The emulated kernel's services that drivers rely on: delays, timers, the system workqueue and the way a blocked
 * task waits. Two machines implement them: {@link dev.azalia.kernel.RealtimeKernel} (threads and the real clock)
 * and {@link dev.azalia.kernel.VirtualKernel} (one thread, a virtual clock and an event queue, deterministic).
 */
package dev.azalia.kernel;
