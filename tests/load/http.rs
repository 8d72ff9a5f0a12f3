//! The HTTP side of setup: the administrator's line and staff accounts, the
//! moderator's rooms, staff sign-in and teen device tokens.

use std::net::IpAddr;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::time::Instant;

use crate::Target;

/// The staff session cookie's name.
const SESSION_COOKIE: &str = "__Host-yorisoi_staff";

/// An HTTP client speaking from one loopback address.
pub struct Client {
    http: reqwest::Client,
    target: Target,
}

impl Client {
    /// A client whose connections leave from `source`.
    pub fn new(target: &Target, source: IpAddr) -> Result<Self> {
        let http = reqwest::Client::builder()
            .local_address(source)
            .no_proxy()
            .timeout(Duration::from_secs(60))
            .pool_max_idle_per_host(1)
            .build()
            .context("http client")?;
        Ok(Self {
            http,
            target: target.clone(),
        })
    }

    fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.target.base))
            .header("origin", &self.target.origin)
    }

    /// Signs a staff account in; returns the `Cookie` header value and the CSRF token.
    pub async fn sign_in_full(&self, username: &str, password: &str) -> Result<(String, String)> {
        let response = self
            .request(Method::POST, "/api/staff/session")
            .json(&json!({ "username": username, "password": password }))
            .send()
            .await
            .context("sign-in request")?;
        let status = response.status();
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .find(|v| v.starts_with(&format!("{SESSION_COOKIE}=")))
            .map(str::to_owned);
        let body: Value = response.json().await.unwrap_or(Value::Null);
        if status != StatusCode::OK {
            bail!(
                "sign-in {username}: HTTP {status} {}",
                body["error"]["code"]
            );
        }
        let cookie = cookie.context("sign-in set no session cookie")?;
        let csrf = body["csrf_token"]
            .as_str()
            .context("sign-in returned no csrf_token")?
            .to_owned();
        Ok((cookie, csrf))
    }

    /// Signs a staff account in; returns the `Cookie` header value.
    pub async fn sign_in(&self, username: &str, password: &str) -> Result<String> {
        Ok(self.sign_in_full(username, password).await?.0)
    }

    /// A new teen device token. Waits and retries while throttled, until `deadline`.
    pub async fn new_device(&self, deadline: Instant) -> Result<String> {
        loop {
            let response = self
                .request(Method::POST, "/api/teen/devices")
                .send()
                .await
                .context("device request")?;
            let status = response.status();
            let body: Value = response.json().await.unwrap_or(Value::Null);
            if status == StatusCode::CREATED {
                return body["token"]
                    .as_str()
                    .map(str::to_owned)
                    .context("device answer without token");
            }
            if status != StatusCode::TOO_MANY_REQUESTS {
                bail!("new device: HTTP {status} {}", body["error"]["code"]);
            }
            if Instant::now() + Duration::from_secs(6) > deadline {
                bail!("new device: throttled until the setup deadline");
            }
            tokio::time::sleep(Duration::from_secs(6)).await;
        }
    }
}

/// A signed-in administrator.
pub struct Admin {
    client: Client,
    cookie: String,
    csrf: String,
}

impl Admin {
    /// Signs in from 127.0.0.1.
    pub async fn sign_in(target: &Target, username: &str, password: &str) -> Result<Self> {
        let source = match target.addr {
            std::net::SocketAddr::V4(_) => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            std::net::SocketAddr::V6(_) => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        };
        let client = Client::new(target, source)?;
        let (cookie, csrf) = client
            .sign_in_full(username, password)
            .await
            .context("administrator sign-in (check --admin-user/--admin-password)")?;
        Ok(Self {
            client,
            cookie,
            csrf,
        })
    }

    async fn send(&self, method: Method, path: &str, body: Value) -> Result<(StatusCode, Value)> {
        let response = self
            .client
            .request(method, path)
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .json(&body)
            .send()
            .await
            .with_context(|| path.to_owned())?;
        let status = response.status();
        Ok((status, response.json().await.unwrap_or(Value::Null)))
    }

    /// Creates or replaces `id` as a line open around the clock.
    pub async fn open_line(&self, id: &str) -> Result<()> {
        let weekly: Vec<Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .map(|day| json!({ "day": day, "start": "00:00", "end": "24:00" }))
            .collect();
        let body = json!({
            "sort_order": 900,
            "name_ja": "負荷試験", "name_en": "Load test",
            "description_ja": "負荷試験用", "description_en": "For load tests",
            "schedule": { "weekly": weekly, "exceptions": [], "closed_on_public_holidays": false, "last_entry_minutes": 0 }
        });
        let (status, answer) = self
            .send(Method::PUT, &format!("/api/admin/lines/{id}"), body)
            .await?;
        if status != StatusCode::OK {
            bail!("creating line {id}: HTTP {status} {answer}");
        }
        Ok(())
    }

    /// A call that must succeed (2xx); returns the answer.
    pub async fn expect(&self, method: Method, path: &str, body: Value) -> Result<Value> {
        let (status, answer) = self.send(method, path, body).await?;
        if !status.is_success() {
            bail!("{path}: HTTP {status} {answer}");
        }
        Ok(answer)
    }

    /// Creates a counsellor account unless it exists (then it must have `password`).
    pub async fn ensure_counselor(&self, username: &str, password: &str) -> Result<()> {
        self.ensure_account(username, password, "counselor").await
    }

    /// Creates an account with `role` unless it exists (then it must have `password`).
    pub async fn ensure_account(&self, username: &str, password: &str, role: &str) -> Result<()> {
        let body = json!({
            "username": username, "display_name": username,
            "role": role, "password": password,
        });
        let (status, answer) = self.send(Method::POST, "/api/admin/accounts", body).await?;
        match status {
            StatusCode::CREATED | StatusCode::CONFLICT => Ok(()),
            _ => bail!(
                "creating {username}: HTTP {status} {}",
                answer["error"]["code"]
            ),
        }
    }
}
