package dev.azalia.kernel.trace;

/**
 * Tells a recorder which task is making the current call. A kernel supplies it: a virtual kernel from the event it
 * is running, a real one from the calling thread's name.
 *
 * <p>Called on whatever thread emits an event; must not block, and should not allocate.
 */
@FunctionalInterface
public interface TaskResolver
{
    /**
     * The current task.
     *
     * @return the task (never null).
     */
    Task currentTask();

    /**
     * A resolver by the calling thread's name ({@link Task#forContext}), for kernels with real threads.
     *
     * @return the resolver.
     */
    static TaskResolver byThreadName()
    {
        return () -> Task.forContext(Thread.currentThread().getName());
    }
}
