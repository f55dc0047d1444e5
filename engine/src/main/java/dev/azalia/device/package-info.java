/**
 * The device/driver binding model ({@code drivers/base/dd.c} and {@code devres.c}): devices and drivers on a
 * {@link dev.azalia.device.DeviceCore}, probes that may ask to be deferred, the deferred-probe queue retried on a
 * trigger, managed resources released in reverse order of acquisition ({@link dev.azalia.device.Devres}), and a
 * registry of components that drivers publish for others to find.
 */
package dev.azalia.device;
