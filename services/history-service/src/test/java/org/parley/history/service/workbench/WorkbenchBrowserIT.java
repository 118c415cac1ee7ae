package org.parley.history.service.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.parley.history.service.seeding.SeedLoader;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.webjars.WebJarVersionLocator;

/**
 * The workbench in a real browser: Debian's Chromium, headless, driven by Selenium through Debian's chromedriver
 * (nothing is downloaded). An analyst signs in by the form and uses the pages as the seeds make them. Each view is
 * also checked with axe-core against WCAG 2.1 AA, for requests to other hosts and for refusals by the content
 * security policy, and photographed into {@code target/workbench-screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkbenchBrowserIT extends IntegrationTest {

    private static final String BENNETTS_OWN_ACCOUNT = "bennett-mediation.bennett-interview-2023";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Path SHOTS = Path.of("target", "workbench-screenshots");
    private static final String TIMELINE = "/narratives/west-blocked-settlement";
    private static final List<String> MAIN_VIEWS = List.of(
            "/",
            TIMELINE,
            "/narratives/all-sources",
            "/narratives/all-sources?asOf=2023-06-30",
            "/narratives/west-blocked-settlement/compare/bucha-and-guarantees?asOf=2023-06-30",
            "/narratives/all-sources/evolution?from=2023-01-01&to=2025-12-31&step=MONTH",
            "/events/bennett-mediation",
            "/sources/seed-001-global-research-snider");

    @LocalServerPort
    int port;

    @Autowired
    SeedLoader seeds;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void startTheBrowser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("parley.chromium", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1280,800",
                "--lang=en");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("parley.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, PATIENCE);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void stopTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void theSeedsAndAnAnalyst() {
        seeds.load();
        awaitReadModel();
        browser.manage().window().setSize(new Dimension(1280, 800));
        browser.manage().deleteAllCookies();
        open("/signin");
        browser.findElement(By.id("username")).sendKeys(TestUsers.ANALYST);
        browser.findElement(By.id("password")).sendKeys(TestUsers.passwordOf(TestUsers.ANALYST));
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ul.narratives")));
    }

    @Test
    void an_anonymous_visitor_is_asked_to_sign_in_and_a_wrong_password_is_told() {
        browser.manage().deleteAllCookies();
        open("/narratives/all-sources");
        assertThat(browser.getCurrentUrl()).endsWith("/signin");

        browser.findElement(By.id("username")).sendKeys(TestUsers.ANALYST);
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();

        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[role=alert]")))
                        .getText())
                .contains("do not match");
    }

    @Test
    void moving_the_as_of_control_across_2_february_2023_brings_bennetts_own_account_of_his_mediation() {
        open("/narratives/all-sources?asOf=2023-02-01");
        assertThat(statement()).isEqualTo("As reported by 1 Feb 2023, as Parley held it now");
        assertThat(browser.findElements(accountOf(BENNETTS_OWN_ACCOUNT))).isEmpty();

        WebElement control = browser.findElement(By.id("asof-stop"));
        control.sendKeys(Keys.ARROW_RIGHT);

        wait.until(ExpectedConditions.urlContains("asOf=2023-02-02"));
        wait.until(ExpectedConditions.presenceOfElementLocated(accountOf(BENNETTS_OWN_ACCOUNT)));
        assertThat(statement()).isEqualTo("As reported by 2 Feb 2023, as Parley held it now");
        assertThat(browser.findElement(By.id("asof-label")).getText()).isEqualTo("2 Feb 2023");
        WebElement account = browser.findElement(accountOf(BENNETTS_OWN_ACCOUNT));
        assertThat(account.getAttribute("textContent")).contains("Bennett").contains("published 2023-02-02");
        photograph("timeline-as-of-2-feb-2023");
    }

    @Test
    void a_permalink_reloaded_shows_the_same_view() {
        open("/narratives/west-blocked-settlement?asOf=2022-12-31");
        browser.findElement(By.id("asof-stop")).sendKeys(Keys.ARROW_RIGHT);
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("asOf=2022-12-31")));
        wait.until(driver -> !statement().contains("31 Dec 2022"));
        String url = browser.getCurrentUrl();
        String shown = view();

        browser.navigate().refresh();

        assertThat(browser.getCurrentUrl()).isEqualTo(url);
        assertThat(view()).isEqualTo(shown);
        assertThat(browser.findElement(By.cssSelector("a.permalink")).getAttribute("href"))
                .isEqualTo(url);
    }

    @Test
    void side_by_side_shows_what_ended_the_talks_on_both_sides_with_citations() {
        open("/narratives/west-blocked-settlement/compare/bucha-and-guarantees");

        List<WebElement> columns = browser.findElements(By.cssSelector(".link-diff .columns > div"));
        assertThat(columns).hasSize(2);
        List<String> left = endedTheTalks(columns.get(0));
        List<String> right = endedTheTalks(columns.get(1));
        assertThat(left).anySatisfy(link -> assertThat(link).containsIgnoringCase("Johnson"));
        assertThat(right).anySatisfy(link -> assertThat(link).containsIgnoringCase("Bucha"));
        assertThat(left).allSatisfy(link -> assertThat(link).containsPattern("seed \\d{3} ¶\\d+"));
        assertThat(right).allSatisfy(link -> assertThat(link).containsPattern("seed \\d{3} ¶\\d+"));
        assertThat(browser.findElements(By.cssSelector("table.compare .badge.disagreed")))
                .isNotEmpty();
        photograph("comparison");
    }

    @Test
    void the_evolution_of_all_sources_shows_the_initialled_draft_appearing_in_june_2023() {
        open("/narratives/all-sources/evolution?from=2023-01-01&to=2025-12-31&step=MONTH");

        WebElement june = browser.findElements(By.cssSelector("section.step")).stream()
                .filter(step -> step.findElement(By.tagName("h2")).getText().equals("June 2023"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step for June 2023"));
        List<String> appeared = june.findElements(By.cssSelector("li.change.event_appeared")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(appeared).anySatisfy(change -> assertThat(change)
                .contains("The draft treaty is initialled")
                .contains("the event appears"));
        assertThat(june.findElements(By.cssSelector("li.change .diff"))).isNotEmpty();
        photograph("evolution");
    }

    @Test
    void the_event_and_source_pages_show_history_in_both_orders_and_the_provenance_drawn() {
        open("/events/bennett-mediation");
        assertThat(browser.findElements(By.cssSelector("table.history"))).hasSize(2);
        assertThat(browser.findElement(By.id("reported-heading")).getText()).contains("reported");
        photograph("event");

        open("/sources/seed-001-global-research-snider");
        assertThat(browser.findElements(By.cssSelector("svg.provenance a"))).hasSizeGreaterThan(1);
        assertThat(browser.findElements(By.cssSelector("svg.provenance line.edge")))
                .isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("table.accounts tbody tr")))
                .isNotEmpty();
        photograph("source");

        open("/events/trump-putin-alaska-summit");
        assertThat(browser.findElement(By.cssSelector(".anomalies")).getText())
                .as("the seeds' editorial flag on seed 002's Alaska summit")
                .contains("flagged by an editor");

        open("/sources/seed-003-are-negotiations-possible");
        assertThat(browser.findElement(By.cssSelector(".anomalies")).getText()).contains("undated source");
    }

    @Test
    void a_page_says_without_a_reload_when_a_write_changes_its_narrative() {
        open("/narratives/all-sources");
        WebElement notice = browser.findElement(By.id("live-notice"));
        assertThat(notice.isDisplayed()).isFalse();
        Object marker = ((JavascriptExecutor) browser).executeScript("return window.__drawn = Math.random();");

        String source = unique("live-source");
        String event = unique("live-event");
        assertThat(post("/api/sources", registerSource(source)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/events", reportEvent(event, source)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/accounts", account(event, unique("live-account"), source))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        wait.until(ExpectedConditions.visibilityOf(notice));
        assertThat(notice.getText()).contains("changed since the view was drawn");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__drawn;"))
                .as("the page was not reloaded")
                .isEqualTo(marker);
        photograph("live-notice");
    }

    @Test
    void every_view_downloads_as_csv_and_json_with_its_as_of_times() throws Exception {
        for (String view : List.of(
                "/narratives/all-sources?asOf=2023-06-30",
                "/narratives/west-blocked-settlement/compare/bucha-and-guarantees?asOf=2023-06-30",
                "/narratives/all-sources/evolution?from=2023-01-01&to=2023-12-31&step=MONTH",
                "/events/bennett-mediation?asOf=2023-06-30",
                "/sources/bennett-interview-2023?asOf=2023-06-30")) {
            var csv = http.getForEntity(view + "&format=csv", String.class);
            var json = http.getForEntity(view + "&format=json", String.class);
            assertThat(csv.getStatusCode()).as(view).isEqualTo(HttpStatus.OK);
            assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
            assertThat(csv.getHeaders().getContentDisposition().isAttachment()).isTrue();
            assertThat(csv.getBody().lines().skip(1).findFirst().orElseThrow(() -> new AssertionError(view)))
                    .contains("2023-");
            assertThat(objectMapper.readTree(json.getBody()).toString())
                    .as(view)
                    .contains("2023-");
        }
    }

    @Test
    void the_main_views_pass_a_wcag_2_1_aa_check_load_nothing_from_elsewhere_and_break_no_policy() throws Exception {
        String axe = axeCore();
        List<String> problems = new ArrayList<>();
        for (String view : MAIN_VIEWS) {
            open(view);
            JavascriptExecutor js = (JavascriptExecutor) browser;
            js.executeScript(axe);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> violations =
                    (List<Map<String, Object>>) js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                            + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',"
                            + " 'wcag21aa']}}).then(r => done(r.violations.map(v => ({id: v.id, help: v.help,"
                            + " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))));");
            violations.forEach(violation -> problems.add(view + ": " + violation));
            @SuppressWarnings("unchecked")
            List<String> elsewhere =
                    (List<String>) js.executeScript("return performance.getEntriesByType('resource').map(e => e.name)"
                            + ".filter(n => !n.startsWith(location.origin));");
            elsewhere.forEach(url -> problems.add(view + ": loaded from another host: " + url));
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                        && !entry.getMessage().contains("favicon")) {
                    problems.add(view + ": browser: " + entry.getMessage());
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    /**
     * Not a timed test: it asserts only that each view is drawn whole, and writes the median of five loads of each
     * (navigation start to the load event, as Chromium measures it) to {@code render-times.tsv} for
     * docs/BENCHMARKS.md.
     */
    @Test
    void each_main_view_is_drawn_whole_and_its_load_time_is_recorded() throws IOException {
        StringBuilder medians = new StringBuilder("view\tmedian of 5 loads (ms)\tHTML bytes\n");
        for (String view : MAIN_VIEWS) {
            List<Long> loads = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                open(view);
                assertThat(browser.findElements(By.cssSelector("main h1")))
                        .as(view)
                        .hasSize(1);
                loads.add(((Number) ((JavascriptExecutor) browser)
                                .executeScript("return performance.getEntriesByType('navigation')[0].loadEventEnd;"))
                        .longValue());
            }
            if (view.equals(TIMELINE)) {
                photograph("timeline");
            }
            Object bytes = ((JavascriptExecutor) browser)
                    .executeScript("return performance.getEntriesByType('navigation')[0].transferSize;");
            loads.sort(null);
            medians.append(view)
                    .append('\t')
                    .append(loads.get(2))
                    .append('\t')
                    .append(bytes)
                    .append('\n');
        }
        Files.writeString(SHOTS.resolve("render-medians.tsv"), medians);
    }

    @Test
    void the_timeline_fits_a_narrow_screen() {
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/narratives/all-sources?asOf=2023-06-30");

        Long overflow = (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).isLessThanOrEqualTo(1L);
        photograph("timeline-narrow");
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
        wait.until(
                driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    private String statement() {
        return browser.findElement(By.cssSelector("#view .statement .what")).getText();
    }

    private String view() {
        return browser.findElement(By.id("view")).getText();
    }

    private static By accountOf(String accountId) {
        return By.cssSelector("[data-account='" + accountId + "']");
    }

    private static List<String> endedTheTalks(WebElement column) {
        return column.findElements(By.cssSelector("li.link")).stream()
                .map(WebElement::getText)
                .filter(text -> text.contains("led to breakdown of"))
                .toList();
    }

    /** The view as far down as 1,400 pixels at the window's width (the README shows these). */
    private void photograph(String name) {
        Dimension window = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(window.getWidth(), 1400));
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
        try {
            Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            browser.manage().window().setSize(window);
        }
    }

    private static String axeCore() throws IOException {
        String path = new WebJarVersionLocator().fullPath("axe-core", "axe.min.js");
        assertThat(path).as("axe-core on the test classpath").isNotNull();
        try (InputStream in = WorkbenchBrowserIT.class.getResourceAsStream("/" + path)) {
            assertThat(in).as("axe-core on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
