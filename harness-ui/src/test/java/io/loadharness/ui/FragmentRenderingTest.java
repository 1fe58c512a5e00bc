package io.loadharness.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loadharness.core.LoadHarness;
import io.pebbletemplates.pebble.error.PebbleException;
import io.loadharness.core.cpu.BurnResult;
import io.loadharness.core.fanout.CallOutcome;
import io.loadharness.core.fanout.CallSample;
import io.loadharness.core.fanout.FanOutProgress;
import io.loadharness.core.fanout.FanOutResult;
import io.loadharness.core.jobs.CpuJobSnapshot;
import io.loadharness.core.jobs.JobStatus;
import io.loadharness.core.jobs.MemoryJobSnapshot;
import io.loadharness.core.memory.MemoryReport;
import io.loadharness.core.params.BurnSpec;
import io.loadharness.core.params.CpuJobSpec;
import io.loadharness.core.params.FanOutSpec;
import io.loadharness.core.params.MemoryHoldSpec;
import io.loadharness.core.params.MemoryJobSpec;
import io.loadharness.core.params.ParamSet;
import io.loadharness.core.params.ParamSpec;
import io.loadharness.core.params.Params;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.EnumMap;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import io.loadharness.prometheus.live.FailureKind;
import io.loadharness.prometheus.live.Figure;
import io.loadharness.prometheus.live.Metric;
import io.loadharness.prometheus.live.MetricsSnapshot;
import io.loadharness.prometheus.live.Reading;
import io.loadharness.prometheus.live.Source;
import io.loadharness.prometheus.live.Unavailable;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fragment and the page rendered and checked structurally, including hostile values. */
class FragmentRenderingTest {

    private static final String HOSTILE = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    /** Two workers where the machine has them. */
    private static final int CORES = (int) Math.min(2, Params.CORES.max());
    private static final Views VIEWS = new Views(new Templates(), "/ui");
    private static LoadHarness harness;

    @BeforeAll
    static void harness() {
        harness = LoadHarness.builder().podName("pod-a").build();
    }

    @AfterAll
    static void close() {
        harness.close();
    }

    private static Document page(String environment, String podName, Views views) {
        Map<String, Object> model = new HashMap<>();
        model.put("environment", environment);
        model.put("podName", podName);
        model.put("tabs", Forms.tabs(views.base()));
        model.put("jobs", JobsService.view(harness, ""));
        model.put("chartWindowSeconds", 60L);
        return Jsoup.parse(views.render("dashboard", model));
    }

    private static Element fragment(String template, String name, Object value) {
        return Jsoup.parseBodyFragment(VIEWS.render(template, Map.of(name, value))).body();
    }

    @Test
    void strictVariablesRejectAMissingVariable() {
        assertThatThrownBy(() -> VIEWS.render("partials/error", Map.of()))
                .isInstanceOf(PebbleException.class)
                .hasMessageContaining("error");
    }

    @Test
    void templatesAreReadThroughTheModule() {
        ModuleLoader loader = new ModuleLoader();
        loader.setPrefix("io/loadharness/ui/templates/");
        loader.setSuffix(".peb");

        assertThat(loader.resourceExists("partials/active_jobs")).isTrue();
        assertThat(loader.resourceExists("partials/nope")).isFalse();
        assertThatThrownBy(() -> loader.getReader("partials/nope")).isInstanceOf(PebbleException.class)
                .hasMessageContaining("partials/nope");
    }

    @Test
    void pageHasHeaderTitleAndFavicon() {
        Document page = page("staging", "pod-a", VIEWS);

        assertThat(page.title()).isEqualTo("LoadHarness Dashboard · staging");
        assertThat(page.selectFirst("h1").text()).isEqualTo("LoadHarness Dashboard");
        assertThat(page.selectFirst(".badge.env").text()).isEqualTo("Environment: staging");
        assertThat(page.selectFirst("#pod-name").text()).isEqualTo("pod-a");
        assertThat(page.selectFirst("link[rel=icon]").attr("href")).isEqualTo("/ui/assets/favicon.svg");
        assertThat(page.selectFirst("meta[name=viewport]").attr("content")).contains("width=device-width");
    }

    @Test
    void pageHasNoInlineScriptStyleOrHandlers() {
        Document page = page("staging", "pod-a", VIEWS);

        assertThat(page.select("script")).isNotEmpty().allSatisfy(script -> {
            assertThat(script.attr("src")).startsWith("/ui/assets/");
            assertThat(script.data()).isBlank();
        });
        assertThat(page.select("style")).isEmpty();
        assertThat(page.select("[style]")).isEmpty();
        assertThat(page.getAllElements()).allSatisfy(element -> assertThat(element.attributes().asList())
                .noneSatisfy(attribute -> assertThat(attribute.getKey()).startsWith("on")))
                .allSatisfy(element -> assertThat(element.attributes().asList())
                        .noneSatisfy(attribute -> assertThat(attribute.getKey()).startsWith("hx-on")));
        assertThat(page.select("[src^=http], [href^=http]")).isEmpty();
    }

    @Test
    void htmxIsConfiguredForTheCspAndToSwapRejections() {
        String config = page("staging", "pod-a", VIEWS).selectFirst("meta[name=htmx-config]").attr("content");

        assertThat(config).contains("\"includeIndicatorStyles\":false").contains("\"allowEval\":false")
                .contains("\"disableInheritance\":true")
                .contains("422").contains("403");
    }

    @Test
    void hostileEnvironmentAndPodNameAreEscaped() {
        Document page = page(HOSTILE, HOSTILE, VIEWS);

        assertThat(page.selectFirst("#pod-name").text()).isEqualTo(HOSTILE);
        assertThat(page.selectFirst(".badge.env").text()).isEqualTo("Environment: " + HOSTILE);
        assertThat(page.select("img[onerror]")).isEmpty();
        assertThat(page.select("script:not([src])")).isEmpty();
    }

    @Test
    void tabsAreCpuMemoryClusterWithTheFirstSelected() {
        Document page = page("local", "pod-a", VIEWS);

        assertThat(page.select("[role=tab]").eachText()).containsExactly("CPU Load", "Memory Load", "Cluster Load");
        assertThat(page.select("[role=tab]").eachAttr("aria-selected")).containsExactly("true", "false", "false");
        assertThat(page.selectFirst("#panel-cpu").hasAttr("hidden")).isFalse();
        assertThat(page.selectFirst("#panel-memory").hasAttr("hidden")).isTrue();
        assertThat(page.selectFirst("#panel-cluster").hasAttr("hidden")).isTrue();
        assertThat(page.select("#panel-cpu form").eachAttr("hx-post"))
                .containsExactly("/ui/partials/cpu-burn-result", "/ui/partials/cpu-result");
        assertThat(page.select("#panel-memory form").eachAttr("hx-post"))
                .containsExactly("/ui/partials/memory-result", "/ui/partials/memory-job-result");
        assertThat(page.select("#panel-cluster form").eachAttr("hx-post")).containsExactly("/ui/partials/cluster-result");
    }

    static Stream<Arguments> formFields() {
        return Stream.of(
                Arguments.of("cpu-burn", BurnSpec.PARAMS), Arguments.of("cpu-job", CpuJobSpec.PARAMS),
                Arguments.of("memory-hold", MemoryHoldSpec.PARAMS), Arguments.of("memory-job", MemoryJobSpec.PARAMS),
                Arguments.of("cluster", FanOutSpec.PARAMS));
    }

    @ParameterizedTest
    @MethodSource("formFields")
    void everyFieldIsALabelledSliderBoundToANumberWithTheSpecsRangeAndDefault(String formId, ParamSet<?> set) {
        Element form = page("local", "pod-a", VIEWS).getElementById(formId + "-form");

        assertThat(form.select("input[type=number]").eachAttr("name"))
                .containsExactlyElementsOf(set.params().stream().map(ParamSpec::name).toList());
        for (ParamSpec spec : set.params()) {
            Element number = form.selectFirst("input[type=number][name=" + spec.name() + "]");
            Element range = form.selectFirst("input[type=range][data-bind=" + number.id() + "]");
            assertThat(range).as("slider for %s", spec.name()).isNotNull();
            assertThat(range.hasAttr("name")).as("the slider is not posted").isFalse();
            for (Element input : List.of(number, range)) {
                assertThat(input.attr("min")).isEqualTo(Long.toString(spec.min()));
                assertThat(input.attr("max")).isEqualTo(Long.toString(spec.max()));
                assertThat(input.attr("value")).isEqualTo(Long.toString(spec.defaultValue()));
            }
            assertThat(form.selectFirst("label[for=" + number.id() + "]").text()).isEqualTo(spec.label());
            assertThat(range.attr("aria-label")).isEqualTo(spec.label() + " slider");
        }
        Element section = form.parent();
        assertThat(form.select(".result-slot")).as("results live outside the form, inheriting nothing").isEmpty();
        assertThat(section.selectFirst(".result-slot").id()).isEqualTo(formId + "-result");
        assertThat(section.selectFirst(".result-slot").attr("aria-live")).isEqualTo("polite");
        assertThat(section.selectFirst(".htmx-indicator .spinner")).isNotNull();
        assertThat(section.selectFirst(".htmx-indicator").text()).contains("Running test...")
                .contains("Taking longer than expected...");
        assertThat(form.attr("hx-indicator")).isEqualTo("#" + formId + "-loading");
        assertThat(form.attr("hx-target")).isEqualTo("#" + formId + "-result");
    }

    @Test
    void coresGoUpToThisMachinesCores() {
        Element cores = page("local", "pod-a", VIEWS).selectFirst("#cpu-job-cores");

        assertThat(cores.attr("max")).isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void everyLinkAndHtmxUrlFollowsThePrefix() {
        Views prefixed = new Views(new Templates(), Dashboard.basePath("/loadharness"));
        Document page = page("local", "pod-a", prefixed);

        List<String> urls = new ArrayList<>();
        for (String attribute : List.of("hx-get", "hx-post", "src", "href")) {
            urls.addAll(page.select("[" + attribute + "]").eachAttr(attribute));
        }
        assertThat(urls).hasSizeGreaterThan(10).allSatisfy(url -> assertThat(url).startsWith("/loadharness/ui/"));
    }

    @Test
    void errorFragmentEscapesItsMessage() {
        Element body = fragment("partials/error", "error", new Views.ErrorView("Invalid value", HOSTILE, 422));

        Element error = body.selectFirst(".result.error");
        assertThat(error.attr("role")).isEqualTo("alert");
        assertThat(error.selectFirst("h4").text()).isEqualTo("Invalid value");
        assertThat(error.selectFirst(".message").text()).isEqualTo(HOSTILE);
        assertThat(body.select("img, script")).isEmpty();
    }

    @Test
    void burnResultShowsDurationAndIterationsWithSeparators() {
        Element body = fragment("partials/cpu_burn_result", "burn",
                CpuService.BurnView.of(new BurnResult(502.34, 45_230, 5, 0)));

        assertThat(body.selectFirst("h4").text()).isEqualTo("Completed in 502.3 ms");
        assertThat(body.selectFirst("dd.iterations").text()).isEqualTo("45,230");
        assertThat(body.selectFirst("dd.complexity").text()).isEqualTo("5");
    }

    @Test
    void cpuJobResultShowsTheJob() {
        CpuJobSnapshot job = cpuJob("job_1", JobStatus.RUNNING, 0.25, 0.49, null);

        Element body = fragment("partials/cpu_result", "job", CpuService.CpuJobStarted.of(job));

        assertThat(body.selectFirst("h4").text()).isEqualTo("CPU job started");
        assertThat(body.selectFirst("dd.job-id").text()).isEqualTo("job_1");
        assertThat(body.selectFirst("dd.cores").text()).isEqualTo(Integer.toString(CORES));
        assertThat(body.selectFirst("dd.duration").text()).isEqualTo("1 min");
        assertThat(body.selectFirst("dd.intensity").text()).isEqualTo("5 (50% busy)");
        assertThat(body.selectFirst("dd.ends-at").text()).isEqualTo("12:01:00 UTC");
    }

    @Test
    void memoryHoldResultShowsRssOrADash() {
        MemoryReport report = new MemoryReport(100, 2000.44, 35.2, OptionalLong.of(80L << 20),
                OptionalLong.of(180L << 20), OptionalLong.empty());

        Element body = fragment("partials/memory_result", "hold", MemoryService.HoldView.of(report));

        assertThat(body.selectFirst("h4").text()).isEqualTo("Held 100 MB for 2,000.4 ms");
        assertThat(body.selectFirst("dd.rss-before").text()).isEqualTo("80.0 MB");
        assertThat(body.selectFirst("dd.rss-peak").text()).isEqualTo("180.0 MB");
        assertThat(body.selectFirst("dd.rss-after").text()).isEqualTo("-");
    }

    @Test
    void memoryJobResultShowsTheJob() {
        Element body = fragment("partials/memory_job_result", "job",
                MemoryService.MemoryJobStarted.of(memoryJob("job_2", JobStatus.RUNNING, 100L << 20)));

        assertThat(body.selectFirst("h4").text()).isEqualTo("Memory job started");
        assertThat(body.selectFirst("dd.size").text()).isEqualTo("100 MB");
        assertThat(body.selectFirst("dd.duration").text()).isEqualTo("2 min");
        assertThat(body.selectFirst("dd.allocation").text()).isEqualTo("12.5 ms");
    }

    @Test
    void jobsPanelHasAnEmptyState() {
        Element body = fragment("partials/active_jobs", "jobs", new JobsService.JobsView(List.of(), 0, ""));

        assertThat(body.selectFirst(".empty").text()).startsWith("No active jobs.");
        assertThat(body.select("li.job")).isEmpty();
        assertThat(body.select(".notice")).isEmpty();
    }

    @Test
    void runningCpuJobShowsProgressTimeLeftUtilisationAndStop() {
        JobsService.JobsView view = new JobsService.JobsView(
                List.of(JobsService.row(cpuJob("job_1", JobStatus.RUNNING, 0.25, 0.487, null))), 1, "");

        Element job = fragment("partials/active_jobs", "jobs", view).selectFirst("li.job");

        assertThat(job.attr("data-job-id")).isEqualTo("job_1");
        assertThat(job.selectFirst(".badge.type").text()).isEqualTo("CPU");
        assertThat(job.selectFirst(".badge.status").text()).isEqualTo("running");
        assertThat(job.selectFirst(".job-params").text())
                .isEqualTo(CORES + (CORES == 1 ? " core" : " cores") + " · 1 min · intensity 5");
        assertThat(job.selectFirst("progress").attr("value")).isEqualTo("25");
        assertThat(job.selectFirst(".time-left").text()).isEqualTo("45 s left");
        assertThat(job.selectFirst("dd.workers").text()).isEqualTo(CORES + "/" + CORES + " workers");
        assertThat(job.selectFirst("dd.target").text()).isEqualTo("50.0%");
        assertThat(job.selectFirst("dd.achieved").text()).isEqualTo("48.7%");
        assertThat(job.selectFirst("button.stop").attr("hx-post")).isEqualTo("/ui/partials/active-jobs/job_1/stop");
    }

    @Test
    void cpuJobBeforeItsFirstMeasurementShowsADash() {
        JobsService.JobRow row = JobsService.row(cpuJob("job_1", JobStatus.RUNNING, 0.0, Double.NaN, null));

        assertThat(row.achieved()).isEqualTo("-");
    }

    @Test
    void finishedAndFailedJobsHaveNoStopButton() {
        JobsService.JobsView view = new JobsService.JobsView(List.of(
                JobsService.row(memoryJob("job_2", JobStatus.COMPLETED, 0)),
                JobsService.row(cpuJob("job_3", JobStatus.FAILED, 0.5, 0.4, HOSTILE))), 0, "Stopped 2 jobs.");

        Element body = fragment("partials/active_jobs", "jobs", view);

        assertThat(body.selectFirst(".notice").text()).isEqualTo("Stopped 2 jobs.");
        assertThat(body.select("button.stop")).isEmpty();
        Element memory = body.selectFirst("li.job[data-job-id=job_2]");
        assertThat(memory.selectFirst("dd.held").text()).isEqualTo("0.0 MB");
        assertThat(memory.selectFirst(".time-left").text()).isEqualTo("-");
        Element failed = body.selectFirst("li.job[data-job-id=job_3]");
        assertThat(failed.selectFirst(".failure").text()).isEqualTo(HOSTILE);
        assertThat(body.select("img, script")).isEmpty();
    }

    @Test
    void clusterResultShowsPercentilesFailuresAndABarPerPod() {
        List<CallSample> samples = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            samples.add(new CallSample(CallOutcome.OK, 200, i <= 4 ? "pod-a" : HOSTILE, i * 1_000_000L, i));
        }
        samples.add(new CallSample(CallOutcome.TIMEOUT, 0, null, 9_000_000L, 7));
        samples.add(new CallSample(CallOutcome.HTTP_STATUS, 503, "pod-a", 1_000_000L, 8));
        FanOutResult result = FanOutResult.aggregate(8, samples, 2_000_000_000L, false);

        Element body = fragment("partials/cluster_result", "cluster", ClusterService.ResultView.of(result, "http://svc"));

        Element card = body.selectFirst(".cluster-result.success");
        assertThat(card.selectFirst("h4").text()).isEqualTo("Completed 8 calls in 2,000.0 ms");
        assertThat(card.selectFirst("dd.requests").text()).isEqualTo("8 of 8");
        assertThat(card.selectFirst("dd.succeeded").text()).isEqualTo("6");
        assertThat(card.selectFirst("dd.failed").text()).isEqualTo("2");
        assertThat(card.selectFirst("dd.p50").text()).isEqualTo("3.0 ms");
        assertThat(card.selectFirst("dd.p99").text()).isEqualTo("6.0 ms");
        assertThat(card.selectFirst("dd.throughput").text()).isEqualTo("4.0 req/s");
        assertThat(card.selectFirst("dd.unique-pods").text()).isEqualTo("2");
        assertThat(card.select("ul.failures li").eachText())
                .containsExactlyInAnyOrder("timeout 1", "http_status 1", "HTTP 503 1");
        assertThat(card.select("li.pod-share .pod-name").eachText()).containsExactly("pod-a", HOSTILE);
        assertThat(card.select("li.pod-share progress").eachAttr("value")).containsExactly("5", "2");
        assertThat(card.select("li.pod-share progress").eachAttr("max")).containsOnly("7");
        assertThat(card.selectFirst("li.pod-share .pod-figures").text()).startsWith("5 · 71.4%");
        assertThat(body.select("img, script")).isEmpty();
    }

    @Test
    void clusterResultWhereEveryCallFailedIsAnError() {
        List<CallSample> samples = List.of(new CallSample(CallOutcome.CONNECTION_ERROR, 0, null, 1_000L, 1),
                new CallSample(CallOutcome.CONNECTION_ERROR, 0, null, 1_000L, 2));
        FanOutResult result = FanOutResult.aggregate(2, samples, 1_000_000L, false);

        Element card = fragment("partials/cluster_result", "cluster", ClusterService.ResultView.of(result, "http://svc"))
                .selectFirst(".cluster-result");

        assertThat(card.hasClass("error")).isTrue();
        assertThat(card.selectFirst("h4").text()).isEqualTo("All requests failed");
        assertThat(card.selectFirst(".message").text()).contains("http://svc");
        assertThat(card.selectFirst("dd.p50").text()).isEqualTo("-");
        assertThat(card.select("li.pod-share")).isEmpty();
    }

    @Test
    void cancelledClusterResultSaysSo() {
        FanOutResult result = FanOutResult.aggregate(10,
                List.of(new CallSample(CallOutcome.OK, 200, "pod-a", 1_000_000L, 1)), 1_000_000L, true);

        Element card = fragment("partials/cluster_result", "cluster", ClusterService.ResultView.of(result, ""))
                .selectFirst(".cluster-result");

        assertThat(card.selectFirst("h4").text()).isEqualTo("Cancelled after 1 of 10 calls");
    }

    @Test
    void clusterProgressPollsAndOffersCancel() {
        Element body = fragment("partials/cluster_progress", "run",
                ClusterService.ProgressView.of("run_7", new FanOutProgress(5_000, 1_234, 1_230, 4, 4.2, 250, false)));

        Element card = body.selectFirst(".cluster-progress");
        assertThat(card.attr("hx-get")).isEqualTo("/ui/partials/cluster-runs/run_7");
        assertThat(card.attr("hx-trigger")).isEqualTo("every 1s");
        assertThat(card.attr("hx-swap")).isEqualTo("outerHTML");
        assertThat(card.selectFirst("progress").attr("max")).isEqualTo("5000");
        assertThat(card.selectFirst("progress").attr("value")).isEqualTo("1234");
        assertThat(card.selectFirst("dd.done").text()).isEqualTo("1,234 of 5,000");
        assertThat(card.selectFirst("dd.rate").text()).isEqualTo("250.0 req/s");
        assertThat(card.selectFirst("button.cancel").attr("hx-post")).isEqualTo("/ui/partials/cluster-runs/run_7/cancel");
    }

    @Test
    void pageLoadsMetricsAndChartHistoryAfterItselfSoPrometheusCannotDelayIt() {
        Document page = page("local", "pod-a", VIEWS);

        Element panel = page.getElementById("live-metrics");
        assertThat(panel.attr("hx-get")).isEqualTo("/ui/partials/live-metrics");
        assertThat(panel.attr("hx-trigger")).isEqualTo("load, every 5s");
        assertThat(panel.text()).isEqualTo("Reading live metrics...");
        Element charts = page.getElementById("metrics-charts");
        assertThat(charts.attr("data-history-url")).isEqualTo("/ui/api/metrics-history?window_seconds=60");
        assertThat(charts.attr("data-window-seconds")).isEqualTo("60");
        assertThat(charts.select("canvas").eachAttr("id")).containsExactly("chart-cpu", "chart-memory", "chart-rps");
        assertThat(charts.select("canvas").eachAttr("aria-label")).allSatisfy(label -> assertThat(label).endsWith("60 seconds"));
    }

    @Test
    void metricsFromPrometheusShowBarsDotsAndValues() {
        MetricsSnapshot snapshot = snapshot(Source.PROMETHEUS, Optional.empty(), Reading.of(Metric.CPU, 78.3));

        Element body = fragment("partials/live_metrics", "metrics", MetricsService.MetricsView.of(snapshot, "http://prom:9090"));

        assertThat(body.select(".metrics-unavailable")).isEmpty();
        assertThat(body.selectFirst(".badge.source").text()).isEqualTo("From Prometheus");
        assertThat(body.selectFirst(".figure.cpu meter").attr("value")).isEqualTo("78.3");
        assertThat(body.selectFirst(".figure.cpu .figure-value").text()).isEqualTo("78.3 %");
        assertThat(body.selectFirst(".figure.memory meter").attr("value")).isEqualTo("32.0");
        assertThat(body.selectFirst(".figure.pods .figure-value").text()).isEqualTo("3/5");
        assertThat(body.select(".figure.pods .dot")).hasSize(5);
        assertThat(body.select(".figure.pods .dot.on")).hasSize(3);
        assertThat(body.selectFirst(".figure.rps .figure-value").text()).isEqualTo("45.0 req/s");
        assertThat(body.selectFirst(".figure.response .figure-value").text()).isEqualTo("125 ms");
        Element point = body.selectFirst("#metrics-point");
        assertThat(point.attr("data-t")).isEqualTo(Long.toString(NOW.toEpochMilli()));
        assertThat(point.attr("data-cpu")).isEqualTo("78.300");
        assertThat(point.attr("data-rps")).isEqualTo("45.000");
    }

    @Test
    void aSingleFailedFigureShowsADashWithItsReasonAsTooltip() {
        MetricsSnapshot snapshot = snapshot(Source.PROMETHEUS, Optional.empty(),
                new Unavailable(Metric.CPU, FailureKind.PROMETHEUS_ERROR, "bad_data: " + HOSTILE));

        Element body = fragment("partials/live_metrics", "metrics", MetricsService.MetricsView.of(snapshot, "http://prom:9090"));

        Element cpu = body.selectFirst(".figure.cpu .figure-value");
        assertThat(cpu.text()).isEqualTo("-");
        assertThat(cpu.hasClass("missing")).isTrue();
        assertThat(cpu.attr("title")).isEqualTo("bad_data: " + HOSTILE);
        assertThat(body.select(".figure.cpu meter")).isEmpty();
        assertThat(body.selectFirst(".figure.memory .figure-value").text()).isEqualTo("32.0 %");
        assertThat(body.select(".metrics-unavailable")).isEmpty();
        assertThat(body.selectFirst("#metrics-point").attr("data-cpu")).isEmpty();
        assertThat(body.select("img, script")).isEmpty();
    }

    @Test
    void prometheusDownShowsTheBannerWithRetryAndThisProcesssFigures() {
        MetricsSnapshot snapshot = snapshot(Source.LOCAL,
                Optional.of("Prometheus unreachable: Connection refused"), Reading.of(Metric.CPU, 12.0));

        Element body = fragment("partials/live_metrics", "metrics",
                MetricsService.MetricsView.of(snapshot, "http://127.0.0.1:9/<x>"));

        Element banner = body.selectFirst(".metrics-unavailable");
        assertThat(banner.selectFirst("strong").text())
                .isEqualTo("Metrics unavailable - Prometheus not connected at http://127.0.0.1:9/<x>");
        assertThat(banner.select(".note").eachText()).contains("Prometheus unreachable: Connection refused");
        assertThat(banner.selectFirst("button.retry").attr("hx-get")).isEqualTo("/ui/partials/live-metrics");
        assertThat(banner.selectFirst("button.retry").attr("hx-target")).isEqualTo("#live-metrics");
        assertThat(body.selectFirst(".badge.source").text()).isEqualTo("From this process");
        assertThat(body.selectFirst(".figure.cpu .figure-value").text()).isEqualTo("12.0 %");
    }

    @Test
    void everyFigureUnreachableWithoutFallbackStillShowsTheBanner() {
        Map<Metric, Figure> figures = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            figures.put(metric, new Unavailable(metric, FailureKind.UNREACHABLE, "Connection refused"));
        }
        MetricsSnapshot snapshot = new MetricsSnapshot(Source.PROMETHEUS, NOW, Duration.ofMillis(3), figures,
                Optional.empty());

        Element body = fragment("partials/live_metrics", "metrics", MetricsService.MetricsView.of(snapshot, "http://prom:9090"));

        assertThat(body.selectFirst(".metrics-unavailable strong").text()).endsWith("at http://prom:9090");
        assertThat(body.select(".figure-value").eachText()).containsOnly("-");
        assertThat(body.select(".figure-value").eachAttr("title")).containsOnly("Connection refused");
    }

    @Test
    void metricsNotConfiguredSaySo() {
        Element body = fragment("partials/live_metrics", "metrics", MetricsService.MetricsView.notConfigured());

        assertThat(body.selectFirst(".empty").text()).isEqualTo("Live metrics are not configured for this server.");
        assertThat(body.select(".figure")).isEmpty();
    }

    private static MetricsSnapshot snapshot(Source source, Optional<String> note, Figure cpu) {
        Map<Metric, Figure> figures = new EnumMap<>(Metric.class);
        figures.put(Metric.CPU, cpu);
        figures.put(Metric.MEMORY, Reading.of(Metric.MEMORY, 32.0));
        figures.put(Metric.PODS, new Reading(Metric.PODS, 3, OptionalDouble.of(5)));
        figures.put(Metric.REQUEST_RATE, Reading.of(Metric.REQUEST_RATE, 45));
        figures.put(Metric.RESPONSE_TIME, Reading.of(Metric.RESPONSE_TIME, 125));
        return new MetricsSnapshot(source, NOW, Duration.ofMillis(12), figures, note);
    }

    private static CpuJobSnapshot cpuJob(String id, JobStatus status, double progress, double achieved, String failure) {
        return new CpuJobSnapshot(id, status, new CpuJobSpec(CORES, 60, 5),
                NOW, NOW.plus(Duration.ofSeconds(60)), status == JobStatus.RUNNING ? null : NOW,
                status == JobStatus.RUNNING ? 60 * (1 - progress) : 0, progress, CORES, achieved, failure);
    }

    private static MemoryJobSnapshot memoryJob(String id, JobStatus status, long heldBytes) {
        return new MemoryJobSnapshot(id, status, new MemoryJobSpec(100, 120), NOW, NOW.plus(Duration.ofSeconds(120)),
                status == JobStatus.RUNNING ? null : NOW, status == JobStatus.RUNNING ? 90 : 0,
                status == JobStatus.RUNNING ? 0.25 : 1, heldBytes, 12.5, null);
    }
}
