package org.parley.history.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code parley}: Parley's REST API as short verbs. Data goes to stdout (tables, or the API's own JSON with
 * {@code --json}), messages and progress bars to stderr; the exit code says how it went ({@link ExitCode}).
 */
@Command(
        name = "parley",
        // --help and --version on every command, and the exit codes' footer too
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = Parley.Version.class,
        description = "Ask Parley what was reported, and by whom; import, rebuild and watch it.",
        footer = "%n" + ExitCode.HELP + "%nConfiguration: --url, else PARLEY_URL, else url= in ~/.config/parley/config"
                + " (or ~/.parley), else http://localhost:8080. Credentials: PARLEY_TOKEN (bearer JWT) or"
                + " PARLEY_CREDENTIALS (user:password), else token= or credentials= in the config file. NO_COLOR"
                + " turns colour off.",
        subcommands = {
            ReadCommands.Narratives.class,
            ReadCommands.Timeline.class,
            ReadCommands.Compare.class,
            ReadCommands.Evolution.class,
            ReadCommands.History.class,
            ReadCommands.Source.class,
            FollowCommand.class,
            ImportCommand.class,
            OperationsCommands.Rebuild.class,
            OperationsCommands.Status.class,
            AutoComplete.GenerateCompletion.class
        })
public final class Parley implements Runnable {

    /** The world the command runs in: passed in, so that tests run it in-process with their own. */
    record Environment(
            Map<String, String> variables,
            Path home,
            PrintWriter out,
            PrintWriter err,
            boolean outIsTerminal,
            boolean errIsTerminal) {}

    final Environment environment;

    Parley(Environment environment) {
        this.environment = environment;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(environment.out());
    }

    public static void main(String[] args) {
        // Java 17 tells only whether both stdin and stdout are terminals; bin/parley says which of stdout and
        // stderr are, so that a progress bar still shows when stdout goes to a file.
        boolean console = System.console() != null;
        boolean outIsTerminal = Boolean.parseBoolean(System.getProperty("parley.stdout-terminal", "" + console));
        boolean errIsTerminal = Boolean.parseBoolean(System.getProperty("parley.stderr-terminal", "" + console));
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Environment environment = new Environment(
                System.getenv(), Path.of(System.getProperty("user.home")), out, err, outIsTerminal, errIsTerminal);
        int code = commandLine(environment).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** The command line for one environment, its help sections starting with examples. */
    static CommandLine commandLine(Environment environment) {
        CommandLine commandLine = new CommandLine(new Parley(environment));
        commandLine.setOut(environment.out());
        commandLine.setErr(environment.err());
        commandLine.setExecutionExceptionHandler(new Failures(environment));
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(
                environment.outIsTerminal() && !environment.variables().containsKey("NO_COLOR")
                        ? CommandLine.Help.Ansi.AUTO
                        : CommandLine.Help.Ansi.OFF));
        commandLine
                .getSubcommands()
                .get("generate-completion")
                .getCommandSpec()
                .usageMessage()
                .hidden(false);
        examplesFirst(commandLine);
        return commandLine;
    }

    private static void examplesFirst(CommandLine commandLine) {
        String examples = Examples.of(commandLine.getCommandName());
        if (examples != null) {
            commandLine.getHelpSectionMap().put("examples", help -> "Examples:\n" + examples.indent(2) + "\n");
            // The setter passes the keys on to the subcommands: the root's call gives them all the section.
            List<String> keys = new ArrayList<>(commandLine.getHelpSectionKeys());
            if (!keys.contains("examples")) {
                keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_HEADER_HEADING), "examples");
                commandLine.setHelpSectionKeys(keys);
            }
        }
        commandLine.getSubcommands().values().forEach(Parley::examplesFirst);
    }

    /** Prints what went wrong on stderr and answers the documented exit code. */
    private record Failures(Environment environment) implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(
                Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            PrintWriter err = environment.err();
            if (failure instanceof ApiException refused) {
                err.println("parley: " + refused.status() + " " + refused.title()
                        + (refused.detail() == null ? "" : ": " + refused.detail()));
                err.flush();
                return refused.exitCode();
            }
            if (failure instanceof Unreachable unreachable) {
                err.println("parley: " + unreachable.getMessage());
                err.flush();
                return ExitCode.UNREACHABLE;
            }
            err.println("parley: " + failure);
            err.flush();
            return ExitCode.UNAVAILABLE;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Parley.class.getPackage().getImplementationVersion();
            return new String[] {"parley " + (version == null ? "(development build)" : version)};
        }
    }
}
