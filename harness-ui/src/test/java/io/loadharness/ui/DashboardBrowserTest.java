package io.loadharness.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.loadharness.core.params.CpuJobSpec;
import io.loadharness.http.HarnessSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: headless Chromium driven by Selenium against the real full server,
 * under its Content-Security-Policy. One driver session for the whole class, tests in order.
 * Screenshots go to {@code target/screenshots/} for a reviewer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static LoadHarnessServer server;
    private static ChromeDriver driver;
    private static WebDriverWait wait;
    private static Path profile;
    private static String url;
    private static final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        assertThat(CHROMIUM).as("headless Chromium is required for the browser tests: install the Debian "
                + "package 'chromium' (it provides %s)", CHROMIUM).isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver is required for the browser tests: install the Debian "
                + "package 'chromium-driver' (it provides %s)", CHROMEDRIVER).isExecutable();
        Files.createDirectories(SCREENSHOTS);
        server = Main.start(HarnessSettings.builder().host("127.0.0.1").port(0).environment("local")
                .podName("browser-pod").build(), Map.of("PROMETHEUS_URL", TestPorts.deadUrl()), false);
        url = "http://127.0.0.1:" + server.port() + "/ui";

        profile = Files.createTempDirectory("loadharness-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,1100",
                "--force-prefers-reduced-motion");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (profile != null) {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }
    }

    @Test
    @Order(1)
    void pageLoadsUnderTheCspWithoutConsoleErrors() {
        open();

        assertThat(driver.getTitle()).isEqualTo("LoadHarness Dashboard · local");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("LoadHarness Dashboard");
        assertThat(driver.findElement(By.id("pod-name")).getText()).isEqualTo("browser-pod");
        assertThat(script("return typeof htmx !== 'undefined' && typeof Chart !== 'undefined'")).isEqualTo(true);
        assertThat(script("return document.querySelectorAll('style').length")).as("htmx injected no style")
                .isEqualTo(0L);
        screenshot("01-dashboard");
        assertNoConsoleErrors();
    }

    @Test
    @Order(2)
    void slidersAreBoundToTheirNumberInputs() {
        WebElement range = driver.findElement(By.id("cpu-burn-complexity-range"));
        WebElement number = driver.findElement(By.id("cpu-burn-complexity"));

        range.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        assertThat(number.getDomProperty("value")).isEqualTo("7");

        number.clear();
        number.sendKeys("3");
        assertThat(range.getDomProperty("value")).isEqualTo("3");
    }

    @Test
    @Order(3)
    void burnResultAppearsWithoutAReload() {
        script("window.loadharnessMarker = 'still here'");
        setNumber("cpu-burn-duration-ms", "300");

        driver.findElement(By.cssSelector("#cpu-burn-form button[type=submit]")).click();

        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#cpu-burn-result .result.success")));
        assertThat(result.findElement(By.tagName("h4")).getText()).startsWith("Completed in ").endsWith(" ms");
        assertThat(result.findElement(By.cssSelector("dd.iterations")).getText()).matches("\\d{1,3}(,\\d{3})*");
        assertThat(script("return window.loadharnessMarker")).as("no page reload").isEqualTo("still here");
        screenshot("02-burn-result");
        assertNoConsoleErrors();
    }

    @Test
    @Order(4)
    void cpuJobShowsInTheJobsPanelAndStopsWithItsButton() {
        setNumber("cpu-job-cores", "1");
        setNumber("cpu-job-duration-seconds", "60");
        setNumber("cpu-job-intensity", "2");

        driver.findElement(By.cssSelector("#cpu-job-form button[type=submit]")).click();

        WebElement started = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#cpu-job-result .result.success dd.job-id")));
        String id = started.getText();
        By row = By.cssSelector("#active-jobs li.job[data-job-id='" + id + "']");
        wait.until(ExpectedConditions.textToBe(new By.ByCssSelector("#active-jobs li.job[data-job-id='" + id
                + "'] .badge.status"), "running"));
        assertThat(driver.findElement(row).findElement(By.cssSelector("dd.target")).getText()).isEqualTo("20.0%");
        script("document.getElementById('jobs-heading').scrollIntoView()");
        screenshot("03-cpu-job-running");

        driver.findElement(row).findElement(By.cssSelector("button.stop")).click();

        wait.until(ExpectedConditions.textToBe(new By.ByCssSelector("#active-jobs li.job[data-job-id='" + id
                + "'] .badge.status"), "stopped"));
        assertThat(driver.findElements(By.cssSelector("#active-jobs button.stop"))).isEmpty();
        assertThat(server.harness().runningJobs()).isZero();
        script("document.getElementById('jobs-heading').scrollIntoView()");
        screenshot("04-cpu-job-stopped");
        assertNoConsoleErrors();
    }

    @Test
    @Order(5)
    void longClusterRunShowsLiveProgressAndCancels() {
        driver.findElement(By.tagName("body")).sendKeys("3");
        setNumber("cluster-concurrency", "1");
        setNumber("cluster-iterations", "10000000");
        setNumber("cluster-requests", "200");

        driver.findElement(By.cssSelector("#cluster-form button[type=submit]")).click();

        WebElement progress = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#cluster-result .cluster-progress")));
        assertThat(progress.findElement(By.cssSelector("dd.done")).getText()).endsWith("of 200");
        wait.until(d -> !d.findElement(By.cssSelector("#cluster-result .cluster-progress dd.done")).getText()
                .startsWith("0 of"));
        screenshot("05-cluster-progress");

        driver.findElement(By.cssSelector("#cluster-result .cluster-progress button.cancel")).click();

        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#cluster-result .cluster-result")));
        assertThat(result.findElement(By.tagName("h4")).getText()).startsWith("Cancelled after").endsWith("of 200 calls");
        assertThat(result.findElement(By.cssSelector("dd.unique-pods")).getText()).isEqualTo("1");
        assertThat(server.harness().runningFanOuts()).isZero();
        assertNoConsoleErrors();
    }

    @Test
    @Order(6)
    void slowAnswerShowsTakingLongerThanExpected() {
        driver.findElement(By.tagName("body")).sendKeys("1");
        setNumber("cpu-burn-duration-ms", "1");
        driver.setNetworkConditions(ChromiumNetworkConditions.withLatency(Duration.ofMillis(4500)));
        try {
            driver.findElement(By.cssSelector("#cpu-burn-form button[type=submit]")).click();

            WebElement loading = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cpu-burn-loading")));
            assertThat(loading.getText()).contains("Running test...");
            assertThat(script("return document.querySelector('#cpu-burn-form button[type=submit]').disabled"))
                    .as("the run button is disabled while its test runs").isEqualTo(true);
            WebElement note = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#cpu-burn-loading .slow-note")));
            assertThat(note.getText()).isEqualTo("Taking longer than expected...");
            screenshot("06-taking-longer");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#cpu-burn-result .result.success")));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("cpu-burn-loading")));
            assertThat(script("return document.querySelector('#cpu-burn-loading').classList.contains('slow')"))
                    .as("the note is reset for the next run").isEqualTo(false);
        } finally {
            driver.deleteNetworkConditions();
        }
        assertNoConsoleErrors();
    }

    @Test
    @Order(7)
    void noAnswerInTimeShowsATimeout() {
        script("htmx.config.timeout = 1500");
        driver.setNetworkConditions(ChromiumNetworkConditions.withLatency(Duration.ofMillis(4000)));
        try {
            driver.findElement(By.cssSelector("#cpu-burn-form button[type=submit]")).click();

            WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#cpu-burn-result .result.error")));
            assertThat(error.findElement(By.tagName("h4")).getText()).isEqualTo("Timed out");
            assertThat(error.findElement(By.cssSelector(".message")).getText()).startsWith("No answer within 2 s.");
        } finally {
            driver.deleteNetworkConditions();
            script("htmx.config.timeout = 30000");
        }
        // htmx logs the timeout event it raised; that entry is expected here and nothing else.
        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
                .filteredOn(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .extracting(LogEntry::getMessage)
                .allSatisfy(message -> assertThat(message).containsAnyOf("\"htmx:timeout\"", "\"htmx:afterRequest\""));
    }

    @Test
    @Order(8)
    void liveMetricsSayPrometheusIsNotConnectedAndChartsUpdateInPlace() {
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#live-metrics .metrics-unavailable")));
        assertThat(banner.findElement(By.tagName("strong")).getText())
                .isEqualTo("Metrics unavailable - Prometheus not connected at " + server.liveMetrics().prometheusUrl());
        assertThat(driver.findElement(By.cssSelector("#live-metrics .badge.source")).getText()).isEqualTo("From this process");
        wait.until(d -> "true".equals(d.findElement(By.id("metrics-charts")).getDomAttribute("data-history-loaded")));
        Object chart = script("window.loadharnessChart = Chart.getChart('chart-cpu'); return window.loadharnessChart !== undefined");
        assertThat(chart).as("the CPU chart exists").isEqualTo(true);
        long before = (Long) script("return Chart.getChart('chart-rps').data.datasets[0].data.length");

        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> (Long) script(
                "return Chart.getChart('chart-rps').data.datasets[0].data.length") > before);

        assertThat(script("return Chart.getChart('chart-cpu') === window.loadharnessChart"))
                .as("the chart is updated in place, not recreated").isEqualTo(true);
        banner = driver.findElement(By.cssSelector("#live-metrics .metrics-unavailable"));
        banner.findElement(By.cssSelector("button.retry")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#live-metrics .metrics-unavailable")));
        script("document.getElementById('metrics-heading').scrollIntoView()");
        screenshot("07-metrics-prometheus-down");
        assertNoConsoleErrors();
    }

    @Test
    @Order(9)
    void darkModeTogglesAndIsRemembered() {
        String lightBackground = backgroundColor();
        WebElement toggle = driver.findElement(By.id("theme-toggle"));
        boolean wasDark = "true".equals(toggle.getDomAttribute("aria-pressed"));

        toggle.click();

        String theme = wasDark ? "light" : "dark";
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("data-theme")).isEqualTo(theme);
        assertThat(toggle.getDomAttribute("aria-pressed")).isEqualTo(wasDark ? "false" : "true");
        assertThat(backgroundColor()).isNotEqualTo(lightBackground);

        open();

        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("data-theme")).isEqualTo(theme);
        screenshot("08-" + theme + "-mode");
        driver.findElement(By.id("theme-toggle")).click();
        assertNoConsoleErrors();
    }

    @Test
    @Order(10)
    void withoutAChoiceThePageFollowsTheSystemScheme() {
        script("localStorage.removeItem('loadharness-theme')");
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            open();

            assertThat(driver.findElement(By.tagName("html")).getDomAttribute("data-theme")).isNull();
            assertThat(driver.findElement(By.id("theme-toggle")).getDomAttribute("aria-pressed")).isEqualTo("true");
            assertThat(backgroundColor()).isEqualTo("rgb(15, 20, 27)");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
        }
        open();
        assertThat(backgroundColor()).isEqualTo("rgb(243, 245, 249)");
        assertNoConsoleErrors();
    }

    @Test
    @Order(11)
    void pausedJobsPanelStopsRefreshingUntilResumed() throws InterruptedException {
        WebElement toggle = driver.findElement(By.id("jobs-auto"));
        toggle.click();
        assertThat(toggle.isSelected()).isFalse();
        String id = server.harness().startCpuJob(new CpuJobSpec(1, 10, 1)).id();
        try {
            Thread.sleep(3_000);
            assertThat(driver.findElements(By.cssSelector("#active-jobs li.job[data-job-id='" + id + "']")))
                    .as("no refresh while paused").isEmpty();

            driver.findElement(By.id("jobs-auto")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#active-jobs li.job[data-job-id='" + id + "']")));
        } finally {
            server.harness().stop(id);
        }
        assertNoConsoleErrors();
    }

    @Test
    @Order(12)
    void keyboardShortcutsSwitchTabsAndRunTheSelectedTest() {
        driver.findElement(By.tagName("body")).sendKeys("2");

        assertThat(driver.findElement(By.id("tab-memory")).getDomAttribute("aria-selected")).isEqualTo("true");
        assertThat(driver.findElement(By.id("panel-memory")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("panel-cpu")).isDisplayed()).isFalse();
        setNumber("memory-hold-size-mb", "10");
        setNumber("memory-hold-duration-ms", "200");
        driver.findElement(By.tagName("h1")).click();

        driver.findElement(By.tagName("body")).sendKeys("r");

        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#memory-hold-result .result.success")));
        assertThat(result.findElement(By.cssSelector("dd.size")).getText()).isEqualTo("10 MB");
        driver.findElement(By.tagName("body")).sendKeys("1");
        assertThat(driver.findElement(By.id("tab-cpu")).getDomAttribute("aria-selected")).isEqualTo("true");
        assertNoConsoleErrors();
    }

    @Test
    @Order(13)
    void pageIsUsableAtPhoneWidth() {
        driver.manage().window().setSize(new Dimension(375, 812));
        open();

        long viewport = (Long) script("return document.documentElement.clientWidth");
        long content = (Long) script("return document.documentElement.scrollWidth");
        assertThat(viewport).isLessThanOrEqualTo(375);
        assertThat(content).as("no horizontal scrolling at 375 px").isLessThanOrEqualTo(viewport);
        WebElement run = driver.findElement(By.cssSelector("#cpu-burn-form button[type=submit]"));
        assertThat(run.getRect().getX() + run.getRect().getWidth()).isLessThanOrEqualTo((int) viewport);
        setNumber("cpu-burn-duration-ms", "100");

        run.click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#cpu-burn-result .result.success")));
        screenshot("09-phone-375");
        assertNoConsoleErrors();
    }

    @Test
    @Order(14)
    void serverGoneShowsANetworkErrorAndThePageKeepsWorking() {
        driver.manage().window().setSize(new Dimension(1280, 1100));
        open();
        assertNoConsoleErrors();
        server.close();

        driver.findElement(By.cssSelector("#cpu-burn-form button[type=submit]")).click();

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#cpu-burn-result .result.error")));
        assertThat(error.findElement(By.cssSelector("h4")).getText()).isEqualTo("Network error");
        assertThat(error.getDomAttribute("role")).isEqualTo("alert");
        assertThat(driver.findElement(By.cssSelector("#cpu-burn-form button[type=submit]")).isEnabled())
                .as("the run button is usable again").isTrue();
        screenshot("10-server-gone");
        driver.findElement(By.id("tab-cluster")).click();
        assertThat(driver.findElement(By.id("panel-cluster")).isDisplayed()).isTrue();
        // The browser logs each refused connection, and htmx logs the error events it raises for them.
        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
                .filteredOn(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .extracting(LogEntry::getMessage)
                .allSatisfy(message -> assertThat(message).containsAnyOf("ERR_CONNECTION_REFUSED",
                        "\"htmx:sendError\"", "\"htmx:afterRequest\""))
                .noneSatisfy(message -> assertThat(message).contains("Content Security Policy"));
    }

    private static void open() {
        driver.get(url);
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete' && typeof htmx !== 'undefined'")));
    }

    private static Object script(String js) {
        return driver.executeScript(js);
    }

    private static void setNumber(String id, String value) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private static String backgroundColor() {
        return (String) script("return getComputedStyle(document.body).backgroundColor");
    }

    private static void screenshot(String name) {
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError("cannot save screenshot " + name, e);
        }
    }

    /** Every SEVERE browser log entry since the last call: script errors, failed loads, CSP violations. */
    private static void assertNoConsoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    || entry.getMessage().contains("Content Security Policy")) {
                consoleErrors.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }

}
