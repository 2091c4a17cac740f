package org.advmusic.experiments.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work: a progress bar with rate and time left on an interactive terminal, plain
 * log lines every few seconds otherwise (CI, redirected output).
 */
public final class Progress implements AutoCloseable {
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final ProgressBar bar;
    private final PrintStream log;
    private final String task;
    private final long total;
    private final long started = System.nanoTime();
    private long done;
    private boolean finished;
    private long lastLog = started;

    private Progress(String task, long total, ProgressBar bar, PrintStream log) {
        this.task = task;
        this.total = total;
        this.bar = bar;
        this.log = log;
    }

    /** Starts reporting {@code task} with {@code total} units of work. */
    public static Progress start(String task, long total, String unit) {
        boolean interactive = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        if (interactive) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" " + unit, 1).showSpeed()
                    .setUpdateIntervalMillis(250).continuousUpdate().build();
            return new Progress(task, total, bar, null);
        }
        System.out.printf("%s: %d %s%n", task, total, unit);
        return new Progress(task, total, null, System.out);
    }

    /** Sets the units done so far. */
    public void stepTo(long value) {
        done = value;
        if (bar != null) {
            bar.stepTo(value);
            return;
        }
        long now = System.nanoTime();
        if (now - lastLog >= LOG_INTERVAL_NANOS && done < total) {
            lastLog = now;
            double seconds = (now - started) / 1e9;
            double left = done == 0 ? Double.NaN : seconds * (total - done) / done;
            log.printf("%s: %d/%d (%.0f%%), %.1f s elapsed, about %s left%n", task, done, total, 100.0 * done / total,
                    seconds, Double.isNaN(left) ? "?" : format(Duration.ofSeconds((long) left)));
        }
    }

    /** Adds units done. */
    public void step(long units) {
        stepTo(done + units);
    }

    /** Marks the task finished: {@link #close()} then reports it done. */
    public void done() {
        finished = true;
    }

    /**
     * Ends the report: "done" with the total time when {@link #done()} was called, else (an error
     * is on its way) where the task stopped.
     */
    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(done);
            bar.close();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (finished && log != null) {
            log.printf("%s: done in %.1f s%n", task, seconds);
        } else if (!finished) {
            System.out.printf("%s: stopped at %d/%d after %.1f s%n", task, done, total, seconds);
        }
    }

    private static String format(Duration d) {
        return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
    }
}
