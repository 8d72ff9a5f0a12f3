//! Staff operations and their rules: sign-in and sessions, creating and
//! changing accounts, registering organisations. No HTTP here.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::password::{Password, PasswordHasherPool};
use super::session::{hash_token, random_token, StaffSession};
use super::throttle::SignInThrottle;
use super::{
    organisation_from_input, parse_display_name, parse_username, Account, Organisation,
    OrganisationInput, Role,
};
use crate::audit::AuditEntry;
use crate::bus::Bus;
use crate::consultation::events::{staff_topic, StaffEvent};
use crate::store::{AccountUpdate, Store, StoreError};
use crate::text::TextError;

/// Why a staff operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    /// Too many sign-in attempts; try later.
    #[error("too many sign-in attempts; wait a minute and try again")]
    Throttled,
    /// Unknown username, wrong password or disabled account (deliberately indistinguishable).
    #[error("username or password is wrong, or the account is disabled")]
    BadCredentials,
    /// An input field was invalid.
    #[error(transparent)]
    Invalid(#[from] TextError),
    /// No such account or organisation.
    #[error("not found")]
    NotFound,
    /// The username or name is already taken.
    #[error("{0} is already taken")]
    Taken(&'static str),
    /// The change would leave nobody able to administer the platform.
    #[error("this would leave no enabled administrator")]
    LastAdmin,
    /// Storage failed.
    #[error(transparent)]
    Store(StoreError),
    /// Something else failed (password hashing).
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for StaffError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::MissingReference => {
                TextError::new("organisation_id", "no such organisation").into()
            }
            other => Self::Store(other),
        }
    }
}

/// A successful sign-in: the cookie token goes to the browser, nowhere else.
pub struct SignedIn {
    /// Secret for the session cookie.
    pub token: String,
    /// The stored session (holds the CSRF token).
    pub session: StaffSession,
    /// Who signed in.
    pub account: Account,
}

/// A new account as an administrator (or the command line) asks for it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAccount {
    /// Sign-in name.
    pub username: String,
    /// Name shown to colleagues.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Required for partner staff, refused for everyone else.
    #[serde(default)]
    pub organisation_id: Option<Uuid>,
    /// Initial password.
    pub password: String,
}

/// Changes to an account; absent fields stay as they are.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountChange {
    /// New display name.
    pub display_name: Option<String>,
    /// New role; a partner needs `organisation_id` alongside.
    pub role: Option<Role>,
    /// New organisation (partner staff only).
    pub organisation_id: Option<Uuid>,
    /// Disable or enable.
    pub disabled: Option<bool>,
    /// New password.
    pub password: Option<String>,
}

/// A partner organisation to register or change.
pub use super::OrganisationInput as NewOrganisation;

/// Staff accounts and sessions.
pub struct StaffService {
    store: Arc<dyn Store>,
    /// Tells open consoles that their session ended, so they close at once.
    bus: Arc<dyn Bus>,
    hasher: PasswordHasherPool,
    throttle: SignInThrottle,
    session_lifetime: SignedDuration,
}

impl StaffService {
    /// A service over `store`; sessions last `session_hours`.
    pub fn new(
        store: Arc<dyn Store>,
        bus: Arc<dyn Bus>,
        session_hours: u32,
        throttle: SignInThrottle,
    ) -> Self {
        Self {
            store,
            bus,
            // Two hashes at once: enough for a shift change, bounded in memory and CPU.
            hasher: PasswordHasherPool::new(2),
            throttle,
            session_lifetime: SignedDuration::from_hours(i64::from(session_hours)),
        }
    }

    /// Checks the password and opens a fresh session (a new id every time, so a
    /// session id planted before sign-in is worthless).
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
        client_key: &str,
    ) -> Result<SignedIn, StaffError> {
        if !self.throttle.attempt(username, client_key) {
            return Err(StaffError::Throttled);
        }
        let found = match parse_username(username) {
            Ok(name) => self.store.account_credentials(name.as_str()).await?,
            Err(_) => None,
        };
        let hash = found.as_ref().map(|(_, hash)| hash.as_str());
        let password_ok = self.hasher.verify(password, hash).await;
        let account = match found {
            Some((account, _)) if password_ok && !account.disabled => account,
            _ => return Err(StaffError::BadCredentials),
        };
        let token = random_token();
        let now = Timestamp::now();
        let session = StaffSession {
            token_hash: hash_token(&token),
            account_id: account.id,
            csrf_token: random_token(),
            created_at: now,
            expires_at: now + self.session_lifetime,
        };
        self.store.insert_session(&session).await?;
        Ok(SignedIn {
            token,
            session,
            account,
        })
    }

    /// The live session behind a cookie token, if any.
    pub async fn authenticate(
        &self,
        token: &str,
    ) -> Result<Option<(StaffSession, Account)>, StaffError> {
        Ok(self
            .store
            .session(&hash_token(token), Timestamp::now())
            .await?)
    }

    /// Ends the session behind a cookie token.
    pub async fn sign_out(&self, account_id: Uuid, token: &str) -> Result<(), StaffError> {
        let token_hash = hash_token(token);
        self.store.delete_session(&token_hash).await?;
        self.sessions_ended(account_id, Some(token_hash)).await;
        Ok(())
    }

    /// Closes the consoles of ended sessions now rather than at their next check.
    async fn sessions_ended(&self, account_id: Uuid, token_hash: Option<String>) {
        let event = StaffEvent::SessionsEnded { token_hash };
        if let Ok(payload) = serde_json::to_vec(&event) {
            if let Err(error) = self
                .bus
                .publish(&staff_topic(account_id), payload.into())
                .await
            {
                // Consoles still re-check their session at every heartbeat.
                tracing::warn!(%error, "could not announce ended sessions");
            }
        }
    }

    /// Creates an account. `actor` is `None` on the command line.
    pub async fn create_account(
        &self,
        actor: Option<&Account>,
        new: NewAccount,
    ) -> Result<Account, StaffError> {
        let username = parse_username(&new.username)?;
        let display_name = parse_display_name(&new.display_name)?;
        let password = Password::parse(&new.password)?;
        check_organisation(new.role, new.organisation_id)?;
        let account = Account {
            id: Uuid::new_v4(),
            username,
            display_name,
            role: new.role,
            organisation_id: new.organisation_id,
            disabled: false,
            created_at: Timestamp::now(),
        };
        let hash = self.hasher.hash(&password).await?;
        let audit = AuditEntry::now(
            actor.map(|a| a.id),
            "account.create",
            format!("account:{}", account.id),
            json!({ "username": account.username, "role": account.role }),
        );
        match self.store.insert_account(&account, &hash, &audit).await {
            Err(StoreError::Conflict) => Err(StaffError::Taken("username")),
            other => other.map_err(StaffError::from),
        }?;
        Ok(account)
    }

    /// Changes an account. Disabling it, changing its role or password ends its sessions at once.
    pub async fn change_account(
        &self,
        actor: &Account,
        id: Uuid,
        change: AccountChange,
    ) -> Result<Account, StaffError> {
        let before = self.store.account(id).await?.ok_or(StaffError::NotFound)?;
        let mut after = before.clone();
        if let Some(name) = &change.display_name {
            after.display_name = parse_display_name(name)?;
        }
        if let Some(role) = change.role {
            after.role = role;
        }
        if change.organisation_id.is_some() || change.role.is_some() {
            after.organisation_id = if after.role == Role::Partner {
                change.organisation_id.or(before.organisation_id)
            } else {
                change.organisation_id
            };
        }
        check_organisation(after.role, after.organisation_id)?;
        if let Some(disabled) = change.disabled {
            after.disabled = disabled;
        }
        let password_hash = match &change.password {
            Some(raw) => Some(self.hasher.hash(&Password::parse(raw)?).await?),
            None => None,
        };
        let was_admin = before.role == Role::Admin && !before.disabled;
        let still_admin = after.role == Role::Admin && !after.disabled;
        if was_admin && !still_admin && self.store.active_admin_count().await? <= 1 {
            return Err(StaffError::LastAdmin);
        }
        let end_sessions = after.disabled || after.role != before.role || password_hash.is_some();
        let audit = AuditEntry::now(
            Some(actor.id),
            "account.update",
            format!("account:{id}"),
            json!({
                "display_name": change.display_name.is_some(),
                "role": (after.role != before.role).then_some(after.role),
                "organisation_id": (after.organisation_id != before.organisation_id).then_some(after.organisation_id),
                "disabled": (after.disabled != before.disabled).then_some(after.disabled),
                "password": password_hash.is_some(),
            }),
        );
        let update = AccountUpdate {
            account: after.clone(),
            password_hash,
            end_sessions,
        };
        self.store.update_account(&update, &audit).await?;
        if end_sessions {
            self.sessions_ended(id, None).await;
        }
        Ok(after)
    }

    /// Every account.
    pub async fn accounts(&self) -> Result<Vec<Account>, StaffError> {
        Ok(self.store.accounts().await?)
    }

    /// Registers a partner organisation.
    pub async fn create_organisation(
        &self,
        actor: &Account,
        new: NewOrganisation,
    ) -> Result<Organisation, StaffError> {
        // Stored in milliseconds: answer what a later read will say.
        let now = Timestamp::from_millisecond(Timestamp::now().as_millisecond())
            .map_err(|e| StaffError::Internal(e.into()))?;
        let organisation = organisation_from_input(Uuid::new_v4(), now, new)?;
        let audit = AuditEntry::now(
            Some(actor.id),
            "organisation.create",
            format!("organisation:{}", organisation.id),
            organisation_detail(&organisation),
        );
        match self.store.insert_organisation(&organisation, &audit).await {
            Err(StoreError::Conflict) => Err(StaffError::Taken("name")),
            other => other.map_err(StaffError::from),
        }?;
        Ok(organisation)
    }

    /// Replaces what the directory says about an organisation (its id,
    /// accounts and cases stay).
    pub async fn update_organisation(
        &self,
        actor: &Account,
        id: Uuid,
        input: OrganisationInput,
    ) -> Result<Organisation, StaffError> {
        let before = self
            .store
            .organisation(id)
            .await?
            .ok_or(StaffError::NotFound)?;
        let after = organisation_from_input(id, before.created_at, input)?;
        let audit = AuditEntry::now(
            Some(actor.id),
            "organisation.update",
            format!("organisation:{id}"),
            organisation_detail(&after),
        );
        match self.store.update_organisation(&after, &audit).await {
            Err(StoreError::Conflict) => Err(StaffError::Taken("name")),
            Ok(false) => Err(StaffError::NotFound),
            other => other.map(drop).map_err(StaffError::from),
        }?;
        Ok(after)
    }

    /// Every organisation.
    pub async fn organisations(&self) -> Result<Vec<Organisation>, StaffError> {
        Ok(self.store.organisations().await?)
    }

    /// Deletes expired sessions and idle throttle keys; run periodically.
    pub async fn housekeeping(&self) -> Result<u64, StaffError> {
        self.throttle.forget_idle();
        Ok(self.store.delete_expired_sessions(Timestamp::now()).await?)
    }
}

/// What the audit log keeps of an organisation: the directory entry itself
/// (it holds no personal data).
fn organisation_detail(organisation: &Organisation) -> serde_json::Value {
    json!({
        "name": organisation.name,
        "kind": organisation.kind,
        "municipalities": organisation.municipalities,
        "help_kinds": organisation.help_kinds,
        "contact_hours": organisation.contact_hours,
        "on_call_note": organisation.on_call_note,
    })
}

fn check_organisation(role: Role, organisation_id: Option<Uuid>) -> Result<(), TextError> {
    match (role, organisation_id) {
        (Role::Partner, None) => Err(TextError::new(
            "organisation_id",
            "partner staff must belong to an organisation",
        )),
        (Role::Partner, Some(_)) | (_, None) => Ok(()),
        (_, Some(_)) => Err(TextError::new(
            "organisation_id",
            "only partner staff belong to an organisation",
        )),
    }
}
