package org.parley.history.cli;

import java.util.Map;

/** The examples each command's --help starts with. Credentials come from the environment, never a flag. */
final class Examples {

    private static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry(
                    "parley",
                    """
                      export PARLEY_CREDENTIALS=analyst:…     # or PARLEY_TOKEN=<JWT>; never a password flag
                      parley narratives
                      parley timeline west-blocked-settlement --as-of 2023-02-03
                      parley compare west-blocked-settlement bucha-and-guarantees --as-of 2025-01-01
                      parley evolution all-sources --from 2022-12-31 --to 2025-12-31 --step YEAR
                      parley history istanbul-draft-initialled
                      parley source seed-001-global-research-snider
                      parley follow all-sources
                      PARLEY_CREDENTIALS=editor:… parley import commands.ndjson
                      PARLEY_CREDENTIALS=operator:… parley rebuild --watch
                      parley status --url http://parley.internal:8080
                      source <(parley generate-completion)   # bash; zsh after 'autoload -U +X bashcompinit && bashcompinit'"""),
            Map.entry(
                    "narratives",
                    """
                      parley narratives
                      parley narratives --json | jq -r '.[].narrativeId'"""),
            Map.entry(
                    "timeline",
                    """
                      parley timeline west-blocked-settlement --as-of 2023-01-31
                      parley timeline all-sources --as-of 2024-12-31 --from 2022-03 --to 2022-04 --wide
                      parley timeline all-sources --recorded-as-of 2026-11-23T12:00:00Z --json"""),
            Map.entry(
                    "compare",
                    """
                      parley compare west-blocked-settlement bucha-and-guarantees --as-of 2025-01-01"""),
            Map.entry(
                    "evolution",
                    """
                      parley evolution all-sources --from 2022-12-31 --to 2025-12-31 --step YEAR
                      parley evolution west-blocked-settlement --from 2023-01 --to 2023-06 --step MONTH"""),
            Map.entry(
                    "history",
                    """
                      parley history istanbul-draft-initialled
                      parley history istanbul-draft-initialled --recorded-order --as-of 2023-12-31"""),
            Map.entry("source", """
                      parley source seed-001-global-research-snider"""),
            Map.entry(
                    "follow",
                    """
                      parley follow all-sources                  # changes from now on, until Ctrl-C
                      parley follow all-sources --after 0 --json # the whole feed, then live, one JSON a line
                      parley follow west-blocked-settlement --count 1"""),
            Map.entry(
                    "import",
                    """
                      PARLEY_CREDENTIALS=editor:… parley import commands.ndjson
                      parley import commands.ndjson --restart     # ignore the checkpoint, send every line again"""),
            Map.entry("rebuild", """
                      PARLEY_CREDENTIALS=operator:… parley rebuild --watch"""),
            Map.entry(
                    "status",
                    """
                      PARLEY_CREDENTIALS=operator:… parley status
                      parley status --json"""),
            Map.entry(
                    "generate-completion",
                    """
                      source <(parley generate-completion)                      # bash, this shell
                      parley generate-completion > ~/.local/share/bash-completion/completions/parley
                      autoload -U +X bashcompinit && bashcompinit; source <(parley generate-completion)   # zsh"""));

    private Examples() {}

    static String of(String command) {
        return EXAMPLES.get(command);
    }
}
