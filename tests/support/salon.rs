//! Salon clients: participants on `/ws/salon` and moderators on `/ws/moderator`
//! with their signed-in HTTP client for actions.

use reqwest::Method;
use serde_json::{json, Value};
use yorisoi::staff::Role;

use crate::server::{Client, Reply, TestServer};
use crate::ws::{connect, Socket};

/// A participant's device, greeted on `/ws/salon`.
pub struct Participant {
    /// The device token.
    pub token: String,
    /// The socket.
    pub socket: Socket,
    /// The `ready` frame.
    pub ready: Value,
}

impl Participant {
    /// A new device.
    pub async fn new(server: &TestServer) -> Self {
        let reply = server
            .client()
            .send(Method::POST, "/api/teen/devices", None)
            .await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        let token = reply.body["token"].as_str().expect("token").to_owned();
        Self::with_token(server, token).await
    }

    /// The same device on a new connection.
    pub async fn with_token(server: &TestServer, token: String) -> Self {
        let mut socket = connect(server, "/ws/salon", None)
            .await
            .expect("salon socket");
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

    /// Joins `room` for the first time as `nickname`; returns the `joined` frame.
    pub async fn join(&mut self, room: &str, nickname: &str) -> Value {
        self.socket
            .send(json!({ "type": "join", "room_id": room, "nickname": nickname, "accept_rules": true }))
            .await;
        self.socket.expect("joined").await
    }

    /// Sends a join frame and returns the error it earns.
    pub async fn join_refused(&mut self, room: &str, nickname: &str) -> Value {
        self.socket
            .send(json!({ "type": "join", "room_id": room, "nickname": nickname, "accept_rules": true, "ref": "j" }))
            .await;
        self.socket.expect_where("error", |f| f["ref"] == "j").await
    }

    /// Posts and waits for the acknowledgement.
    pub async fn say(&mut self, room: &str, client_msg_id: &str, body: &str) -> Value {
        self.socket
            .send(json!({ "type": "send", "room_id": room, "client_msg_id": client_msg_id, "body": body, "ref": client_msg_id }))
            .await;
        let frame = self
            .socket
            .expect_where("ack", |f| f["client_msg_id"] == client_msg_id)
            .await;
        frame
    }

    /// Posts and returns the error it earns.
    pub async fn say_refused(&mut self, room: &str, client_msg_id: &str, body: &str) -> Value {
        self.socket
            .send(json!({ "type": "send", "room_id": room, "client_msg_id": client_msg_id, "body": body, "ref": client_msg_id }))
            .await;
        self.socket
            .expect_where("error", |f| f["ref"] == client_msg_id)
            .await
    }

    /// The next room message with this body.
    pub async fn sees(&mut self, body: &str) -> Value {
        self.socket
            .expect_where("message", |f| f["body"] == body)
            .await
    }
}

/// A moderator's console and signed-in HTTP client.
pub struct Moderator {
    /// The console socket.
    pub socket: Socket,
    /// The `ready` frame.
    pub ready: Value,
    /// The HTTP client.
    pub client: Client,
}

impl Moderator {
    /// Signs in a new moderator and opens the console (putting them on duty).
    pub async fn open(server: &TestServer, username: &str) -> Self {
        let client = server.signed_in(username, Role::Moderator).await;
        let mut socket = connect(server, "/ws/moderator", client.cookie.as_deref())
            .await
            .expect("moderator socket");
        let ready = socket.expect("ready").await;
        Self {
            socket,
            ready,
            client,
        }
    }

    /// Creates room `id` with `settings` merged over defaults, opens it, and
    /// follows it in the console.
    pub async fn open_room(&mut self, id: &str, settings: Value) -> Value {
        let mut body = json!({
            "title": format!("{id} room"), "topic": "話そう", "rules": "やさしく話そう",
            "capacity": 50,
        });
        for (key, value) in settings.as_object().expect("settings object") {
            body[key] = value.clone();
        }
        let saved = self
            .call(Method::PUT, &format!("/api/moderation/rooms/{id}"), body)
            .await;
        assert_eq!(saved.status, 200, "{}", saved.body);
        let room = self.control(id, json!({ "open": true })).await;
        self.socket
            .send(json!({ "type": "open", "room_id": id, "after_seq": 0 }))
            .await;
        room
    }

    /// Changes a room's live state; returns the room.
    pub async fn control(&self, id: &str, controls: Value) -> Value {
        let reply = self
            .call(
                Method::PATCH,
                &format!("/api/moderation/rooms/{id}"),
                controls,
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.body["room"].clone()
    }

    /// A moderator API call.
    pub async fn call(&self, method: Method, path: &str, body: Value) -> Reply {
        self.client.send(method, path, Some(body)).await
    }

    /// Acts on a member; asserts success.
    pub async fn act(&self, member_id: &str, action: Value) {
        let reply = self
            .call(
                Method::POST,
                &format!("/api/moderation/members/{member_id}/actions"),
                action,
            )
            .await;
        assert_eq!(reply.status, 204, "{}", reply.body);
    }

    /// The member id behind the entry with this body, as the console sees it.
    pub async fn member_of(&mut self, body: &str) -> String {
        let entry = self
            .socket
            .expect_where("entry", |f| f["body"] == body)
            .await;
        entry["member_id"].as_str().expect("member id").to_owned()
    }
}
