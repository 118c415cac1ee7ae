package org.parley.history.cli;

/** What {@code parley} exits with; documented in the README's CLI section and in {@code parley --help}. */
final class ExitCode {

    static final int OK = 0;
    /** Parley refused the request (an RFC 9457 problem other than not found), or an import line was rejected. */
    static final int REFUSED = 1;
    /** The command line itself was wrong (picocli's own code for usage errors). */
    static final int USAGE = 2;

    static final int NOT_FOUND = 3;
    /** No answer from Parley at all: connection refused, unknown host, timed out. */
    static final int UNREACHABLE = 4;
    /** Parley answered but could not serve the request (5xx: database away, read model rebuilding). */
    static final int UNAVAILABLE = 5;

    static final int INTERRUPTED = 130;

    private ExitCode() {}

    static final String HELP =
            """
            Exit codes:
              0  done
              1  refused (the problem's title and detail are printed), or import lines rejected
              2  wrong command line
              3  not found (no such narrative, event or source)
              4  Parley unreachable (nothing answered at --url)
              5  Parley unavailable (5xx: its database away, or the read model rebuilding)
            """;
}
