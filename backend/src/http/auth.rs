//! Who is asking: the staff session from the `__Host-` cookie, CSRF and origin
//! checks on state-changing requests, and role guards. Also the client key used
//! by rate limits (an address that is hashed in memory, never stored).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};

use super::error::ApiError;
use super::App;
use crate::staff::session::{constant_time_eq, StaffSession};
use crate::staff::{Account, Role};

/// Cookie holding the staff session token. `__Host-` binds it to this exact
/// host, path `/`, and HTTPS (browsers treat localhost as secure too).
pub const SESSION_COOKIE: &str = "__Host-yorisoi_staff";

/// Header that must repeat the session's CSRF token on state-changing requests.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A signed-in staff member, extracted from the cookie. On methods other than
/// GET/HEAD the request must also carry the session's CSRF token and, when the
/// browser sends one, an allowed `Origin`.
pub struct Staff {
    /// The account.
    pub account: Account,
    /// The session (for sign-out).
    pub session: StaffSession,
    /// The cookie token.
    pub token: String,
}

impl FromRequestParts<Arc<App>> for Staff {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<App>,
    ) -> Result<Self, Self::Rejection> {
        let token = session_cookie(&parts.headers).ok_or_else(ApiError::unauthorized)?;
        let (session, account) = app
            .staff
            .authenticate(&token)
            .await?
            .ok_or_else(ApiError::unauthorized)?;
        if !matches!(parts.method, Method::GET | Method::HEAD) {
            check_origin(&parts.headers, &app.public_origins)?;
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if !constant_time_eq(sent, &session.csrf_token) {
                return Err(ApiError::new(
                    axum::http::StatusCode::FORBIDDEN,
                    "csrf_failed",
                    "missing or wrong X-CSRF-Token header; reload the page",
                ));
            }
        }
        Ok(Self {
            account,
            session,
            token,
        })
    }
}

/// Declares an extractor for a signed-in staff member whose role is one of `roles`.
macro_rules! role_guard {
    ($(#[$doc:meta])* $name:ident, $($role:path),+) => {
        $(#[$doc])*
        pub struct $name(pub Staff);

        impl FromRequestParts<Arc<App>> for $name {
            type Rejection = ApiError;

            async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, Self::Rejection> {
                let staff = Staff::from_request_parts(parts, app).await?;
                if !matches!(staff.account.role, $($role)|+) {
                    return Err(ApiError::forbidden());
                }
                Ok(Self(staff))
            }
        }
    };
}

role_guard!(
    /// A signed-in administrator.
    Admin,
    Role::Admin
);
role_guard!(
    /// A signed-in counsellor or supervisor (the console's users).
    ConsoleStaff,
    Role::Counselor,
    Role::Supervisor
);
role_guard!(
    /// A signed-in supervisor.
    Supervisor,
    Role::Supervisor
);
role_guard!(
    /// A signed-in counsellor, moderator, supervisor or partner (the people cases are for).
    CaseStaff,
    Role::Counselor,
    Role::Moderator,
    Role::Supervisor,
    Role::Partner
);
role_guard!(
    /// A signed-in counsellor, moderator or supervisor (who escalate: from a
    /// chat or from the salon).
    Escalating,
    Role::Counselor,
    Role::Moderator,
    Role::Supervisor
);
role_guard!(
    /// A signed-in partner staff member.
    Partner,
    Role::Partner
);
role_guard!(
    /// A signed-in moderator or supervisor (the salon's staff).
    Moderation,
    Role::Moderator,
    Role::Supervisor
);

/// Refuses a request whose `Origin` header names a site we do not serve.
/// Browsers send `Origin` on every cross-site and every non-GET request.
pub fn check_origin(headers: &HeaderMap, allowed: &[String]) -> Result<(), ApiError> {
    match headers
        .get(header::ORIGIN)
        .map(|v| v.to_str().unwrap_or_default().to_ascii_lowercase())
    {
        None => Ok(()),
        Some(origin) if allowed.contains(&origin) => Ok(()),
        Some(_) => Err(ApiError::new(
            axum::http::StatusCode::FORBIDDEN,
            "bad_origin",
            "request from another site refused",
        )),
    }
}

fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty() && value.len() <= 128)
}

/// `Set-Cookie` value that stores `token` for `max_age_secs`.
pub fn session_set_cookie(token: &str, max_age_secs: i64) -> String {
    format!("{SESSION_COOKIE}={token}; Path=/; Max-Age={max_age_secs}; HttpOnly; Secure; SameSite=Strict")
}

/// `Set-Cookie` value that removes the session cookie.
pub fn session_clear_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict")
}

/// The client's key for rate limits: its address (or the proxy's forwarded one
/// when trusted). Used only in memory, hashed, by the limiters.
pub struct ClientKey(pub String);

impl FromRequestParts<Arc<App>> for ClientKey {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &Arc<App>,
    ) -> Result<Self, Self::Rejection> {
        if app.trust_forwarded_for {
            let forwarded = parts
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .map(str::trim)
                .filter(|v| !v.is_empty());
            if let Some(address) = forwarded {
                return Ok(Self(address.to_owned()));
            }
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip().to_string());
        Ok(Self(peer.unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "a=1; __Host-yorisoi_staff=tok; b=2"
                .parse()
                .expect("header"),
        );
        assert_eq!(session_cookie(&headers).as_deref(), Some("tok"));
        headers.insert(header::COOKIE, "yorisoi_staff=tok".parse().expect("header"));
        assert_eq!(session_cookie(&headers), None);
    }

    #[test]
    fn origin_must_match_exactly() {
        let allowed = vec!["https://yorisoi.example.jp".to_string()];
        let mut headers = HeaderMap::new();
        assert!(check_origin(&headers, &allowed).is_ok());
        headers.insert(
            header::ORIGIN,
            "https://yorisoi.example.jp".parse().expect("header"),
        );
        assert!(check_origin(&headers, &allowed).is_ok());
        headers.insert(
            header::ORIGIN,
            "https://yorisoi.example.jp.evil.test"
                .parse()
                .expect("header"),
        );
        assert!(check_origin(&headers, &allowed).is_err());
    }

    #[test]
    fn cookie_attributes() {
        let cookie = session_set_cookie("t", 60);
        for part in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/", "__Host-"] {
            assert!(cookie.contains(part), "{cookie} lacks {part}");
        }
    }
}
