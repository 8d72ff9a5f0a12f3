//! A real server on an ephemeral port, and a small JSON client that keeps the
//! staff cookie and CSRF token the way the admin page does.

use std::net::SocketAddr;
use std::sync::Arc;

use reqwest::header::{HeaderMap, COOKIE, SET_COOKIE};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use tokio::sync::oneshot;
use yorisoi::config::{Config, LogFormat, RedisUrl};
use yorisoi::http::App;
use yorisoi::staff::service::NewAccount;
use yorisoi::staff::{Account, Role};

use crate::backends::{Engine, TestDatabase};

/// A running server; stops when dropped.
pub struct TestServer {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The application, for arranging state directly.
    pub app: Arc<App>,
    /// The database behind it (dropped last).
    pub database: TestDatabase,
    shutdown: Option<oneshot::Sender<()>>,
}

impl TestServer {
    /// A server on a fresh database of `engine` with the in-process bus;
    /// `None` if the engine is not configured.
    pub async fn start(engine: Engine) -> Option<Self> {
        Some(Self::start_on(TestDatabase::new(engine).await?, None).await)
    }

    /// A server on `database`, with Redis when a URL is given.
    pub async fn start_on(database: TestDatabase, redis_url: Option<String>) -> Self {
        Self::start_with(database, redis_url, |_| {}).await
    }

    /// Like [`TestServer::start_on`], with settings adjusted by `tweak`.
    pub async fn start_with(
        database: TestDatabase,
        redis_url: Option<String>,
        tweak: impl FnOnce(&mut Config),
    ) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let mut config = Config {
            bind: addr,
            database: database.config.clone(),
            redis_url: redis_url.map(RedisUrl),
            public_origins: vec![format!("http://{addr}")],
            origins_from_bind: false,
            requeue_grace: std::time::Duration::from_millis(300),
            new_devices_per_minute: 10,
            moderation_rules_dir: None,
            teen_idle: yorisoi::consultation::IdlePolicy {
                prompt_after: jiff::SignedDuration::from_secs(600),
                end_after: jiff::SignedDuration::from_secs(1200),
            },
            case_clocks: yorisoi::escalation::clock::Clocks::default(),
            session_hours: 12,
            trust_forwarded_for: false,
            // Quick looks and retries, so stories about delivery run in seconds.
            webhooks: yorisoi::webhooks::delivery::DeliveryConfig {
                poll_interval: std::time::Duration::from_millis(50),
                retry_base: std::time::Duration::from_millis(50),
                retry_cap: std::time::Duration::from_millis(400),
                // A short timeout keeps the lease short too (a node stopped
                // mid-delivery holds its event until the lease runs out).
                timeout: std::time::Duration::from_secs(2),
                concurrency: 4,
            },
            log: "warn".into(),
            log_format: LogFormat::Text,
            demo: false,
        };
        tweak(&mut config);
        let app = yorisoi::server::build(&config).await.expect("build server");
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(yorisoi::server::run(listener, app.clone(), async move {
            let _ = rx.await;
        }));
        Self {
            addr,
            app,
            database,
            shutdown: Some(tx),
        }
    }

    /// `http://ADDR`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The origin browsers would send.
    pub fn origin(&self) -> String {
        self.base()
    }

    /// A client with no session.
    pub fn client(&self) -> Client {
        Client {
            base: self.base(),
            origin: self.origin(),
            http: reqwest::Client::new(),
            cookie: None,
            csrf: None,
        }
    }

    /// Creates an account directly (as `yorisoi admin create` would).
    pub async fn account(
        &self,
        username: &str,
        role: Role,
        organisation_id: Option<uuid::Uuid>,
    ) -> Account {
        let new = NewAccount {
            username: username.into(),
            display_name: format!("{username} さん"),
            role,
            organisation_id,
            password: password_of(username),
        };
        self.app
            .staff
            .create_account(None, new)
            .await
            .expect("create account")
    }

    /// A client signed in as a new account with `role`.
    pub async fn signed_in(&self, username: &str, role: Role) -> Client {
        self.account(username, role, None).await;
        let mut client = self.client();
        let (status, body) = client.sign_in(username, &password_of(username)).await;
        assert_eq!(status, StatusCode::OK, "sign-in failed: {body}");
        client
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// The password test accounts get.
pub fn password_of(username: &str) -> String {
    format!("pw-{username}-long-enough")
}

/// A JSON client that behaves like the admin page: it keeps the session
/// cookie, sends the CSRF token and the page's `Origin` on changes.
pub struct Client {
    base: String,
    origin: String,
    http: reqwest::Client,
    /// `name=value` of the session cookie, if signed in.
    pub cookie: Option<String>,
    /// The CSRF token from sign-in.
    pub csrf: Option<String>,
}

/// A response: status, headers and the body as JSON (`Null` when empty or not JSON).
pub struct Reply {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body.
    pub body: Value,
}

impl Client {
    /// The same session, talking to `server` (another node on the same database).
    pub fn clone_for(&self, server: &TestServer) -> Self {
        Self {
            base: server.base(),
            origin: server.origin(),
            http: reqwest::Client::new(),
            cookie: self.cookie.clone(),
            csrf: self.csrf.clone(),
        }
    }

    /// Signs in and keeps the cookie and CSRF token.
    pub async fn sign_in(&mut self, username: &str, password: &str) -> (StatusCode, Value) {
        let reply = self
            .send(
                Method::POST,
                "/api/staff/session",
                Some(serde_json::json!({ "username": username, "password": password })),
            )
            .await;
        if reply.status == StatusCode::OK {
            let set_cookie = reply
                .headers
                .get(SET_COOKIE)
                .and_then(|v| v.to_str().ok())
                .expect("Set-Cookie");
            self.cookie = Some(
                set_cookie
                    .split(';')
                    .next()
                    .expect("cookie pair")
                    .to_owned(),
            );
            self.csrf = reply.body["csrf_token"].as_str().map(str::to_owned);
        }
        (reply.status, reply.body)
    }

    /// Sends a request with the session cookie, CSRF token and origin.
    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        if method != Method::GET {
            request = request.header("origin", &self.origin);
            if let Some(csrf) = &self.csrf {
                request = request.header("x-csrf-token", csrf);
            }
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        Self::reply(request).await
    }

    /// Sends a raw body (for malformed-input tests).
    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> Reply {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header("content-type", content_type)
            .header("origin", &self.origin)
            .body(body);
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        if let Some(csrf) = &self.csrf {
            request = request.header("x-csrf-token", csrf);
        }
        Self::reply(request).await
    }

    /// Sends like [`Client::send`] and returns the status and the body's exact
    /// bytes (to show two answers cannot be told apart).
    pub async fn send_bytes(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Vec<u8>) {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie);
        }
        if method != Method::GET {
            request = request.header("origin", &self.origin);
            if let Some(csrf) = &self.csrf {
                request = request.header("x-csrf-token", csrf);
            }
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("server answers");
        let status = response.status();
        (status, response.bytes().await.expect("body").to_vec())
    }

    /// GET.
    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None).await
    }

    async fn reply(request: reqwest::RequestBuilder) -> Reply {
        let response = request.send().await.expect("server answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("body");
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
        }
    }
}

/// Two nodes on one PostgreSQL database and one Redis, or `None` when either
/// is not configured. Node B owns the database, so node A may be dropped
/// mid-test.
pub async fn two_nodes() -> Option<(TestServer, TestServer)> {
    two_nodes_with_grace(std::time::Duration::from_millis(300)).await
}

/// Two nodes whose counsellors' chats return to the queue after `grace`.
pub async fn two_nodes_with_grace(grace: std::time::Duration) -> Option<(TestServer, TestServer)> {
    use crate::backends::{postgres_url, redis_url, Engine, TestDatabase};
    let (Some(_), Some(redis)) = (postgres_url(), redis_url()) else {
        return None;
    };
    let database = TestDatabase::new(Engine::Postgres).await?;
    let shared = TestDatabase::borrowed(database.config.clone());
    let tweak = move |config: &mut Config| config.requeue_grace = grace;
    let (a, b) = tokio::join!(
        TestServer::start_with(shared, Some(redis.clone()), tweak),
        TestServer::start_with(database, Some(redis), tweak)
    );
    Some((a, b))
}
