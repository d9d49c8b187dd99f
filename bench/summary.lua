-- wrk prints this one line when a run ends: requests per second, p50, p95 and p99 in
-- milliseconds, failed requests (non-2xx or socket errors), and all requests.
done = function(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    failed, summary.requests))
end
