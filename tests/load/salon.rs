//! The salon scenario: rooms of many members, each posting on a fixed
//! schedule; every post fans out to everyone in the room. Latency is measured
//! per delivery, from the time the post was due to its arrival at each other
//! member (fan-out latency).

use std::net::IpAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use tokio::sync::oneshot;
use tokio::time::{sleep_until, Instant};

use crate::chat::{await_plan, connect, next, send};
use crate::{http, short, Shared};

/// Creates the rooms (open, no moderator needed, room for every member) as a
/// moderator account, which is created if missing.
pub async fn create_rooms(shared: &Shared, admin: &http::Admin) -> Result<Vec<String>> {
    let username = format!("{}-moderator", shared.args.account_prefix);
    let password = format!(
        "load-password-moderator-yorisoi-{}",
        shared.args.account_prefix
    );
    admin
        .ensure_account(&username, &password, "moderator")
        .await?;
    let moderator = http::Admin::sign_in(&shared.target, &username, &password).await?;
    let capacity = (shared.args.members + 10).min(500);
    let mut rooms = Vec::new();
    for r in 0..shared.args.rooms {
        let id = format!("load-room-{r}");
        let settings = json!({
            "title": format!("負荷試験 {r}"), "topic": "負荷試験", "rules": "負荷試験",
            "capacity": capacity, "requires_moderator": false,
        });
        moderator
            .expect(
                reqwest::Method::PUT,
                &format!("/api/moderation/rooms/{id}"),
                settings,
            )
            .await?;
        moderator
            .expect(
                reqwest::Method::PATCH,
                &format!("/api/moderation/rooms/{id}"),
                json!({ "open": true }),
            )
            .await?;
        rooms.push(id);
    }
    Ok(rooms)
}

/// One member: greets, joins its room, waits for the plan, then posts on
/// schedule and measures every other member's post it receives.
pub async fn member(
    shared: Arc<Shared>,
    room: String,
    index: usize,
    token: String,
    source: IpAddr,
    joined: oneshot::Sender<()>,
) {
    let mut joined = Some(joined);
    let result = async {
        let deadline = shared.setup_deadline;
        let mut ws = connect(&shared, "/ws/salon", source, None).await?;
        send(&mut ws, json!({ "type": "hello", "token": token })).await?;
        wait_for(&mut ws, "ready", deadline).await?;
        let nickname = format!("m{index}-{}", shared.run_id);
        send(
            &mut ws,
            json!({ "type": "join", "room_id": room, "nickname": nickname, "accept_rules": true }),
        )
        .await?;
        wait_for(&mut ws, "joined", deadline).await?;
        shared.paired.fetch_add(1, Ordering::Relaxed);
        if let Some(joined) = joined.take() {
            let _ = joined.send(());
        }
        let plan = await_plan(&shared, &mut ws, "member").await?;
        // Spread every member's posts evenly over the interval.
        let total = (shared.args.rooms * shared.args.members).max(1) as u64;
        let interval = plan.interval.as_micros() as u64;
        let mut due = plan.t0 + Duration::from_micros(index as u64 * interval / total);
        let mut count = 0u64;
        loop {
            if Instant::now() >= plan.drain_until {
                break;
            }
            let wake = if due < plan.send_until { due } else { plan.drain_until };
            tokio::select! {
                biased;
                frame = next(&mut ws, plan.drain_until) => match frame {
                    Ok(frame) => on_frame(&shared, &frame, &plan),
                    Err(_) if Instant::now() >= plan.drain_until => break,
                    Err(error) => return Err(error),
                },
                () = sleep_until(wake) => {
                    while due <= Instant::now() && due < plan.send_until {
                        let due_us = shared.micros(due);
                        let body = format!("{due_us} 負荷試験の投稿 {count}");
                        let id = format!("{}-{index}-{count}", shared.run_id);
                        send(&mut ws, json!({ "type": "send", "room_id": room, "client_msg_id": id, "body": body })).await?;
                        if due >= plan.measure_from {
                            shared.sent.fetch_add(1, Ordering::Relaxed);
                        }
                        count += 1;
                        due += plan.interval;
                    }
                }
            }
        }
        let _ = ws.close(None).await;
        anyhow::Ok(())
    }
    .await;
    if let Some(joined) = joined.take() {
        let _ = joined.send(());
    }
    if let Err(error) = result {
        shared.error(format!("member: {}", short(&error)));
    }
}

async fn wait_for(ws: &mut crate::chat::Ws, kind: &str, deadline: Instant) -> Result<Value> {
    loop {
        let frame = next(ws, deadline)
            .await
            .with_context(|| format!("waiting for {kind}"))?;
        if frame["type"] == kind {
            return Ok(frame);
        }
        if frame["type"] == "error" {
            bail!("{kind} refused: {}", frame["code"]);
        }
    }
}

/// Others' posts are measured; acknowledgements and errors are counted.
fn on_frame(shared: &Shared, frame: &Value, plan: &crate::Plan) {
    match frame["type"].as_str() {
        Some("message") if frame["mine"] == false => {
            let due = frame["body"]
                .as_str()
                .and_then(|b| b.split(' ').next())
                .and_then(|t| t.parse::<u64>().ok());
            match due {
                Some(due) => shared.delivered(due),
                None => shared.error("member: message with an unexpected body"),
            }
        }
        Some("ack") => {
            if frame["state"] != "published" {
                shared.error(format!("member: post {}", frame["state"]));
            }
            if Instant::now() >= plan.measure_from {
                shared.acked.fetch_add(1, Ordering::Relaxed);
            }
        }
        Some("error") => shared.error(format!("member error frame: {}", frame["code"])),
        _ => {}
    }
}
