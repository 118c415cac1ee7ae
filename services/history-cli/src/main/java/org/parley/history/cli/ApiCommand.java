package org.parley.history.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command that talks to Parley shares: where it is, who signs in, and JSON or tables. */
abstract class ApiCommand implements Callable<Integer> {

    @ParentCommand
    Parley parley;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "Parley's base URL (default: PARLEY_URL, the config file's url, or http://localhost:8080)")
    String url;

    @Option(names = "--json", description = "Print the API's JSON answer unchanged instead of a table")
    boolean json;

    Terminal terminal;
    Api api;

    @Override
    public final Integer call() throws Exception {
        Parley.Environment environment = parley.environment;
        terminal = new Terminal(environment);
        api = new Api(Settings.resolve(url, environment.variables(), environment.home()));
        return run();
    }

    abstract int run() throws Exception;
}
