//! The figures: throughput, latency percentiles, errors, and CPU time of the
//! server and of the generator itself over the measured window.

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::json;
use tokio::time::{sleep_until, Instant};

use crate::{Plan, Shared};

/// CPU and memory of a process, from `/proc`.
#[derive(Debug, Default, Clone, Copy)]
struct ProcSample {
    /// User plus system time, in clock ticks.
    ticks: u64,
    /// Resident memory, in KiB.
    rss_kib: u64,
}

fn proc_sample(pid: &str) -> Option<ProcSample> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may contain spaces), which ends with ')'.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line; `rest` starts at field 3.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let rss_kib = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    Some(ProcSample {
        ticks: utime + stime,
        rss_kib,
    })
}

/// CPU use over the measured window, in percent of one core (200 = both cores).
#[derive(Debug, Default, Clone, Copy)]
pub struct Usage {
    /// The server, when `--server-pid` was given.
    pub server_cpu: Option<f64>,
    /// The server's resident memory at the end of the window, MiB.
    pub server_rss_mib: Option<f64>,
    /// The generator.
    pub generator_cpu: Option<f64>,
    /// The generator's resident memory at the end of the window, MiB.
    pub generator_rss_mib: Option<f64>,
}

/// Samples `/proc` at the start and end of the measured window.
pub struct Sampler {
    server: Option<String>,
}

impl Sampler {
    /// A sampler of the server (if its pid is known) and of this process.
    pub fn new(server_pid: Option<u32>) -> Self {
        Self {
            server: server_pid.map(|p| p.to_string()),
        }
    }

    /// Waits for the window and measures it.
    pub async fn sample(self, from: Instant, until: Instant) -> Usage {
        // Clock ticks per second: 100 on every Linux this runs on.
        const TICKS: f64 = 100.0;
        sleep_until(from).await;
        let server_start = self.server.as_deref().and_then(proc_sample);
        let own_start = proc_sample("self");
        let started = Instant::now();
        sleep_until(until).await;
        let seconds = started.elapsed().as_secs_f64().max(0.001);
        let server_end = self.server.as_deref().and_then(proc_sample);
        let own_end = proc_sample("self");
        let cpu = |a: Option<ProcSample>, b: Option<ProcSample>| {
            a.zip(b)
                .map(|(a, b)| b.ticks.saturating_sub(a.ticks) as f64 / TICKS / seconds * 100.0)
        };
        Usage {
            server_cpu: cpu(server_start, server_end),
            server_rss_mib: server_end.map(|s| s.rss_kib as f64 / 1024.0),
            generator_cpu: cpu(own_start, own_end),
            generator_rss_mib: own_end.map(|s| s.rss_kib as f64 / 1024.0),
        }
    }
}

/// The outcome of a run.
pub struct Report {
    value: serde_json::Value,
}

impl Report {
    /// Collects the figures.
    pub fn new(
        shared: &Shared,
        plan: &Plan,
        setup: Duration,
        paired: u64,
        usage: Usage,
        offered: f64,
        fanout: u64,
    ) -> Self {
        let histogram = shared.latency.lock().unwrap_or_else(|e| e.into_inner());
        let ms = |q: f64| histogram.value_at_quantile(q) as f64 / 1000.0;
        let window = plan
            .send_until
            .saturating_duration_since(plan.measure_from)
            .as_secs_f64()
            .max(0.001);
        let sent = shared.sent.load(Ordering::Relaxed);
        let delivered = shared.delivered.load(Ordering::Relaxed);
        let errors = shared.errors.lock().unwrap_or_else(|e| e.into_inner());
        let error_total: u64 = errors.values().sum();
        let value = json!({
            "scenario": format!("{:?}", shared.args.scenario).to_lowercase(),
            "chats": shared.args.chats,
            "rooms": shared.args.rooms,
            "members": shared.args.members,
            "paired": paired,
            "fanout": fanout,
            "interval_ms": shared.args.interval_ms,
            "duration_secs": shared.args.duration_secs,
            "warmup_secs": shared.args.warmup_secs,
            "setup_secs": (setup.as_secs_f64() * 10.0).round() / 10.0,
            "offered_msgs_per_sec": offered.round(),
            "sent": sent,
            "delivered": delivered,
            "undelivered": (sent * fanout).saturating_sub(delivered),
            "acked": shared.acked.load(Ordering::Relaxed),
            "msgs_per_sec": (delivered as f64 / window).round(),
            "latency_ms": {
                "p50": ms(0.50), "p90": ms(0.90), "p99": ms(0.99), "p999": ms(0.999),
                "max": histogram.max() as f64 / 1000.0, "count": histogram.len(),
            },
            "errors": error_total,
            "error_kinds": &*errors,
            "server_cpu_percent": usage.server_cpu.map(|c| c.round()),
            "server_rss_mib": usage.server_rss_mib.map(|c| c.round()),
            "generator_cpu_percent": usage.generator_cpu.map(|c| c.round()),
            "generator_rss_mib": usage.generator_rss_mib.map(|c| c.round()),
        });
        Self { value }
    }

    /// Prints a summary and one `RESULT {json}` line for scripts.
    pub fn print(&self) {
        let v = &self.value;
        let l = &v["latency_ms"];
        println!(
            "{} | ready {} | setup {} s | offered {} sends/s | delivered {} msg/s ({} deliveries of {} measured sends × {}, {} undelivered)",
            v["scenario"], v["paired"], v["setup_secs"], v["offered_msgs_per_sec"], v["msgs_per_sec"],
            v["delivered"], v["sent"], v["fanout"], v["undelivered"]
        );
        println!(
            "latency from scheduled send to delivery (ms): p50 {} p90 {} p99 {} p99.9 {} max {}",
            l["p50"], l["p90"], l["p99"], l["p999"], l["max"]
        );
        println!(
            "cpu (% of one core): server {} generator {} | rss MiB: server {} generator {}",
            v["server_cpu_percent"],
            v["generator_cpu_percent"],
            v["server_rss_mib"],
            v["generator_rss_mib"]
        );
        println!("errors {}: {}", v["errors"], v["error_kinds"]);
        println!("RESULT {v}");
    }
}
