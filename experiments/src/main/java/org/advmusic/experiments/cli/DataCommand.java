package org.advmusic.experiments.cli;

import java.util.concurrent.Callable;
import org.advmusic.experiments.pipeline.PreparedData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Generates the synthetic set, or inspects any supported data set. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Generate the synthetic genre set, or inspect any supported data set.",
            "Prints the classes, tracks and segments per split, the input shape, and the problems found (unreadable or",
            "short files, malformed rows, split lists that do not fit the data)."})
final class DataCommand implements Callable<Integer> {
    @Mixin
    RunOptions options;

    @Option(names = "--source", paramLabel = "SOURCE", description = "synthetic, gtzan, gtzan-features, msd or irmas")
    String source;

    @Option(names = "--path", paramLabel = "PATH", description = "the data set's folder or file")
    String path;

    @Override
    public Integer call() {
        if (source != null) {
            options.overrides.add("data.source=" + source);
        }
        if (path != null) {
            options.overrides.add("data.path=" + path);
        }
        return options.execute(null, "data", c -> {
            PreparedData data = Pipeline.data(c);
            var d = c.run().metrics().data();
            System.out.printf("%s at %s: %d classes %s%n", data.source(), d.path(), data.classes().size(), data.classes());
            System.out.printf("input shape %s; tracks train/validation/test %d/%d/%d; samples %d/%d/%d%n", data.inputShape(),
                    data.train().tracks(), data.validation().tracks(), data.test().tracks(), data.train().data().size(),
                    data.validation().data().size(), data.test().data().size());
            int problems = d.problems().size();
            System.out.printf("%d problem%s found%s%n", problems, problems == 1 ? "" : "s", problems == 0 ? "" : " (listed above)");
            c.run().recordRun(c.run().metrics().run().ended(c.seconds(), null));
        });
    }
}
