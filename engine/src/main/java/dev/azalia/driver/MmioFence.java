package dev.azalia.driver;

/**
 * A gate that every CPU access to the controller's registers passes through. The {@code live} quiesce policy uses
 * one to hold new accesses back and drain in-flight ones while the BAR moves; without a policy it is
 * {@link #NONE} and costs a virtual call.
 *
 * <p>Called from every thread that touches registers; implementations are thread-safe and allocation-free.
 */
public interface MmioFence
{
    /** A fence that never blocks. */
    MmioFence NONE = new MmioFence()
    {
        @Override
        public void enter()
        {
        }

        @Override
        public void exit()
        {
        }
    };

    /** Called before an access; may block until access is allowed. */
    void enter();

    /** Called after the access, always paired with {@link #enter()}. */
    void exit();
}
