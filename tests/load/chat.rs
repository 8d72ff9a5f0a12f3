//! The websocket side: one task per teen device, one per counsellor console.
//! Each task reads every frame it is sent (a client that stops reading is cut
//! off by the server) and sends its messages on a fixed schedule.

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::{mpsc, oneshot};
use tokio::time::{sleep_until, Instant};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use crate::{short, Plan, Shared};

/// A client websocket.
pub type Ws = WebSocketStream<TcpStream>;

/// Small, bounded buffers: tungstenite's defaults (128 KiB read buffer per
/// connection) would cost over a gigabyte at 10,000 chats.
fn ws_config() -> WebSocketConfig {
    WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .max_write_buffer_size(256 * 1024)
        .max_message_size(Some(16 << 20))
        .max_frame_size(Some(16 << 20))
}

/// Opens `path` from `source`, with the configured `Origin` (and a cookie for staff).
pub async fn connect(
    shared: &Shared,
    path: &str,
    source: IpAddr,
    cookie: Option<&str>,
) -> Result<Ws> {
    let mut request = format!("{}{path}", shared.target.ws_base)
        .into_client_request()
        .context("request")?;
    request
        .headers_mut()
        .insert("origin", shared.target.origin.parse().context("origin")?);
    if let Some(cookie) = cookie {
        request
            .headers_mut()
            .insert("cookie", cookie.parse().context("cookie")?);
    }
    let socket = match shared.target.addr {
        SocketAddr::V4(_) => TcpSocket::new_v4(),
        SocketAddr::V6(_) => TcpSocket::new_v6(),
    }
    .context("socket")?;
    socket
        .bind(SocketAddr::new(source, 0))
        .with_context(|| format!("bind {source}"))?;
    let stream = socket
        .connect(shared.target.addr)
        .await
        .context("connect")?;
    stream.set_nodelay(true).context("nodelay")?;
    let (ws, _) = tokio_tungstenite::client_async_with_config(request, stream, Some(ws_config()))
        .await
        .context("websocket upgrade")?;
    Ok(ws)
}

/// Sends a frame with its version.
pub async fn send(ws: &mut Ws, mut frame: Value) -> Result<()> {
    frame["v"] = json!(1);
    ws.send(Message::Text(frame.to_string().into()))
        .await
        .context("send")
}

/// The next JSON frame, or an error when the connection ends or `deadline` passes.
pub async fn next(ws: &mut Ws, deadline: Instant) -> Result<Value> {
    loop {
        match tokio::time::timeout_at(deadline, ws.next()).await {
            Err(_) => bail!("timed out"),
            Ok(None) => bail!("closed"),
            Ok(Some(Err(error))) => bail!("read: {error}"),
            Ok(Some(Ok(Message::Text(text)))) => {
                return serde_json::from_str(text.as_str()).context("JSON frame")
            }
            Ok(Some(Ok(Message::Close(_)))) => bail!("closed by the server"),
            Ok(Some(Ok(_))) => continue,
        }
    }
}

/// Waits for the plan while reading (and counting errors in) whatever arrives.
pub async fn await_plan(shared: &Shared, ws: &mut Ws, role: &str) -> Result<Plan> {
    let mut plan = shared.plan.clone();
    let deadline = shared.setup_deadline + Duration::from_secs(30);
    loop {
        if let Some(p) = *plan.borrow_and_update() {
            return Ok(p);
        }
        tokio::select! {
            changed = plan.changed() => { changed.context("no plan")?; }
            frame = next(ws, deadline) => {
                let frame = frame?;
                if frame["type"] == "error" {
                    shared.error(format!("{role} error frame (setup): {}", frame["code"]));
                }
            }
        }
    }
}

/// One side's chats during the run: when each message is due.
struct Schedule {
    /// (conversation id, next due time, messages sent so far).
    chats: Vec<(String, Instant, u64)>,
}

impl Schedule {
    fn new(plan: &Plan, chats: Vec<(String, usize)>, side: u64, total: u64) -> Self {
        let interval = plan.interval.as_micros() as u64;
        let chats = chats
            .into_iter()
            .map(|(id, index)| {
                // Spread the sends evenly over the interval, across every chat and side.
                let slot = (index as u64 * 2 + side) * interval / total.max(1);
                (id, plan.t0 + Duration::from_micros(slot), 0)
            })
            .collect();
        Self { chats }
    }

    fn next_due(&self) -> Option<Instant> {
        self.chats.iter().map(|c| c.1).min()
    }
}

/// Sends every message that is due by now (each stamped with the time it was due)
/// and returns how many.
async fn send_due(
    shared: &Shared,
    ws: &mut Ws,
    plan: &Plan,
    schedule: &mut Schedule,
    role: &str,
) -> Result<()> {
    let now = Instant::now();
    for (id, due, count) in &mut schedule.chats {
        while *due <= now && *due < plan.send_until {
            let due_us = shared.micros(*due);
            let measured = *due >= plan.measure_from;
            let body = format!("{due_us} load message {count} from the {role}");
            let client_msg_id = format!(
                "{}-{role}-{}-{count}",
                shared.run_id,
                id.get(..8).unwrap_or(id)
            );
            send(
                ws,
                json!({ "type": "send", "conversation_id": id, "client_msg_id": client_msg_id, "body": body }),
            )
            .await?;
            if measured {
                shared.sent.fetch_add(1, Ordering::Relaxed);
            }
            *count += 1;
            *due += plan.interval;
        }
    }
    Ok(())
}

/// Handles a frame during the run: deliveries from the other side are measured.
fn on_run_frame(shared: &Shared, frame: &Value, other: &str, role: &str, plan: &Plan) {
    match frame["type"].as_str() {
        Some("message") if frame["sender"] == other => {
            let due = frame["body"]
                .as_str()
                .and_then(|b| b.split(' ').next())
                .and_then(|t| t.parse::<u64>().ok());
            match due {
                Some(due) => shared.delivered(due),
                None => shared.error(format!("{role}: message with an unexpected body")),
            }
        }
        Some("ack") => {
            if frame["duplicate"] == true {
                shared.error(format!("{role}: duplicate ack"));
            }
            // Acknowledgements arriving in the measured window and after it.
            let now = Instant::now();
            if now >= plan.measure_from {
                shared.acked.fetch_add(1, Ordering::Relaxed);
            }
        }
        Some("error") => shared.error(format!("{role} error frame: {}", frame["code"])),
        _ => {}
    }
}

/// Runs one side until the drain ends; returns early only if the connection fails.
async fn run_side(
    shared: &Shared,
    ws: &mut Ws,
    plan: &Plan,
    mut schedule: Schedule,
    role: &str,
    other: &str,
) -> Result<()> {
    loop {
        let now = Instant::now();
        if now >= plan.drain_until {
            return Ok(());
        }
        let wake = schedule
            .next_due()
            .filter(|due| *due < plan.send_until)
            .unwrap_or(plan.drain_until)
            .min(plan.drain_until);
        tokio::select! {
            biased;
            frame = next(ws, plan.drain_until) => {
                match frame {
                    Ok(frame) => on_run_frame(shared, &frame, other, role, plan),
                    Err(_) if Instant::now() >= plan.drain_until => return Ok(()),
                    Err(error) => return Err(error),
                }
            }
            () = sleep_until(wake) => {
                send_due(shared, ws, plan, &mut schedule, role).await?;
            }
        }
    }
}

/// A teen device: greets, starts a chat, hands its id to the counsellor, waits for
/// the plan, then talks on schedule.
pub async fn teen(
    shared: Arc<Shared>,
    index: usize,
    token: String,
    source: IpAddr,
    to_counselor: mpsc::Sender<(usize, String)>,
) {
    let result = async {
        let deadline = shared.setup_deadline;
        let mut ws = connect(&shared, "/ws/teen", source, None).await?;
        send(&mut ws, json!({ "type": "hello", "token": token })).await?;
        loop {
            let frame = next(&mut ws, deadline).await?;
            match frame["type"].as_str() {
                Some("ready") => break,
                Some("error") => bail!("hello refused: {}", frame["code"]),
                _ => {}
            }
        }
        send(
            &mut ws,
            json!({ "type": "start", "line_id": shared.args.line, "nickname": format!("load{index}") }),
        )
        .await?;
        let id = loop {
            let frame = next(&mut ws, deadline).await?;
            match frame["type"].as_str() {
                Some("conversation") if frame["conversation"]["status"] == "waiting" => {
                    break frame["conversation"]["id"]
                        .as_str()
                        .context("conversation without id")?
                        .to_owned()
                }
                Some("error") => bail!("start refused: {}", frame["code"]),
                _ => {}
            }
        };
        to_counselor
            .send((index, id.clone()))
            .await
            .context("counsellor gone")?;
        drop(to_counselor);
        let plan = await_plan(&shared, &mut ws, "teen").await?;
        let total = shared.args.chats as u64 * 2;
        let schedule = Schedule::new(&plan, vec![(id.clone(), index)], 0, total);
        run_side(&shared, &mut ws, &plan, schedule, "teen", "counselor").await?;
        // Wait briefly for the counsellor's wrap-up to end the chat, then go.
        let until = Instant::now() + Duration::from_secs(10);
        if !shared.args.keep_chats {
            while let Ok(frame) = next(&mut ws, until).await {
                if frame["type"] == "conversation" && frame["conversation"]["status"] == "ended" {
                    break;
                }
            }
        }
        let _ = ws.close(None).await;
        anyhow::Ok(())
    }
    .await;
    if let Err(error) = result {
        shared.error(format!("teen: {}", short(&error)));
    }
}

/// A counsellor console: takes the chats its teens start, waits for the plan,
/// then talks in all of them on schedule and ends them with a wrap-up.
pub async fn counselor(
    shared: Arc<Shared>,
    cookie: String,
    source: IpAddr,
    expected: usize,
    mut chats: mpsc::Receiver<(usize, String)>,
    paired: oneshot::Sender<()>,
) {
    let mut paired = Some(paired);
    let result = async {
        let deadline = shared.setup_deadline;
        let mut ws = connect(&shared, "/ws/staff", source, Some(&cookie)).await?;
        loop {
            let frame = next(&mut ws, deadline).await?;
            match frame["type"].as_str() {
                Some("ready") => break,
                Some("error") => bail!("console refused: {}", frame["code"]),
                _ => {}
            }
        }
        send(
            &mut ws,
            json!({ "type": "status", "status": "available", "capacity": shared.args.capacity }),
        )
        .await?;
        // conversation id → chat index, taken and not yet confirmed active.
        let mut pending: HashMap<String, usize> = HashMap::new();
        let mut mine: BTreeMap<usize, String> = BTreeMap::new();
        let mut open = true;
        while mine.len() < expected && (open || !pending.is_empty()) {
            tokio::select! {
                chat = chats.recv(), if open => match chat {
                    Some((index, id)) => {
                        send(&mut ws, json!({ "type": "take", "conversation_id": id, "ref": index.to_string() })).await?;
                        pending.insert(id, index);
                    }
                    None => open = false,
                },
                frame = next(&mut ws, deadline) => {
                    let frame = frame?;
                    match frame["type"].as_str() {
                        Some("conversation") if frame["conversation"]["status"] == "active" => {
                            let id = frame["conversation"]["id"].as_str().unwrap_or_default();
                            if let Some(index) = pending.remove(id) {
                                mine.insert(index, id.to_owned());
                                shared.paired.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                        Some("error") => {
                            shared.error(format!("counselor take refused: {}", frame["code"]));
                            let index = frame["ref"].as_str().and_then(|r| r.parse::<usize>().ok());
                            pending.retain(|_, i| Some(*i) != index);
                        }
                        _ => {}
                    }
                }
            }
        }
        if let Some(paired) = paired.take() {
            let _ = paired.send(());
        }
        let plan = await_plan(&shared, &mut ws, "counselor").await?;
        let total = shared.args.chats as u64 * 2;
        let ids: Vec<(String, usize)> = mine.iter().map(|(i, id)| (id.clone(), *i)).collect();
        let schedule = Schedule::new(&plan, ids.clone(), 1, total);
        run_side(&shared, &mut ws, &plan, schedule, "counselor", "teen").await?;
        if !shared.args.keep_chats {
            for (id, _) in &ids {
                let wrap_up = json!({ "topics": ["負荷試験"], "risk_level": "info", "follow_up": "load test" });
                send(&mut ws, json!({ "type": "end", "conversation_id": id, "wrap_up": wrap_up })).await?;
            }
            // Read the answers for a moment so the ends are processed before closing.
            let until = Instant::now() + Duration::from_secs(5);
            let mut ended = 0;
            while ended < ids.len() {
                let Ok(frame) = next(&mut ws, until).await else {
                    break;
                };
                if frame["type"] == "conversation" && frame["conversation"]["status"] == "ended" {
                    ended += 1;
                } else if frame["type"] == "error" {
                    shared.error(format!("counselor end refused: {}", frame["code"]));
                }
            }
        }
        let _ = ws.close(None).await;
        anyhow::Ok(())
    }
    .await;
    if let Some(paired) = paired.take() {
        let _ = paired.send(());
    }
    if let Err(error) = result {
        shared.error(format!("counselor: {}", short(&error)));
    }
}
