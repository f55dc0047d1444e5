/**
 * The assembled testbed: host memory, the PCI bus, the HD-Audio controller and codec on it, the driver bound to it,
 * the link clock, and the kernel services, on the real or a virtual clock.
 */
package dev.azalia.machine;
