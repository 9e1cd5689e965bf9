package dev.ebbflow.operator.simulate;

import dev.ebbflow.operator.simulate.engine.Simulation;
import java.io.PrintStream;

/** A one-line progress bar on the terminal (stderr), redrawn in place; silent when output is not a terminal. */
final class ProgressBar implements Simulation.Progress {

    private static final int WIDTH = 40;
    private final PrintStream out;
    private final String label;
    private final boolean enabled;
    private int lastDrawn = -1;

    ProgressBar(PrintStream out, String label, boolean enabled) {
        this.out = out;
        this.label = label;
        this.enabled = enabled;
    }

    @Override
    public void update(double fraction) {
        if (!enabled) {
            return;
        }
        int percent = (int) Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
        if (percent == lastDrawn) {
            return;
        }
        lastDrawn = percent;
        int filled = percent * WIDTH / 100;
        out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%");
        if (percent == 100) {
            out.print("\r" + " ".repeat(label.length() + WIDTH + 8) + "\r");
        }
        out.flush();
    }
}
