package dev.azalia.player;

/**
 * The {@code ./play} entry point.
 */
public final class Main
{
    private Main()
    {
    }

    /**
     * Runs the player.
     *
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(0);
    }
}
