//! One error type for every HTTP answer that is not a success. It owns the
//! mapping to status codes and the JSON shape `{"error": {"code", "message"}}`;
//! details of server-side failures are logged, never sent.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::escalation::EscalationError;
use crate::lines::LineError;
use crate::salon::SalonError;
use crate::staff::service::StaffError;
use crate::store::StoreError;
use crate::text::TextError;

/// An error answer.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    /// An error with an explicit status, machine code and human message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    /// 401: no valid staff session.
    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", "sign in first")
    }

    /// 403: signed in, but this role may not do this.
    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "your role does not allow this",
        )
    }

    /// 404.
    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{what} not found"),
        )
    }

    /// 500 for an unexpected failure: logged here with its cause, hidden from the client.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(%cause, "request failed");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "something went wrong on our side; please try again",
        )
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": { "code": self.code, "message": self.message } });
        let mut response = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::TOO_MANY_REQUESTS {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("60"));
        }
        response
    }
}

impl From<TextError> for ApiError {
    fn from(error: TextError) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_field",
            error.to_string(),
        )
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict => Self::new(StatusCode::CONFLICT, "conflict", "already exists"),
            StoreError::MissingReference => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                "refers to something that does not exist",
            ),
            other => Self::internal(&other),
        }
    }
}

impl From<StaffError> for ApiError {
    fn from(error: StaffError) -> Self {
        match error {
            StaffError::Throttled => Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                "throttled",
                error.to_string(),
            ),
            StaffError::BadCredentials => Self::new(
                StatusCode::UNAUTHORIZED,
                "bad_credentials",
                error.to_string(),
            ),
            StaffError::Invalid(text) => text.into(),
            StaffError::NotFound => Self::not_found("account"),
            StaffError::Taken(_) => Self::new(StatusCode::CONFLICT, "conflict", error.to_string()),
            StaffError::LastAdmin => {
                Self::new(StatusCode::CONFLICT, "last_admin", error.to_string())
            }
            StaffError::Store(store) => store.into(),
            StaffError::Internal(cause) => Self::internal(&cause),
        }
    }
}

impl From<LineError> for ApiError {
    fn from(error: LineError) -> Self {
        match error {
            LineError::Store(store) => store.into(),
            other => Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                other.to_string(),
            ),
        }
    }
}

impl From<SalonError> for ApiError {
    fn from(error: SalonError) -> Self {
        let (status, code) = match &error {
            SalonError::UnknownDevice => (StatusCode::UNAUTHORIZED, "unknown_device"),
            SalonError::NotFound => return Self::not_found("salon item"),
            SalonError::RoomClosed(_) => (StatusCode::CONFLICT, "room_closed"),
            SalonError::Paused => (StatusCode::CONFLICT, "room_paused"),
            SalonError::Full => (StatusCode::CONFLICT, "room_full"),
            SalonError::NicknameTaken => (StatusCode::CONFLICT, "nickname_taken"),
            SalonError::RulesNotAccepted => {
                (StatusCode::UNPROCESSABLE_ENTITY, "rules_not_accepted")
            }
            SalonError::NotJoined => (StatusCode::CONFLICT, "not_joined"),
            SalonError::Banned { .. } => (StatusCode::FORBIDDEN, "banned"),
            SalonError::Removed(_) => (StatusCode::FORBIDDEN, "removed"),
            SalonError::Muted(_) => (StatusCode::FORBIDDEN, "muted"),
            SalonError::SlowMode(_) => (StatusCode::TOO_MANY_REQUESTS, "slow_mode"),
            SalonError::AlreadyDecided => (StatusCode::CONFLICT, "already_decided"),
            SalonError::Forbidden => return Self::forbidden(),
            SalonError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            SalonError::Invalid(_) | SalonError::Store(_) => {
                return match error {
                    SalonError::Invalid(text) => text.into(),
                    SalonError::Store(store) => store.into(),
                    _ => unreachable!(),
                }
            }
        };
        Self::new(status, code, error.to_string())
    }
}

impl From<EscalationError> for ApiError {
    fn from(error: EscalationError) -> Self {
        let (status, code) = match &error {
            EscalationError::Invalid(_) | EscalationError::Store(_) => {
                return match error {
                    EscalationError::Invalid(text) => text.into(),
                    EscalationError::Store(store) => store.into(),
                    _ => unreachable!(),
                }
            }
            // One answer for a missing case and for one the viewer may not
            // see: nothing tells them apart.
            EscalationError::NotFound => return Self::not_found("case"),
            EscalationError::NudgeNotFound => return Self::not_found("suggestion"),
            EscalationError::NudgeDecided => (StatusCode::CONFLICT, "already_decided"),
            EscalationError::Forbidden => return Self::forbidden(),
            EscalationError::NotYourChat => (StatusCode::FORBIDDEN, "not_your_chat"),
            EscalationError::ConsentDeclined => {
                (StatusCode::UNPROCESSABLE_ENTITY, "consent_declined")
            }
            EscalationError::SecondStaffRequired => (StatusCode::CONFLICT, "second_staff_required"),
            EscalationError::NotAwaitingConfirmation => {
                (StatusCode::CONFLICT, "not_awaiting_confirmation")
            }
            EscalationError::InvalidTransition { .. } => {
                (StatusCode::CONFLICT, "invalid_transition")
            }
        };
        Self::new(status, code, error.to_string())
    }
}
