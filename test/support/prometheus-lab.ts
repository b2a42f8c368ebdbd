// The Prometheus lab: a real node_exporter and a real Prometheus (Debian's
// prometheus 2.42 and prometheus-node-exporter 1.5) on free 127.0.0.1 ports,
// Prometheus scraping node_exporter and itself every second.
//
// API (kept stable; the alerts and e2e tests use it too):
//
//   const lab = await startPrometheusLab();        // resolves once both targets were scraped (`up` == 1)
//   lab.promUrl               'http://127.0.0.1:PORT'  (no trailing slash)
//   lab.nodeExporterUrl       'http://127.0.0.1:PORT'
//   lab.nodeExporterInstance  '127.0.0.1:PORT'  — the `instance` label of node_exporter's series
//   lab.jobs                  { node: 'node', prometheus: 'prometheus' } — the `job` labels
//   await lab.stopPrometheus()   // Prometheus gone (connection refused); node_exporter keeps running
//   await lab.startPrometheus()  // back on the same port with the same data dir; resolves after a fresh scrape
//   await lab.stop()             // everything stopped, temp dir removed (call it in afterAll)
//   lab.logs()                   // Prometheus's and node_exporter's logs so far (for failure messages)
//
// Options: scrapeIntervalSec (default 1), enableLifecycle (adds --web.enable-lifecycle),
// extraScrapeJobs ([{ job, targets: ['127.0.0.1:PORT'] }]) for more scraped endpoints.
// Processes are registered with the lab's exit hook, so a crashed test leaves none behind.
// The implementation lives in main/lab/prometheus.ts, shared with `opsroom lab`.
export { startPrometheusLab, type PrometheusLab, type PrometheusLabOptions } from '../../main/lab/prometheus';
