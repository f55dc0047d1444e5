package dev.azalia.driver;

/**
 * Receives unsolicited responses from the {@link CommandTransport}, on the workqueue ({@code bus->unsol_work}).
 */
@FunctionalInterface
public interface UnsolicitedHandler
{
    /**
     * One unsolicited response.
     *
     * @param codecAddress the codec that sent it.
     * @param response     the 32-bit response.
     */
    void onUnsolicited(int codecAddress, int response);
}
