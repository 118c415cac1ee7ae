package org.parley.history.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The CLI as a user runs it (picocli's entry point, in this JVM, with its output captured) against a real Parley on
 * the embedded default: its own PostgreSQL and Kafka broker, the seeds loaded, one user per role.
 */
class ParleyCliIT {

    private static final String EDITOR = "editor:editor-secret";
    private static final String ANALYST = "analyst:analyst-secret";
    private static final String OPERATOR = "operator:operator-secret";

    private static Path dataDir;
    private static ConfigurableApplicationContext service;
    private static String url;

    @TempDir
    Path home;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void startParley() throws Exception {
        dataDir = Files.createTempDirectory("parley-cli-it");
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--parley.data-dir=" + dataDir,
                "--parley.embedded-postgres.port=0",
                "--parley.embedded-kafka.port=0",
                "--parley.seeds.load-on-start=true"));
        for (String role : List.of("editor", "analyst", "operator")) {
            arguments.add("--parley.security.users." + role + ".password={noop}" + role + "-secret");
            arguments.add("--parley.security.users." + role + ".roles=" + role.toUpperCase());
        }
        // By name: the service's classes are on the test classpath only when the tests run (see the pom).
        service = new SpringApplicationBuilder(Class.forName("org.parley.history.service.ParleyApplication"))
                .run(arguments.toArray(String[]::new));
        url = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
        awaitReadModel();
    }

    @AfterAll
    static void stopParley() throws IOException {
        if (service != null) {
            service.close();
        }
        FileSystemUtils.deleteRecursively(dataDir);
    }

    @Test
    void the_timeline_has_bennetts_own_account_only_once_his_interview_is_published() {
        Run before = parley(ANALYST, "timeline", "west-blocked-settlement", "--as-of", "2023-01-31");
        Run after = parley(ANALYST, "timeline", "west-blocked-settlement", "--as-of", "2023-02-03");

        assertThat(before.code()).isZero();
        assertThat(before.out()).contains("up to the end of 2023-01-31").doesNotContain("bennett-interview-2023");
        assertThat(after.code()).isZero();
        assertThat(after.out()).containsPattern("(?m)^undated\\*?\\s+bennett-mediation\\s+.*bennett-interview-2023");
    }

    @Test
    void the_wide_timeline_shows_every_disputed_value_with_its_citation() {
        Run wide = parley(
                ANALYST,
                "timeline",
                "all-sources",
                "--as-of",
                "2024-12-31",
                "--from",
                "2022-03",
                "--limit",
                "1",
                "--wide");

        assertThat(wide.code()).isZero();
        assertThat(wide.out())
                .contains("belarus-round-2")
                .containsPattern("(?m)^place\\*\\s+DISPUTED\\s+Belarus, on the Belarus-Ukraine border\\s+"
                        + "seed-001-global-research-snider seed 001 ¶20$")
                .containsPattern("(?m)^\\s+Kamianyuk, near the Polish border\\s+seed-000-near-miss-peace-talks");
    }

    @Test
    void compare_shows_what_ended_the_talks_on_both_sides() {
        Run compare =
                parley(ANALYST, "compare", "west-blocked-settlement", "bucha-and-guarantees", "--as-of", "2025-01-01");

        assertThat(compare.code()).isZero();
        String[] sides = compare.out().split("links only in bucha-and-guarantees");
        assertThat(sides).hasSize(2);
        assertThat(sides[0].substring(sides[0].indexOf("links only in west-blocked-settlement")))
                .containsPattern("talks-suspended\\s+RESPONDED_TO\\s+kyiv-visit-johnson-2022-04\\s+"
                        + "seed-001-global-research-snider")
                .containsPattern("talks-suspended\\s+RESPONDED_TO\\s+kyiv-discards-istanbul-draft\\s+"
                        + "putin-war-correspondents-2023-06")
                .doesNotContain("bucha-irpin-atrocities-discovered");
        assertThat(sides[1])
                .containsPattern("talks-suspended\\s+RESPONDED_TO\\s+bucha-irpin-atrocities-discovered\\s+"
                        + "seed-000-near-miss-peace-talks")
                .containsPattern("talks-suspended\\s+RESPONDED_TO\\s+western-doubts-on-security-guarantees\\s+"
                        + "seed-004-receptive-to-russia-openness")
                .doesNotContain("kyiv-visit-johnson-2022-04");
    }

    @Test
    void evolution_history_and_source_answer_on_the_seeds() {
        Run evolution = parley(
                ANALYST, "evolution", "all-sources", "--from", "2022-12-31", "--to", "2025-12-31", "--step", "YEAR");
        Run history = parley(ANALYST, "history", "istanbul-draft-initialled");
        Run source = parley(ANALYST, "source", "seed-001-global-research-snider");

        assertThat(evolution.out())
                .containsPattern("(?m)^2023-06-13\\s+EVENT_APPEARED\\s+istanbul-draft-initialled\\s+"
                        + "putin-war-correspondents-2023-06")
                .containsPattern("(?m)^2024-05-31\\s+FIELD_CHANGED\\s+istanbul-draft-initialled\\s+\\S+\\s+"
                        + "seed-004-receptive-to-russia-openness");
        assertThat(history.out())
                .containsPattern("(?m)^2023-06-13\\s+\\S+\\s+ACCOUNT_RECORDED\\s+putin-war-correspondents-2023-06")
                .containsPattern(
                        "(?m)^2024-05-31\\s+\\S+\\s+ACCOUNT_RECORDED\\s+seed-004-receptive-to-russia-openness");
        assertThat(source.out())
                .containsPattern("(?m)^seed-001-global-research-snider\\s+REPUBLICATION_OF\\s+tac-snider-2023-08-16$")
                .containsPattern("(?m)^belarus-round-2\\.seed-001-global-research-snider\\s+belarus-round-2");
        assertThat(List.of(evolution.code(), history.code(), source.code())).containsOnly(0);
    }

    @Test
    void json_is_the_apis_answer_unchanged() throws Exception {
        Run narratives = parley(ANALYST, "narratives", "--json");

        assertThat(narratives.code()).isZero();
        assertThat(narratives.out()).isEqualTo(get("/api/narratives", ANALYST) + System.lineSeparator());
        assertThat(parley(ANALYST, "narratives").out()).containsPattern("(?m)^west-blocked-settlement\\s+The West");
    }

    @Test
    void an_import_with_one_bad_line_reports_it_exits_non_zero_and_keeps_the_good_lines() throws Exception {
        String source = "cli-import-" + suffix;
        Path file = home.resolve("commands.ndjson");
        Files.writeString(
                file,
                String.join(
                                "\n",
                                registerSource(source),
                                """
                {"type":"RecordAccount","eventId":"nowhere-%s","accountId":"q","citation":{"sourceId":"%s","locator":"¶2"},"claims":{"place":"Belarus"}}"""
                                        .formatted(suffix, source),
                                reportEvent("cli-import-event-" + suffix, source))
                        + "\n");

        Run first = parley(EDITOR, "import", file.toString(), "--chunk", "2");
        Run again = parley(EDITOR, "import", file.toString());

        assertThat(first.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(first.out())
                .contains("3 lines, 2 accepted, 0 replayed, 1 rejected")
                .containsPattern("(?m)^2\\*\\s+RecordAccount\\s+eventId\\s+Not found\\s+no diplomatic event 'nowhere-"
                        + suffix + "' is on the ledger$");
        awaitSource(source);
        assertThat(again.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(again.out()).contains("3 lines, 0 accepted, 2 replayed, 1 rejected");
    }

    @Test
    void an_interrupted_import_resumes_after_its_checkpoint() throws Exception {
        String done = "cli-resume-done-" + suffix;
        String left = "cli-resume-left-" + suffix;
        Path file = home.resolve("resume.ndjson");
        String content = registerSource(done) + "\n" + registerSource(left) + "\n";
        Files.writeString(file, content);
        // What the command leaves behind when it is stopped after acknowledging its first line.
        Path checkpoint = home.resolve(".local/state/parley/imports").resolve(sha256(content) + ".json");
        Files.createDirectories(checkpoint.getParent());
        Files.writeString(
                checkpoint, "{\"linesDone\":1,\"accepted\":1,\"replayed\":0,\"rejected\":0,\"rejectedLines\":[]}");

        Run resumed = parley(EDITOR, "import", file.toString(), "--chunk", "1");

        assertThat(resumed.code()).isZero();
        assertThat(resumed.err()).contains("resuming " + file + " after line 1 of 2");
        assertThat(resumed.out()).contains("2 lines, 2 accepted, 0 replayed, 0 rejected");
        awaitSource(left);
        assertThat(parley(ANALYST, "source", done).code())
                .as("the line the checkpoint covers was not sent again")
                .isEqualTo(ExitCode.NOT_FOUND);
        assertThat(checkpoint).doesNotExist();
    }

    @Test
    void rebuild_watch_ends_when_the_read_model_is_current() {
        Run rebuild = parley(OPERATOR, "rebuild", "--watch", "--interval", "50");
        Run status = parley(OPERATOR, "status");

        assertThat(rebuild.code()).isZero();
        assertThat(rebuild.out()).startsWith("CURRENT: ").contains("asked for by operator");
        assertThat(status.code()).isZero();
        assertThat(status.out())
                .containsPattern("(?m)^service\\s+UP\\s+.*readModel UP")
                .containsPattern("(?m)^read model\\s+CURRENT\\s+")
                .containsPattern("(?m)^stream\\s+0 parked\\s+\\d+ ledger events published");
        assertThat(parley(ANALYST, "narratives").code())
                .as("the read model answers again")
                .isZero();
    }

    @Test
    void follow_sees_a_change_recorded_through_the_api() throws Exception {
        String source = "cli-follow-" + suffix;
        String event = "cli-follow-event-" + suffix;
        StringWriter err = new StringWriter();
        CompletableFuture<Run> follow = CompletableFuture.supplyAsync(
                () -> parley(ANALYST, err, "follow", "all-sources", "--count", "1", "--poll", "0.1"));
        Awaitility.await("follow has found the feed's end")
                .atMost(Duration.ofSeconds(30))
                .until(() -> err.toString().contains("following all-sources after feed position"));

        post("/api/sources", registerSource(source).replace("\"type\":\"RegisterSource\",", ""));
        post("/api/events", reportEvent(event, source).replace("\"type\":\"ReportDiplomaticEvent\",", ""));
        post(
                "/api/accounts",
                """
                {"eventId":"%s","accountId":"%s.a","citation":{"sourceId":"%s","locator":"¶1"},"claims":{"place":"Minsk"}}"""
                        .formatted(event, event, source));

        Run followed = follow.get(60, TimeUnit.SECONDS);
        assertThat(followed.code()).isZero();
        assertThat(followed.out()).containsPattern("EVENT_APPEARED\\s+" + event + "\\s+.*\\(" + source);
    }

    @Test
    void exit_codes_say_not_found_refused_and_unreachable() {
        Run notFound = parley(ANALYST, "timeline", "no-such-narrative");
        Run refused = parley(ANALYST, "rebuild");
        Run unreachable = parley(ANALYST, "narratives", "--url", "http://127.0.0.1:1");
        Run usage = parley(ANALYST, "timeline");

        assertThat(notFound.code()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(notFound.err()).contains("404 Not found: no narrative 'no-such-narrative'");
        assertThat(refused.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).contains("403 Not allowed: your roles do not allow POST /api/rebuilds");
        assertThat(unreachable.code()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(unreachable.err()).contains("nothing answers at http://127.0.0.1:1 (connection refused)");
        assertThat(usage.code()).isEqualTo(ExitCode.USAGE);
        assertThat(List.of(notFound.out(), refused.out(), unreachable.out())).containsOnly("");
    }

    @Test
    void help_starts_with_examples_and_completion_is_generated() {
        Run help = parley(ANALYST, "timeline", "--help");
        Run completion = parley(ANALYST, "generate-completion");

        assertThat(help.out()).startsWith("Examples:").contains("Usage: parley timeline");
        assertThat(completion.code()).isZero();
        assertThat(completion.out()).contains("complete -F _complete_parley").contains("timeline");
    }

    private Run parley(String credentials, String... args) {
        return parley(credentials, new StringWriter(), args);
    }

    private Run parley(String credentials, StringWriter err, String... args) {
        StringWriter out = new StringWriter();
        Parley.Environment environment = new Parley.Environment(
                Map.of("PARLEY_URL", url, "PARLEY_CREDENTIALS", credentials),
                home,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                false,
                false);
        int code = Parley.commandLine(environment).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String registerSource(String id) {
        return """
                {"type":"RegisterSource","sourceId":"%s","title":"A source of the CLI's tests","kind":"ARTICLE","publication":{"time":{"value":"2024-04-16"}}}"""
                .formatted(id);
    }

    private static String reportEvent(String id, String source) {
        return """
                {"type":"ReportDiplomaticEvent","eventId":"%s","kind":"TALKS_ROUND","title":"A round of the CLI's tests","citation":{"sourceId":"%s","locator":"¶1"}}"""
                .formatted(id, source);
    }

    private static String get(String path, String credentials) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + path))
                                .header("Authorization", basic(credentials))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static void post(String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + path))
                                .header("Authorization", basic(EDITOR))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String content) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Waits until the read model, which follows the ledger asynchronously, has the source. */
    private void awaitSource(String source) {
        Awaitility.await("the read model has source " + source)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> parley(ANALYST, "source", source).code() == ExitCode.OK);
    }

    private static void awaitReadModel() {
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        Awaitility.await("the read model at ledger position " + head)
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    String status = get("/api/rebuilds/current", OPERATOR);
                    return status.contains("\"state\":\"CURRENT\"")
                            && Api.JSON.readTree(status).path("ledgerPosition").asLong() >= head;
                });
    }
}
