//! `yorisoi-load`: a load generator for the websockets.
//!
//! A separate process from the server. In the `chat` scenario it opens N
//! teen–counsellor chats against a running server on this machine, then both
//! sides of every chat send on a fixed schedule. In the `salon` scenario it fills
//! rooms with members who all post on a fixed schedule, and measures every
//! delivery of every post to every other member (fan-out). Latency is measured from the time a message was *due*, not from when
//! it left, so a stalled server (or a stalled generator) cannot hide its delay
//! (no coordinated omission). See `docs/performance.md`.

mod chat;
mod http;
mod report;
mod salon;

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use clap::Parser;
use hdrhistogram::Histogram;
use tokio::sync::{mpsc, oneshot, watch, Semaphore};
use tokio::time::Instant;

/// Opens N concurrent teen–counsellor chats against a running Yorisoi server and
/// reports delivered messages per second and latency from the scheduled send time.
#[derive(Parser, Debug, Clone)]
#[command(name = "yorisoi-load", version)]
pub struct Args {
    /// What to load: 1:1 chats, or salon rooms.
    #[arg(long, value_enum, default_value_t = Scenario::Chat)]
    pub scenario: Scenario,
    /// Salon: rooms.
    #[arg(long, default_value_t = 2)]
    pub rooms: usize,
    /// Salon: members per room (each one device, posting every `--interval-ms`).
    #[arg(long, default_value_t = 100)]
    pub members: usize,
    /// The server, on this machine (127.0.0.0/8 or localhost only).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    pub url: String,
    /// The `Origin` sent with every request; defaults to the URL's own origin.
    #[arg(long)]
    pub origin: Option<String>,
    /// Concurrent chats (each one teen device and a share of a counsellor).
    #[arg(long, default_value_t = 100)]
    pub chats: usize,
    /// Each side of each chat sends one message every this many milliseconds.
    #[arg(long, default_value_t = 2000)]
    pub interval_ms: u64,
    /// Measured seconds (after the warm-up).
    #[arg(long, default_value_t = 30)]
    pub duration_secs: u64,
    /// Seconds of sending before measuring starts.
    #[arg(long, default_value_t = 5)]
    pub warmup_secs: u64,
    /// Seconds to wait, after the last scheduled send, for late deliveries.
    #[arg(long, default_value_t = 5)]
    pub drain_secs: u64,
    /// Give up on chats not paired within this many seconds of setup.
    #[arg(long, default_value_t = 600)]
    pub setup_timeout_secs: u64,
    /// Counsellor groups (one counsellor and its chats) set up at once.
    #[arg(long, default_value_t = 32)]
    pub setup_concurrency: usize,
    /// Chats per counsellor (the server allows 1 to 6).
    #[arg(long, default_value_t = 6)]
    pub capacity: usize,
    /// An administrator who may create lines and accounts.
    #[arg(long, env = "YORISOI_LOAD_ADMIN_USER", default_value = "demo-admin")]
    pub admin_user: String,
    /// That administrator's password.
    #[arg(long, env = "YORISOI_LOAD_ADMIN_PASSWORD")]
    pub admin_password: String,
    /// The line the chats start on; created (always open) through the admin API.
    #[arg(long, default_value = "load-anytime")]
    pub line: String,
    /// Counsellor accounts are named `<prefix>-<n>`; existing ones are reused.
    #[arg(long, default_value = "load-counsellor")]
    pub account_prefix: String,
    /// Connect from many loopback source addresses (127.x.y.z), one per counsellor
    /// group, as real clients would; per-address rate limits then apply per group.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    pub spread_sources: bool,
    /// The server's process id, to sample its CPU time and memory during the run.
    #[arg(long)]
    pub server_pid: Option<u32>,
    /// Leave the chats open at the end instead of ending them with a wrap-up.
    #[arg(long)]
    pub keep_chats: bool,
}

/// The kind of load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Scenario {
    /// Teen–counsellor chats.
    Chat,
    /// Salon rooms of many members.
    Salon,
}

/// Members of a salon room set up from one loopback address (new devices are
/// rate-limited per address).
const MEMBERS_PER_SOURCE: usize = 6;

/// Where the server is and how to reach it.
#[derive(Debug, Clone)]
pub struct Target {
    /// `http://host:port`.
    pub base: String,
    /// The socket address to connect to.
    pub addr: SocketAddr,
    /// `ws://host:port`.
    pub ws_base: String,
    /// The `Origin` header value.
    pub origin: String,
}

impl Target {
    fn parse(url: &str, origin: Option<&str>) -> Result<Self> {
        let rest = url
            .strip_prefix("http://")
            .context("--url must start with http:// (the generator only speaks to this machine)")?;
        let authority = rest.trim_end_matches('/');
        if authority.contains('/') {
            bail!("--url must be just http://host:port");
        }
        let (host, port) = authority
            .rsplit_once(':')
            .context("--url needs an explicit port")?;
        let port: u16 = port.parse().context("--url port")?;
        let ip = match host {
            "localhost" => IpAddr::V4(Ipv4Addr::LOCALHOST),
            other => other
                .parse::<IpAddr>()
                .context("--url host must be an IP address or localhost")?,
        };
        if !ip.is_loopback() {
            bail!("refusing to load {ip}: only addresses on this machine are allowed");
        }
        Ok(Self {
            base: format!("http://{authority}"),
            addr: SocketAddr::new(ip, port),
            ws_base: format!("ws://{authority}"),
            origin: origin.map_or_else(|| format!("http://{authority}"), str::to_owned),
        })
    }
}

/// The timetable of the run, fixed once setup is over.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Sending starts.
    pub t0: Instant,
    /// Messages due from here on are measured.
    pub measure_from: Instant,
    /// No message is due from here on.
    pub send_until: Instant,
    /// Deliveries after this are not waited for.
    pub drain_until: Instant,
    /// Each side of each chat sends this often.
    pub interval: Duration,
}

/// State shared by every connection task.
pub struct Shared {
    /// The clock messages carry (microseconds since this instant).
    pub base: Instant,
    /// The target server.
    pub target: Target,
    /// Options.
    pub args: Args,
    /// A word unique to this run, in every `client_msg_id`.
    pub run_id: String,
    /// Setup ends here at the latest.
    pub setup_deadline: Instant,
    /// Latency in microseconds from the due time to delivery.
    pub latency: Mutex<Histogram<u64>>,
    /// Errors by kind.
    pub errors: Mutex<BTreeMap<String, u64>>,
    /// Measured messages sent (due within the measured window).
    pub sent: AtomicU64,
    /// Measured messages delivered to the other side.
    pub delivered: AtomicU64,
    /// Measured messages acknowledged to their sender.
    pub acked: AtomicU64,
    /// Chats whose counsellor saw them become active.
    pub paired: AtomicU64,
    /// The run's timetable, once known.
    pub plan: watch::Receiver<Option<Plan>>,
}

impl Shared {
    /// Counts an error of `kind`.
    pub fn error(&self, kind: impl Into<String>) {
        let mut errors = self.errors.lock().unwrap_or_else(|e| e.into_inner());
        *errors.entry(kind.into()).or_default() += 1;
    }

    /// Microseconds since `base`.
    pub fn micros(&self, at: Instant) -> u64 {
        u64::try_from(at.saturating_duration_since(self.base).as_micros()).unwrap_or(u64::MAX)
    }

    /// Records a delivery of a message that was due at `due_us`.
    pub fn delivered(&self, due_us: u64) {
        let Some(plan) = *self.plan.borrow() else {
            return;
        };
        if due_us < self.micros(plan.measure_from) || due_us >= self.micros(plan.send_until) {
            return;
        }
        let now = self.micros(Instant::now());
        let latency = now.saturating_sub(due_us).max(1);
        let mut histogram = self.latency.lock().unwrap_or_else(|e| e.into_inner());
        histogram.saturating_record(latency);
        self.delivered.fetch_add(1, Ordering::Relaxed);
    }

    /// The loopback address group `group` connects from.
    pub fn source(&self, group: usize, salt: u8) -> IpAddr {
        if !self.args.spread_sources || !self.target.addr.is_ipv4() {
            return match self.target.addr {
                SocketAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
                SocketAddr::V6(_) => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
            };
        }
        // 127.<salt>.<b>.<c>: 62,500 addresses per run; the salt changes between
        // runs so that a rerun does not meet the previous run's rate limits.
        let b = u8::try_from((group / 250) % 250).unwrap_or(0);
        let c = u8::try_from(group % 250 + 1).unwrap_or(1);
        IpAddr::V4(Ipv4Addr::new(127, salt, b, c))
    }
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.chats == 0 {
        bail!("--chats must be at least 1");
    }
    if !(1..=6).contains(&args.capacity) {
        bail!("--capacity must be 1 to 6");
    }
    if args.interval_ms == 0 || args.duration_secs == 0 {
        bail!("--interval-ms and --duration-secs must be positive");
    }
    if args.scenario == Scenario::Salon && (args.rooms == 0 || !(2..=490).contains(&args.members)) {
        bail!("--rooms must be at least 1 and --members 2 to 490");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("tokio runtime")?;
    let code = runtime.block_on(run(args))?;
    // Every task is bounded by the plan; do not wait for stragglers.
    runtime.shutdown_timeout(Duration::from_secs(2));
    std::process::exit(code);
}

async fn run(args: Args) -> Result<i32> {
    let target = Target::parse(&args.url, args.origin.as_deref())?;
    let per_second = args.capacity as f64 * 1000.0 / args.interval_ms as f64;
    if per_second > 5.0 {
        eprintln!(
            "warning: {} chats per counsellor at one message every {} ms is {per_second:.1} frames/s \
             per staff account; the server allows 5/s after a burst of 30 (expect rate_limited)",
            args.capacity, args.interval_ms
        );
    }
    let base = Instant::now();
    let clock = wall_nanos();
    let run_id = format!("{:x}", clock % 0xffff_ffff);
    let salt = 10 + u8::try_from(clock / 1000 % 200).unwrap_or(0);
    let setup_started = Instant::now();
    let (plan_tx, plan_rx) = watch::channel(None);
    let shared = Arc::new(Shared {
        base,
        target: target.clone(),
        args: args.clone(),
        run_id,
        setup_deadline: setup_started + Duration::from_secs(args.setup_timeout_secs),
        latency: Mutex::new(
            Histogram::new_with_bounds(1, 3_600_000_000, 3).context("histogram bounds")?,
        ),
        errors: Mutex::new(BTreeMap::new()),
        sent: AtomicU64::new(0),
        delivered: AtomicU64::new(0),
        acked: AtomicU64::new(0),
        paired: AtomicU64::new(0),
        plan: plan_rx,
    });

    let admin = http::Admin::sign_in(&target, &args.admin_user, &args.admin_password).await?;
    let permits = Arc::new(Semaphore::new(args.setup_concurrency.max(1)));
    let (tasks, setups, expected) = match args.scenario {
        Scenario::Chat => {
            println!(
                "yorisoi-load: {} chats against {} (origin {}), one message per side every {} ms",
                args.chats, target.base, target.origin, args.interval_ms
            );
            admin.open_line(&args.line).await?;
            let (tasks, setups) = spawn_chats(&shared, Arc::new(admin), &permits, salt);
            (tasks, setups, args.chats)
        }
        Scenario::Salon => {
            println!(
                "yorisoi-load: {} rooms of {} members against {} (origin {}), one post per member every {} ms",
                args.rooms, args.members, target.base, target.origin, args.interval_ms
            );
            let rooms = salon::create_rooms(&shared, &admin).await?;
            let (tasks, setups) = spawn_members(&shared, rooms, &permits, salt);
            (tasks, setups, args.rooms * args.members)
        }
    };
    // Progress while setting up, bounded by the setup deadline.
    let all = futures_util::future::join_all(setups);
    tokio::pin!(all);
    let mut tick = tokio::time::interval(Duration::from_secs(5));
    tick.tick().await;
    loop {
        tokio::select! {
            _ = &mut all => break,
            () = tokio::time::sleep_until(shared.setup_deadline) => break,
            _ = tick.tick() => eprintln!(
                "  setup: {}/{expected} ready, {:.0} s",
                shared.paired.load(Ordering::Relaxed),
                setup_started.elapsed().as_secs_f64()
            ),
        }
    }
    let setup = setup_started.elapsed();
    let paired = shared.paired.load(Ordering::Relaxed);
    println!(
        "setup: {paired}/{expected} ready in {:.1} s",
        setup.as_secs_f64()
    );
    measure(shared, args, plan_tx, tasks, setup, paired).await
}

type Tasks = Vec<tokio::task::JoinHandle<Vec<tokio::task::JoinHandle<()>>>>;

/// Starts the chats' setup: one task per counsellor group.
fn spawn_chats(
    shared: &Arc<Shared>,
    admin: Arc<http::Admin>,
    permits: &Arc<Semaphore>,
    salt: u8,
) -> (Tasks, Vec<oneshot::Receiver<()>>) {
    let args = &shared.args;
    let groups = args.chats.div_ceil(args.capacity);
    let mut tasks = Vec::new();
    let mut setups = Vec::new();
    for group in 0..groups {
        let first = group * args.capacity;
        let size = args.capacity.min(args.chats - first);
        let (done_tx, done_rx) = oneshot::channel();
        setups.push(done_rx);
        let shared = shared.clone();
        let admin = admin.clone();
        let permits = permits.clone();
        let source = shared.source(group, salt);
        tasks.push(tokio::spawn(async move {
            let Ok(_permit) = permits.acquire().await else {
                return Vec::new();
            };
            group_task(shared, admin, group, first, size, source, done_tx).await
        }));
    }
    (tasks, setups)
}

/// Starts the salon members' setup: members are spread over the rooms, a few
/// per loopback address.
fn spawn_members(
    shared: &Arc<Shared>,
    rooms: Vec<String>,
    permits: &Arc<Semaphore>,
    salt: u8,
) -> (Tasks, Vec<oneshot::Receiver<()>>) {
    let total = shared.args.rooms * shared.args.members;
    let mut tasks = Vec::new();
    let mut setups = Vec::new();
    for group in 0..total.div_ceil(MEMBERS_PER_SOURCE) {
        let first = group * MEMBERS_PER_SOURCE;
        let size = MEMBERS_PER_SOURCE.min(total - first);
        let (done_tx, done_rx) = oneshot::channel();
        setups.push(done_rx);
        let shared = shared.clone();
        let permits = permits.clone();
        let rooms = rooms.clone();
        let source = shared.source(group, salt);
        tasks.push(tokio::spawn(async move {
            let Ok(_permit) = permits.acquire().await else {
                return Vec::new();
            };
            member_group(shared, rooms, first, size, source, done_tx).await
        }));
    }
    (tasks, setups)
}

/// Creates the devices of `size` members from one address, then runs them.
async fn member_group(
    shared: Arc<Shared>,
    rooms: Vec<String>,
    first: usize,
    size: usize,
    source: IpAddr,
    done: oneshot::Sender<()>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let mut handles = Vec::new();
    let tokens = async {
        let client = http::Client::new(&shared.target, source)?;
        let mut tokens = Vec::with_capacity(size);
        for _ in 0..size {
            tokens.push(client.new_device(shared.setup_deadline).await?);
        }
        anyhow::Ok(tokens)
    };
    let tokens = match tokens.await {
        Ok(tokens) => tokens,
        Err(error) => {
            shared.error(format!("setup: {}", short(&error)));
            let _ = done.send(());
            return handles;
        }
    };
    let mut joined = Vec::new();
    for (i, token) in tokens.into_iter().enumerate() {
        let index = first + i;
        // Round-robin over the rooms, so every room fills evenly.
        let room = rooms[index % rooms.len()].clone();
        let (tx, rx) = oneshot::channel();
        joined.push(rx);
        handles.push(tokio::spawn(salon::member(
            shared.clone(),
            room,
            index,
            token,
            source,
            tx,
        )));
    }
    let left = shared
        .setup_deadline
        .saturating_duration_since(Instant::now());
    let _ = tokio::time::timeout(left, futures_util::future::join_all(joined)).await;
    let _ = done.send(());
    handles
}

/// Runs the plan once setup is over, waits for every connection, and reports.
async fn measure(
    shared: Arc<Shared>,
    args: Args,
    plan_tx: watch::Sender<Option<Plan>>,
    tasks: Tasks,
    setup: Duration,
    paired: u64,
) -> Result<i32> {
    let t0 = Instant::now() + Duration::from_millis(500);
    let measure_from = t0 + Duration::from_secs(args.warmup_secs);
    let send_until = measure_from + Duration::from_secs(args.duration_secs);
    let plan = Plan {
        t0,
        measure_from,
        send_until,
        drain_until: send_until + Duration::from_secs(args.drain_secs),
        interval: Duration::from_millis(args.interval_ms),
    };
    plan_tx.send_replace(Some(plan));
    let sampler = report::Sampler::new(args.server_pid);
    let sampler = tokio::spawn(sampler.sample(measure_from, send_until));

    // Every task ends by itself after the drain and the wrap-up; this is a backstop.
    let hard_stop = plan.drain_until + Duration::from_secs(30);
    for task in tasks {
        let left = hard_stop.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, task).await {
            Ok(Ok(handles)) => {
                for handle in handles {
                    let left = hard_stop.saturating_duration_since(Instant::now());
                    if tokio::time::timeout(left, handle).await.is_err() {
                        shared.error("generator: connection still open at the hard stop");
                    }
                }
            }
            Ok(Err(_)) => shared.error("generator: task panicked"),
            Err(_) => shared.error("generator: task still running at the hard stop"),
        }
    }
    let usage = sampler.await.unwrap_or_default();
    // What was offered, and how many deliveries each send should make.
    let (offered, fanout) = match args.scenario {
        Scenario::Chat => (paired as f64 * 2.0 / plan.interval.as_secs_f64(), 1),
        Scenario::Salon => (
            paired as f64 / plan.interval.as_secs_f64(),
            args.members as u64 - 1,
        ),
    };
    let result = report::Report::new(&shared, &plan, setup, paired, usage, offered, fanout);
    result.print();
    Ok(0)
}

/// Sets up one counsellor and its chats, then runs them. Returns the handles of
/// the connection tasks so the caller can wait for them.
async fn group_task(
    shared: Arc<Shared>,
    admin: Arc<http::Admin>,
    group: usize,
    first: usize,
    size: usize,
    source: IpAddr,
    done: oneshot::Sender<()>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let mut handles = Vec::new();
    let username = format!("{}-{group}", shared.args.account_prefix);
    let password = format!("load-password-{group}-yorisoi");
    let setup = async {
        admin.ensure_counselor(&username, &password).await?;
        let client = http::Client::new(&shared.target, source)?;
        let cookie = client.sign_in(&username, &password).await?;
        let mut tokens = Vec::with_capacity(size);
        for _ in 0..size {
            tokens.push(client.new_device(shared.setup_deadline).await?);
        }
        anyhow::Ok((cookie, tokens))
    };
    let left = shared
        .setup_deadline
        .saturating_duration_since(Instant::now());
    let (cookie, tokens) = match tokio::time::timeout(left, setup).await {
        Ok(Ok(ready)) => ready,
        Ok(Err(error)) => {
            shared.error(format!("setup: {}", short(&error)));
            let _ = done.send(());
            return handles;
        }
        Err(_) => {
            shared.error("setup: timed out");
            let _ = done.send(());
            return handles;
        }
    };
    let (chat_tx, chat_rx) = mpsc::channel(size.max(1));
    let (paired_tx, paired_rx) = oneshot::channel();
    handles.push(tokio::spawn(chat::counselor(
        shared.clone(),
        cookie,
        source,
        size,
        chat_rx,
        paired_tx,
    )));
    for (i, token) in tokens.into_iter().enumerate() {
        handles.push(tokio::spawn(chat::teen(
            shared.clone(),
            first + i,
            token,
            source,
            chat_tx.clone(),
        )));
    }
    drop(chat_tx);
    let left = shared
        .setup_deadline
        .saturating_duration_since(Instant::now());
    let _ = tokio::time::timeout(left, paired_rx).await;
    let _ = done.send(());
    handles
}

/// The first line of an error chain, for grouping.
pub fn short(error: &anyhow::Error) -> String {
    let text = format!("{error:#}");
    text.chars().take(120).collect()
}

fn wall_nanos() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_nanos() % u128::from(u64::MAX)).unwrap_or(0))
        .unwrap_or(0)
}
