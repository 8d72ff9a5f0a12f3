//! Websocket clients that speak protocol v1, for teen devices and staff consoles.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::server::{Client, TestServer};

/// How long a test waits for an expected frame.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A protocol-v1 websocket.
pub struct Socket {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
    /// Frames read while looking for another type, kept in order.
    pending: Vec<Value>,
}

/// Opens `path` with the page's origin and, for staff, the session cookie.
pub async fn connect(server: &TestServer, path: &str, cookie: Option<&str>) -> Result<Socket, u16> {
    connect_from(server, path, &server.origin(), cookie).await
}

/// Opens `path` as a page on `origin` would.
pub async fn connect_from(
    server: &TestServer,
    path: &str,
    origin: &str,
    cookie: Option<&str>,
) -> Result<Socket, u16> {
    let mut request = format!("ws://{}{path}", server.addr)
        .into_client_request()
        .expect("request");
    request
        .headers_mut()
        .insert("origin", origin.parse().expect("origin"));
    if let Some(cookie) = cookie {
        request
            .headers_mut()
            .insert("cookie", cookie.parse().expect("cookie"));
    }
    match tokio_tungstenite::connect_async(request).await {
        Ok((stream, _)) => Ok(Socket {
            stream,
            pending: Vec::new(),
        }),
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            Err(response.status().as_u16())
        }
        Err(error) => panic!("websocket connect failed: {error}"),
    }
}

impl Socket {
    /// Sends a frame, adding `"v": 1`.
    pub async fn send(&mut self, mut frame: Value) {
        frame["v"] = json!(1);
        self.send_text(&frame.to_string()).await;
    }

    /// Sends raw text.
    pub async fn send_text(&mut self, text: &str) {
        self.stream
            .send(Message::Text(text.into()))
            .await
            .expect("send");
    }

    /// The next frame of any type.
    pub async fn next(&mut self) -> Value {
        if !self.pending.is_empty() {
            return self.pending.remove(0);
        }
        self.read().await.expect("a frame")
    }

    /// The next text frame before `deadline`; `None` if the connection closed.
    async fn read_until(&mut self, deadline: tokio::time::Instant) -> Option<Value> {
        loop {
            let next = tokio::time::timeout_at(deadline, self.stream.next()).await;
            match next.unwrap_or_else(|_| {
                panic!(
                    "no expected frame within {PATIENCE:?}; pending: {:?}",
                    self.pending
                )
            })? {
                Ok(Message::Text(text)) => {
                    return Some(serde_json::from_str(text.as_str()).expect("JSON frame"))
                }
                Ok(Message::Close(_)) | Err(_) => return None,
                Ok(_) => continue,
            }
        }
    }

    async fn read(&mut self) -> Option<Value> {
        self.read_until(tokio::time::Instant::now() + PATIENCE)
            .await
    }

    /// The next frame of `kind`, keeping others for later.
    pub async fn expect(&mut self, kind: &str) -> Value {
        if let Some(i) = self.pending.iter().position(|f| f["type"] == kind) {
            return self.pending.remove(i);
        }
        loop {
            let frame = self
                .read()
                .await
                .unwrap_or_else(|| panic!("closed while waiting for {kind}"));
            assert_eq!(frame["v"], 1, "every frame carries the version");
            if frame["type"] == kind {
                return frame;
            }
            self.pending.push(frame);
        }
    }

    /// The next frame of `kind` matching `test`, keeping others for later.
    pub async fn expect_where(&mut self, kind: &str, test: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .pending
            .iter()
            .position(|f| f["type"] == kind && test(f))
        {
            return self.pending.remove(i);
        }
        loop {
            let frame = self
                .read()
                .await
                .unwrap_or_else(|| panic!("closed while waiting for {kind}"));
            if frame["type"] == kind && test(&frame) {
                return frame;
            }
            self.pending.push(frame);
        }
    }

    /// Asserts no frame of `kind` arrives within `wait`.
    pub async fn expect_none(&mut self, kind: &str, wait: Duration) {
        assert!(
            !self.pending.iter().any(|f| f["type"] == kind),
            "unexpected {kind}: {:?}",
            self.pending
        );
        let deadline = tokio::time::Instant::now() + wait;
        while let Ok(Some(Ok(message))) =
            tokio::time::timeout_at(deadline, self.stream.next()).await
        {
            if let Message::Text(text) = message {
                let frame: Value = serde_json::from_str(text.as_str()).expect("JSON");
                assert_ne!(frame["type"], kind, "unexpected {kind}: {frame}");
                self.pending.push(frame);
            }
        }
    }

    /// Every frame still pending or arriving within `wait`.
    pub async fn drain(&mut self, wait: Duration) -> Vec<Value> {
        let mut frames = std::mem::take(&mut self.pending);
        let deadline = tokio::time::Instant::now() + wait;
        while let Ok(Some(Ok(message))) =
            tokio::time::timeout_at(deadline, self.stream.next()).await
        {
            if let Message::Text(text) = message {
                frames.push(serde_json::from_str(text.as_str()).expect("JSON"));
            }
        }
        frames
    }

    /// Whether the server closed the connection within `wait`.
    pub async fn closed_within(&mut self, wait: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.stream.next()).await {
                Ok(None | Some(Err(_)) | Some(Ok(Message::Close(_)))) => return true,
                Ok(Some(Ok(_))) => continue,
                Err(_) => return false,
            }
        }
    }

    /// Closes from the client side.
    pub async fn close(mut self) {
        let _ = self.stream.close(None).await;
    }
}

/// A teen device: a token from the API and a greeted websocket.
pub struct Teen {
    /// The device token.
    pub token: String,
    /// The socket.
    pub socket: Socket,
    /// Conversations listed in `ready`.
    pub ready: Value,
}

impl Teen {
    /// A new device, greeted.
    pub async fn new(server: &TestServer) -> Self {
        let reply = server
            .client()
            .send(reqwest::Method::POST, "/api/teen/devices", None)
            .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        let token = reply.body["token"].as_str().expect("token").to_owned();
        Self::with_token(server, token).await
    }

    /// The same device reconnecting.
    pub async fn with_token(server: &TestServer, token: String) -> Self {
        let mut socket = connect(server, "/ws/teen", None)
            .await
            .expect("teen socket");
        socket
            .send(json!({ "type": "hello", "token": token }))
            .await;
        let ready = socket.expect("ready").await;
        Self {
            token,
            socket,
            ready,
        }
    }

    /// Starts a chat on an automatic line, or with a return code: returns
    /// its id from the first conversation frame, whatever its status.
    pub async fn start_with(&mut self, line_id: &str, return_code: Option<&str>) -> String {
        self.socket
            .send(json!({ "type": "start", "line_id": line_id, "return_code": return_code }))
            .await;
        let frame = self.socket.expect("conversation").await;
        let id = frame["conversation"]["id"].as_str().expect("id").to_owned();
        // Keep it: the chat may already be active (assigned at once).
        self.socket.pending.insert(0, frame);
        id
    }

    /// Starts a chat and returns its id (after the conversation frame).
    pub async fn start(&mut self, line_id: &str) -> String {
        self.socket
            .send(json!({ "type": "start", "line_id": line_id, "nickname": "みー" }))
            .await;
        let frame = self
            .socket
            .expect_where("conversation", |f| f["conversation"]["status"] == "waiting")
            .await;
        frame["conversation"]["id"].as_str().expect("id").to_owned()
    }

    /// Sends a message and waits for its acknowledgement.
    pub async fn say(&mut self, conversation: &str, client_msg_id: &str, body: &str) -> Value {
        self.socket
            .send(json!({ "type": "send", "conversation_id": conversation, "client_msg_id": client_msg_id, "body": body }))
            .await;
        self.socket
            .expect_where("ack", |f| f["client_msg_id"] == client_msg_id)
            .await
    }
}

/// A staff console.
pub struct Console {
    /// The socket.
    pub socket: Socket,
    /// The `ready` frame.
    pub ready: Value,
    /// The signed-in HTTP client behind it.
    pub client: Client,
}

impl Console {
    /// Signs in a new account with `role` and opens its console.
    pub async fn open(server: &TestServer, username: &str, role: yorisoi::staff::Role) -> Self {
        let client = server.signed_in(username, role).await;
        let mut socket = connect(server, "/ws/staff", client.cookie.as_deref())
            .await
            .expect("staff socket");
        let ready = socket.expect("ready").await;
        socket
            .send(json!({ "type": "status", "status": "available", "capacity": 3 }))
            .await;
        Self {
            socket,
            ready,
            client,
        }
    }

    /// Opens a console for an already signed-in `client` on `server` (which
    /// may be another node sharing the database); sends no status.
    pub async fn with_client(server: &TestServer, client: Client) -> Self {
        let mut socket = connect(server, "/ws/staff", client.cookie.as_deref())
            .await
            .expect("staff socket");
        let ready = socket.expect("ready").await;
        Self {
            socket,
            ready,
            client,
        }
    }

    /// The account's id.
    pub fn id(&self) -> String {
        self.ready["account"]["id"].as_str().expect("id").to_owned()
    }

    /// Waits until every frame sent so far has been handled.
    pub async fn settle(&mut self) {
        self.socket.send(json!({ "type": "ping" })).await;
        self.socket.expect("pong").await;
    }

    /// Sets available with `capacity`.
    pub async fn available(&mut self, capacity: u32) {
        self.socket
            .send(json!({ "type": "status", "status": "available", "capacity": capacity }))
            .await;
    }

    /// Takes a chat; returns the conversation frame.
    pub async fn take(&mut self, conversation: &str) -> Value {
        self.socket
            .send(json!({ "type": "take", "conversation_id": conversation }))
            .await;
        self.socket
            .expect_where("conversation", |f| f["conversation"]["id"] == conversation)
            .await
    }

    /// Sends a message and waits for its acknowledgement.
    pub async fn say(&mut self, conversation: &str, client_msg_id: &str, body: &str) -> Value {
        self.socket
            .send(json!({ "type": "send", "conversation_id": conversation, "client_msg_id": client_msg_id, "body": body }))
            .await;
        self.socket
            .expect_where("ack", |f| f["client_msg_id"] == client_msg_id)
            .await
    }
}

/// Creates an always-open line through the admin API.
pub async fn open_line(server: &TestServer, id: &str) {
    save_open_line(server, id, false).await;
}

/// Creates an always-open line whose waiting chats are assigned automatically.
pub async fn open_auto_line(server: &TestServer, id: &str) {
    save_open_line(server, id, true).await;
}

async fn save_open_line(server: &TestServer, id: &str, auto_assign: bool) {
    let admin = server
        .signed_in(&format!("admin-{id}"), yorisoi::staff::Role::Admin)
        .await;
    let weekly: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|day| json!({ "day": day, "start": "00:00", "end": "24:00" }))
        .collect();
    let body = json!({
        "name_ja": "いつでも", "name_en": "Any time",
        "schedule": { "weekly": weekly, "exceptions": [], "closed_on_public_holidays": false, "last_entry_minutes": 0 },
        "auto_assign": auto_assign
    });
    let reply = admin
        .send(
            reqwest::Method::PUT,
            &format!("/api/admin/lines/{id}"),
            Some(body),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}
