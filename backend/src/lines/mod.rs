//! Consultation lines (相談窓口): what each is called, its published hours in
//! Asia/Tokyo, and whether it is open now.
//!
//! - [`hours`]: the weekly schedule, exception dates, public holidays and
//!   last-entry cutoff, and the open/closed computation.

pub mod hours;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::audit::AuditEntry;
use crate::staff::Account;
use crate::store::{Store, StoreError};
use crate::text::{plain_text, Slug, TextError};
use hours::{LineStatus, Schedule};

/// A consultation line as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    /// URL-safe id such as `youth-health`.
    pub id: Slug,
    /// Lines are listed in ascending order of this number.
    pub sort_order: i32,
    /// Japanese name (shown first).
    pub name_ja: String,
    /// English name.
    pub name_en: String,
    /// Japanese description: who it is for, what to talk about.
    pub description_ja: String,
    /// English description.
    pub description_en: String,
    /// Published hours.
    pub schedule: Schedule,
    /// Waiting chats go to an available counsellor by themselves (fairly: the
    /// least busy, then the longest without a new chat); otherwise counsellors take them.
    pub auto_assign: bool,
    /// Last change.
    pub updated_at: Timestamp,
}

/// What an administrator sends to create or replace a line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineInput {
    /// See [`Line::sort_order`].
    #[serde(default)]
    pub sort_order: i32,
    /// See [`Line::name_ja`].
    pub name_ja: String,
    /// See [`Line::name_en`].
    pub name_en: String,
    /// See [`Line::description_ja`].
    #[serde(default)]
    pub description_ja: String,
    /// See [`Line::description_en`].
    #[serde(default)]
    pub description_en: String,
    /// See [`Line::schedule`].
    pub schedule: Schedule,
    /// See [`Line::auto_assign`]; manual when left out.
    #[serde(default)]
    pub auto_assign: bool,
}

/// Why a line was refused.
#[derive(Debug, thiserror::Error)]
pub enum LineError {
    /// A text field was out of bounds.
    #[error(transparent)]
    Text(#[from] TextError),
    /// The schedule was inconsistent.
    #[error("schedule: {0}")]
    Schedule(#[from] hours::ScheduleError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Parses a line id: 2–40 characters of `a-z 0-9 - _ .`.
pub fn parse_line_id(raw: &str) -> Result<Slug, TextError> {
    Slug::parse("id", raw, 2, 40)
}

impl LineInput {
    /// Validates every field and builds the line.
    pub fn into_line(self, id: Slug, now: Timestamp) -> Result<Line, LineError> {
        self.schedule.validate()?;
        if !(-10_000..=10_000).contains(&self.sort_order) {
            return Err(TextError::new("sort_order", "must be between -10000 and 10000").into());
        }
        Ok(Line {
            id,
            sort_order: self.sort_order,
            name_ja: plain_text("name_ja", &self.name_ja, 1, 80, false)?,
            name_en: plain_text("name_en", &self.name_en, 1, 80, false)?,
            description_ja: plain_text("description_ja", &self.description_ja, 0, 2000, true)?,
            description_en: plain_text("description_en", &self.description_en, 0, 2000, true)?,
            schedule: self.schedule,
            auto_assign: self.auto_assign,
            updated_at: now,
        })
    }
}

/// A line with its status at one moment, as the public list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct LineView {
    /// Line id.
    pub id: Slug,
    /// Name in the requested language.
    pub name: String,
    /// Japanese name.
    pub name_ja: String,
    /// English name.
    pub name_en: String,
    /// Description in the requested language.
    pub description: String,
    /// Open or closed now, and the next change.
    #[serde(flatten)]
    pub status: LineStatus,
    /// Published hours.
    pub schedule: Schedule,
    /// Merged opening intervals of the coming seven days, for a "this week" display.
    pub upcoming: Vec<Opening>,
}

/// One opening interval.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Opening {
    /// Opens at.
    pub opens_at: Timestamp,
    /// Closes at.
    pub closes_at: Timestamp,
}

/// Display language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Japanese, the default.
    #[default]
    Ja,
    /// English.
    En,
}

impl Line {
    /// The line's state at `now`, named in `lang`.
    pub fn view(&self, now: Timestamp, lang: Lang) -> LineView {
        let (name, description) = match lang {
            Lang::Ja => (&self.name_ja, &self.description_ja),
            Lang::En => (&self.name_en, &self.description_en),
        };
        LineView {
            id: self.id.clone(),
            name: name.clone(),
            name_ja: self.name_ja.clone(),
            name_en: self.name_en.clone(),
            description: description.clone(),
            status: self.schedule.status_at(now),
            schedule: self.schedule.clone(),
            upcoming: self
                .schedule
                .upcoming_openings(now, 7)
                .into_iter()
                .map(|(opens_at, closes_at)| Opening {
                    opens_at,
                    closes_at,
                })
                .collect(),
        }
    }
}

/// Creates or replaces line `id`, recording who did it.
pub async fn save(
    store: &dyn Store,
    actor: &Account,
    id: &str,
    input: LineInput,
) -> Result<Line, LineError> {
    let line = input.into_line(parse_line_id(id)?, Timestamp::now())?;
    let audit = AuditEntry::now(
        Some(actor.id),
        "line.save",
        format!("line:{}", line.id),
        serde_json::json!({
            "name_ja": line.name_ja,
            "schedule": line.schedule,
            "auto_assign": line.auto_assign,
        }),
    );
    store.upsert_line(&line, &audit).await?;
    Ok(line)
}

/// Deletes line `id`; `false` if there was none.
pub async fn delete(store: &dyn Store, actor: &Account, id: &str) -> Result<bool, LineError> {
    let id = parse_line_id(id)?;
    let audit = AuditEntry::now(
        Some(actor.id),
        "line.delete",
        format!("line:{id}"),
        serde_json::json!({}),
    );
    Ok(store.delete_line(&id, &audit).await?)
}
