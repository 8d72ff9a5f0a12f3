//! Published opening hours of a consultation line, and whether it is open.
//!
//! # Model
//!
//! All hours are Tokyo wall-clock times (`Asia/Tokyo`); instants are
//! [`jiff::Timestamp`]s (UTC). A [`Schedule`] is:
//!
//! - `weekly`: windows such as "wed 15:00–20:00". A window belongs to the
//!   *service day* on which it starts. If its end is at or before its start it
//!   runs past midnight into the next day ("fri 22:00–02:00" closes Saturday
//!   02:00), so `start == end` (e.g. `00:00`–`00:00`) is a full 24 hours.
//!   `"24:00"` may be used as an end and means the next day's 00:00.
//! - `exceptions`: per-date overrides. An exception for a date replaces the
//!   windows *starting* on that date: `"closed": true` removes them, a
//!   `"windows"` list replaces them (changed hours or a special opening on a
//!   normally closed day). A window that started the evening before and runs
//!   past midnight into an excepted date is not affected: it belongs to the
//!   previous service day.
//! - `closed_on_public_holidays`: weekly windows starting on a Japanese public
//!   holiday (including 振替休日 and 国民の休日) are dropped. An exception for
//!   the date wins over this rule, so a line can open on a chosen holiday.
//! - `last_entry_minutes`: new chats are accepted only until
//!   `closes_at - last_entry_minutes`; chats already running may continue.
//!
//! Windows that overlap or touch (including a past-midnight window meeting the
//! next day's window) are merged into one *open interval*, so a line with seven
//! `00:00`–`24:00` windows is simply always open. Intervals are half-open:
//! open at the start instant, closed at the end instant.
//!
//! # Computation
//!
//! [`Schedule::status_at`] generates the windows of each Tokyo date from two
//! days before `now` onwards, merges them on the fly and stops at the first
//! interval that starts after the current one, so a typical call touches a
//! handful of days. The look-ahead is bounded by [`HORIZON_DAYS`] (400 days):
//! a line open continuously for longer than that reports no `closes_at`, and an
//! opening further away than that is not reported. The merging works in Tokyo
//! wall-clock seconds; results are converted to instants through jiff's
//! `Asia/Tokyo` zone (which has had a fixed UTC+09:00 offset since 1951).
//!
//! Public holidays come from [`public_holidays`], an implementation of the
//! rules of 国民の祝日に関する法律 for 1980–2099 (see there).

use std::fmt;
use std::iter::Peekable;
use std::str::FromStr;
use std::sync::LazyLock;

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How far ahead (in Tokyo days from today) [`Schedule::status_at`] looks for
/// the end of the current interval and for the next opening.
pub const HORIZON_DAYS: u32 = 400;
/// Most windows one weekday, or one exception date, may have.
pub const MAX_WINDOWS_PER_DAY: usize = 20;
/// Most exception dates a schedule may have (one year's worth).
pub const MAX_EXCEPTIONS: usize = 366;
/// Largest accepted `last_entry_minutes` (four hours).
pub const MAX_LAST_ENTRY_MINUTES: u32 = 240;

const SECS_PER_DAY: i64 = 86_400;
/// Days generated before the Tokyo date of the instant asked about. A valid
/// window lasts at most 24 hours, so the previous day would suffice; the extra
/// day keeps a schedule that skipped `validate()` (a `"24:00"` start, which
/// then lands on the next day) correct, and lets `upcoming_openings` tell a
/// true opening time from one cut by the look-back.
const LOOK_BACK_DAYS: i64 = 2;

static TOKYO: LazyLock<TimeZone> = LazyLock::new(|| {
    // The tzdb is bundled into the binary (`tzdb-bundle-always`), so the
    // lookup cannot fail in practice; should it ever, JST is a fixed +09:00.
    TimeZone::get("Asia/Tokyo").unwrap_or_else(|_| TimeZone::fixed(Offset::constant(9)))
});

/// The `Asia/Tokyo` time zone in which all hours are defined.
pub fn tokyo() -> &'static TimeZone {
    &TOKYO
}

// ---------------------------------------------------------------------------
// Clock times and days
// ---------------------------------------------------------------------------

/// A wall-clock time of day in whole minutes, `00:00` to `24:00` inclusive.
///
/// Written strictly as `"HH:MM"` with two-digit hour and minute (`"09:00"`,
/// not `"9:00"`), hour `00`–`23`, minute `00`–`59`, plus `"24:00"` for the end
/// of a day. Being strict keeps stored schedules in one canonical spelling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(u16);

impl ClockTime {
    /// `00:00`.
    pub const MIDNIGHT: ClockTime = ClockTime(0);
    /// `24:00`, the end of a day (only meaningful as a window end).
    pub const END_OF_DAY: ClockTime = ClockTime(1440);

    /// `hour:minute`, with `hour` 0–23 and `minute` 0–59, or exactly 24:00.
    pub const fn new(hour: u8, minute: u8) -> Option<ClockTime> {
        if (hour < 24 && minute < 60) || (hour == 24 && minute == 0) {
            Some(ClockTime(hour as u16 * 60 + minute as u16))
        } else {
            None
        }
    }

    /// Minutes since midnight, 0–1440.
    pub const fn from_minutes(minutes: u16) -> Option<ClockTime> {
        if minutes <= 1440 {
            Some(ClockTime(minutes))
        } else {
            None
        }
    }

    /// Minutes since midnight, 0–1440.
    pub const fn minutes(self) -> u16 {
        self.0
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// A string that is not a valid `"HH:MM"` [`ClockTime`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid time {value:?}: {reason}")]
pub struct ClockTimeError {
    value: String,
    reason: &'static str,
}

impl FromStr for ClockTime {
    type Err = ClockTimeError;

    fn from_str(s: &str) -> Result<ClockTime, ClockTimeError> {
        let err = |reason| ClockTimeError {
            value: s.chars().take(16).collect(),
            reason,
        };
        let &[h1, h2, b':', m1, m2] = s.as_bytes() else {
            return Err(err(
                "expected \"HH:MM\" with a two-digit hour and minute, e.g. \"09:00\"",
            ));
        };
        if ![h1, h2, m1, m2].iter().all(u8::is_ascii_digit) {
            return Err(err(
                "expected \"HH:MM\" with a two-digit hour and minute, e.g. \"09:00\"",
            ));
        }
        let hour = (h1 - b'0') * 10 + (h2 - b'0');
        let minute = (m1 - b'0') * 10 + (m2 - b'0');
        if minute > 59 {
            return Err(err("minute must be 00-59"));
        }
        if hour > 24 || (hour == 24 && minute != 0) {
            return Err(err("hour must be 00-23 (\"24:00\" is allowed as an end)"));
        }
        ClockTime::new(hour, minute).ok_or_else(|| err("out of range"))
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ClockTime, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Day of the week, written `mon tue wed thu fri sat sun`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DayOfWeek {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl DayOfWeek {
    /// All days, Monday first.
    pub const ALL: [DayOfWeek; 7] = [
        DayOfWeek::Mon,
        DayOfWeek::Tue,
        DayOfWeek::Wed,
        DayOfWeek::Thu,
        DayOfWeek::Fri,
        DayOfWeek::Sat,
        DayOfWeek::Sun,
    ];

    /// 0 for Monday … 6 for Sunday.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The abbreviation used in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            DayOfWeek::Mon => "mon",
            DayOfWeek::Tue => "tue",
            DayOfWeek::Wed => "wed",
            DayOfWeek::Thu => "thu",
            DayOfWeek::Fri => "fri",
            DayOfWeek::Sat => "sat",
            DayOfWeek::Sun => "sun",
        }
    }
}

impl fmt::Display for DayOfWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Weekday> for DayOfWeek {
    fn from(day: Weekday) -> DayOfWeek {
        match day {
            Weekday::Monday => DayOfWeek::Mon,
            Weekday::Tuesday => DayOfWeek::Tue,
            Weekday::Wednesday => DayOfWeek::Wed,
            Weekday::Thursday => DayOfWeek::Thu,
            Weekday::Friday => DayOfWeek::Fri,
            Weekday::Saturday => DayOfWeek::Sat,
            Weekday::Sunday => DayOfWeek::Sun,
        }
    }
}

impl From<DayOfWeek> for Weekday {
    fn from(day: DayOfWeek) -> Weekday {
        match day {
            DayOfWeek::Mon => Weekday::Monday,
            DayOfWeek::Tue => Weekday::Tuesday,
            DayOfWeek::Wed => Weekday::Wednesday,
            DayOfWeek::Thu => Weekday::Thursday,
            DayOfWeek::Fri => Weekday::Friday,
            DayOfWeek::Sat => Weekday::Saturday,
            DayOfWeek::Sun => Weekday::Sunday,
        }
    }
}

// ---------------------------------------------------------------------------
// Schedule
// ---------------------------------------------------------------------------

/// A recurring weekly window, e.g. `{"day":"wed","start":"15:00","end":"20:00"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeeklyWindow {
    /// Day on which the window starts.
    pub day: DayOfWeek,
    /// Opening time.
    pub start: ClockTime,
    /// Closing time; at or before `start` means the next day.
    pub end: ClockTime,
}

/// A window on one exception date, e.g. `{"start":"10:00","end":"16:00"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeWindow {
    /// Opening time.
    pub start: ClockTime,
    /// Closing time; at or before `start` means the next day.
    pub end: ClockTime,
}

/// What an exception does to its date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExceptionHours {
    /// No window starts on the date (`"closed": true`).
    Closed,
    /// These windows replace the date's weekly windows (`"windows": [...]`).
    Open(Vec<TimeWindow>),
}

/// An override for one Tokyo date:
/// `{"date":"2026-12-31","closed":true}` or
/// `{"date":"2026-12-29","windows":[{"start":"10:00","end":"16:00"}]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawDateException", into = "RawDateException")]
pub struct DateException {
    /// The date whose windows are overridden.
    pub date: Date,
    /// Closed, or the replacement windows.
    pub hours: ExceptionHours,
}

impl DateException {
    /// The date is closed.
    pub fn closed(date: Date) -> DateException {
        DateException {
            date,
            hours: ExceptionHours::Closed,
        }
    }

    /// The date has exactly these windows.
    pub fn open(date: Date, windows: Vec<TimeWindow>) -> DateException {
        DateException {
            date,
            hours: ExceptionHours::Open(windows),
        }
    }
}

/// The JSON form of [`DateException`]; converting it checks that exactly one
/// of `closed: true` and a non-empty `windows` list is given.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDateException {
    date: Date,
    #[serde(default, skip_serializing_if = "is_false")]
    closed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    windows: Option<Vec<TimeWindow>>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl TryFrom<RawDateException> for DateException {
    type Error = ScheduleError;

    fn try_from(raw: RawDateException) -> Result<DateException, ScheduleError> {
        let invalid = |reason| ScheduleError::InvalidException {
            date: raw.date,
            reason,
        };
        match (raw.closed, raw.windows) {
            (true, None) => Ok(DateException::closed(raw.date)),
            (true, Some(_)) => Err(invalid(
                "give either \"closed\": true or \"windows\", not both",
            )),
            (false, Some(windows)) if windows.is_empty() => Err(invalid(
                "\"windows\" is empty; use \"closed\": true to close the day",
            )),
            (false, Some(windows)) => Ok(DateException::open(raw.date, windows)),
            (false, None) => Err(invalid(
                "give either \"closed\": true or a \"windows\" list",
            )),
        }
    }
}

impl From<DateException> for RawDateException {
    fn from(e: DateException) -> RawDateException {
        match e.hours {
            ExceptionHours::Closed => RawDateException {
                date: e.date,
                closed: true,
                windows: None,
            },
            ExceptionHours::Open(windows) => RawDateException {
                date: e.date,
                closed: false,
                windows: Some(windows),
            },
        }
    }
}

/// A line's published hours. See the module documentation for the model.
///
/// Deserialising checks the shape and spelling only (unknown fields, days,
/// `"HH:MM"` times, exception form); call [`Schedule::validate`] (or use
/// [`Schedule::from_json`]) before storing one. `exceptions` may be omitted;
/// the other fields are required so that a forgotten holiday or last-entry
/// rule is an error rather than a silent default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// Recurring weekly windows.
    pub weekly: Vec<WeeklyWindow>,
    /// Per-date overrides (at most one per date).
    #[serde(default)]
    pub exceptions: Vec<DateException>,
    /// Drop weekly windows that start on a Japanese public holiday.
    pub closed_on_public_holidays: bool,
    /// New chats are accepted until this many minutes before closing (0–240).
    pub last_entry_minutes: u32,
}

/// Why a schedule was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// The JSON could not be read.
    #[error("malformed schedule: {0}")]
    Malformed(String),
    /// One weekday has too many windows.
    #[error("weekly: {count} windows on {day}; at most {max} are allowed per day", max = MAX_WINDOWS_PER_DAY)]
    TooManyWeeklyWindows {
        /// The day.
        day: DayOfWeek,
        /// How many windows it has.
        count: usize,
    },
    /// One exception date has too many windows.
    #[error("exceptions[{index}].windows: {count} windows on {date}; at most {max} are allowed per day", max = MAX_WINDOWS_PER_DAY)]
    TooManyExceptionWindows {
        /// Position in `exceptions`.
        index: usize,
        /// The date.
        date: Date,
        /// How many windows it has.
        count: usize,
    },
    /// Too many exception dates.
    #[error("exceptions: {count} entries; at most {max} are allowed", max = MAX_EXCEPTIONS)]
    TooManyExceptions {
        /// How many there are.
        count: usize,
    },
    /// Two exceptions for one date.
    #[error("exceptions[{index}]: date {date} already has an exception at exceptions[{first}]")]
    DuplicateExceptionDate {
        /// Position of the second entry.
        index: usize,
        /// Position of the first entry.
        first: usize,
        /// The date.
        date: Date,
    },
    /// An exception that neither closes nor opens its date, or does both.
    #[error("exception for {date}: {reason}")]
    InvalidException {
        /// The date.
        date: Date,
        /// What is wrong.
        reason: &'static str,
    },
    /// A window starting at `"24:00"`.
    #[error("{field}: a window cannot start at \"24:00\"; use \"00:00\" of the next day")]
    StartAtEndOfDay {
        /// Path of the offending field, e.g. `weekly[2].start`.
        field: String,
    },
    /// `last_entry_minutes` above [`MAX_LAST_ENTRY_MINUTES`].
    #[error("last_entry_minutes: {value} is more than the maximum of {max}", max = MAX_LAST_ENTRY_MINUTES)]
    LastEntryTooLarge {
        /// The value given.
        value: u32,
    },
}

/// Whether a line is open at one instant, and when that changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineStatus {
    /// `now` lies inside an open interval (start inclusive, end exclusive).
    pub open_now: bool,
    /// Open, and before the last-entry cutoff: a new chat may start.
    pub accepting_new: bool,
    /// End of the current open interval; `None` when closed, or when the line
    /// stays open for longer than the [`HORIZON_DAYS`] look-ahead (24/7).
    pub closes_at: Option<Timestamp>,
    /// `closes_at - last_entry_minutes`; `None` whenever `closes_at` is.
    pub last_entry_at: Option<Timestamp>,
    /// Start of the next open interval after `now` (after the current one when
    /// open); `None` if none starts within the look-ahead.
    pub next_open_at: Option<Timestamp>,
}

impl LineStatus {
    /// Closed, with nothing ahead.
    const NEVER: LineStatus = LineStatus {
        open_now: false,
        accepting_new: false,
        closes_at: None,
        last_entry_at: None,
        next_open_at: None,
    };
}

impl Schedule {
    /// Open around the clock every day, holidays included, no cutoff.
    pub fn always_open() -> Schedule {
        Schedule {
            weekly: DayOfWeek::ALL
                .iter()
                .map(|&day| WeeklyWindow {
                    day,
                    start: ClockTime::MIDNIGHT,
                    end: ClockTime::END_OF_DAY,
                })
                .collect(),
            exceptions: Vec::new(),
            closed_on_public_holidays: false,
            last_entry_minutes: 0,
        }
    }

    /// Parses JSON and validates the result.
    pub fn from_json(json: &str) -> Result<Schedule, ScheduleError> {
        let schedule: Schedule =
            serde_json::from_str(json).map_err(|e| ScheduleError::Malformed(e.to_string()))?;
        schedule.validate()?;
        Ok(schedule)
    }

    /// Checks the limits the JSON shape cannot express. Overlapping or
    /// duplicate windows are fine (they are merged); a window whose start
    /// equals its end is a full 24 hours, not an error.
    pub fn validate(&self) -> Result<(), ScheduleError> {
        if self.last_entry_minutes > MAX_LAST_ENTRY_MINUTES {
            return Err(ScheduleError::LastEntryTooLarge {
                value: self.last_entry_minutes,
            });
        }
        let mut per_day = [0usize; 7];
        for (i, w) in self.weekly.iter().enumerate() {
            if w.start == ClockTime::END_OF_DAY {
                return Err(ScheduleError::StartAtEndOfDay {
                    field: format!("weekly[{i}].start"),
                });
            }
            per_day[w.day.index()] += 1;
        }
        for day in DayOfWeek::ALL {
            let count = per_day[day.index()];
            if count > MAX_WINDOWS_PER_DAY {
                return Err(ScheduleError::TooManyWeeklyWindows { day, count });
            }
        }
        if self.exceptions.len() > MAX_EXCEPTIONS {
            return Err(ScheduleError::TooManyExceptions {
                count: self.exceptions.len(),
            });
        }
        let mut seen: Vec<(Date, usize)> = Vec::with_capacity(self.exceptions.len());
        for (index, e) in self.exceptions.iter().enumerate() {
            match seen.binary_search_by_key(&e.date, |&(d, _)| d) {
                Ok(pos) => {
                    return Err(ScheduleError::DuplicateExceptionDate {
                        index,
                        first: seen[pos].1,
                        date: e.date,
                    })
                }
                Err(pos) => seen.insert(pos, (e.date, index)),
            }
            if let ExceptionHours::Open(windows) = &e.hours {
                if windows.is_empty() {
                    return Err(ScheduleError::InvalidException {
                        date: e.date,
                        reason: "\"windows\" is empty; use \"closed\": true to close the day",
                    });
                }
                if windows.len() > MAX_WINDOWS_PER_DAY {
                    return Err(ScheduleError::TooManyExceptionWindows {
                        index,
                        date: e.date,
                        count: windows.len(),
                    });
                }
                if let Some(j) = windows
                    .iter()
                    .position(|w| w.start == ClockTime::END_OF_DAY)
                {
                    return Err(ScheduleError::StartAtEndOfDay {
                        field: format!("exceptions[{index}].windows[{j}].start"),
                    });
                }
            }
        }
        Ok(())
    }

    /// Whether the line is open at `now`, and when that changes.
    ///
    /// Looks at most [`HORIZON_DAYS`] Tokyo days ahead of `now`'s date.
    pub fn status_at(&self, now: Timestamp) -> LineStatus {
        let tz = tokyo();
        let today = tz.to_datetime(now).date();
        let Some(timeline) = Timeline::new(today) else {
            return LineStatus::NEVER;
        };
        let now_pos = timeline.position(now);
        let days = LOOK_BACK_DAYS + i64::from(HORIZON_DAYS) + 1;
        let plan = Plan::new(self, timeline.base, days);
        let mut intervals = plan.intervals(timeline.base, days);

        let Some(current) = intervals.find(|iv| iv.end > now_pos) else {
            return LineStatus::NEVER;
        };
        if current.start > now_pos {
            return LineStatus {
                next_open_at: timeline.timestamp(current.start),
                ..LineStatus::NEVER
            };
        }
        let closes_at = if current.open_ended {
            None
        } else {
            timeline.timestamp(current.end)
        };
        let last_entry = SignedDuration::from_mins(i64::from(self.last_entry_minutes));
        let last_entry_at = closes_at.and_then(|c| c.checked_sub(last_entry).ok());
        LineStatus {
            open_now: true,
            accepting_new: last_entry_at.is_none_or(|cutoff| now < cutoff),
            closes_at,
            last_entry_at,
            next_open_at: intervals.next().and_then(|iv| timeline.timestamp(iv.start)),
        }
    }

    /// The merged open intervals overlapping `[from, from + days × 24h)`, in
    /// order, for a "this week's hours" display.
    ///
    /// Intervals are reported whole: one already running at `from` keeps its
    /// real opening time and one running past the end keeps its real closing
    /// time. Only an interval that is open continuously beyond what is looked
    /// at (as with a 24/7 line) is cut at `from` or at the end of the range.
    /// `days` is capped at [`HORIZON_DAYS`].
    pub fn upcoming_openings(&self, from: Timestamp, days: u32) -> Vec<(Timestamp, Timestamp)> {
        let days = days.min(HORIZON_DAYS);
        let mut out = Vec::new();
        let Ok(to) = from.checked_add(SignedDuration::from_hours(24 * i64::from(days))) else {
            return out;
        };
        if days == 0 {
            return out;
        }
        let tz = tokyo();
        let Some(timeline) = Timeline::new(tz.to_datetime(from).date()) else {
            return out;
        };
        let to_date = tz.to_datetime(to).date();
        // Through the day after `to`'s date, so that an interval running past
        // `to` gets its real end unless it chains on beyond that day.
        let gen_days = timeline.day_index(to_date) + 2;
        let plan = Plan::new(self, timeline.base, gen_days);
        // An interval starting on the first generated day might have started
        // earlier still (a continuous chain of windows); one starting later
        // cannot, because no window lasts more than 24 hours.
        let known_start = (LOOK_BACK_DAYS - 1) * SECS_PER_DAY;
        let from_pos = timeline.position(from);
        for iv in plan.intervals(timeline.base, gen_days) {
            if iv.end <= from_pos {
                continue;
            }
            let start = if iv.start < known_start {
                Some(from)
            } else {
                timeline.timestamp(iv.start)
            };
            let end = if iv.open_ended {
                Some(to)
            } else {
                timeline.timestamp(iv.end)
            };
            let (Some(start), Some(end)) = (start, end) else {
                continue;
            };
            if start >= to {
                break;
            }
            if end > from {
                out.push((start, end));
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Interval generation
// ---------------------------------------------------------------------------

/// Positions are Tokyo wall-clock seconds since 00:00 of `base`.
struct Timeline {
    base: Date,
}

impl Timeline {
    /// A timeline starting [`LOOK_BACK_DAYS`] before `today`.
    fn new(today: Date) -> Option<Timeline> {
        let base = today
            .checked_sub(SignedDuration::from_hours(24 * LOOK_BACK_DAYS))
            .ok()?;
        Some(Timeline { base })
    }

    fn day_index(&self, date: Date) -> i64 {
        self.base.duration_until(date).as_secs() / SECS_PER_DAY
    }

    /// `ts` as a position, rounded down to the second. Window boundaries are
    /// whole seconds, so comparing floored positions gives the same answer as
    /// comparing the exact instants.
    fn position(&self, ts: Timestamp) -> i64 {
        let dt = tokyo().to_datetime(ts);
        self.day_index(dt.date()) * SECS_PER_DAY
            + i64::from(dt.hour()) * 3600
            + i64::from(dt.minute()) * 60
            + i64::from(dt.second())
    }

    /// The instant at a position, through jiff's `Asia/Tokyo` conversion.
    fn timestamp(&self, pos: i64) -> Option<Timestamp> {
        let date = self
            .base
            .checked_add(SignedDuration::from_hours(
                24 * pos.div_euclid(SECS_PER_DAY),
            ))
            .ok()?;
        let secs = pos.rem_euclid(SECS_PER_DAY);
        let time = Time::new(
            i8::try_from(secs / 3600).ok()?,
            i8::try_from(secs / 60 % 60).ok()?,
            i8::try_from(secs % 60).ok()?,
            0,
        )
        .ok()?;
        tokyo().to_timestamp(date.to_datetime(time)).ok()
    }
}

/// A window as `(start, end)` minutes since midnight, end already resolved
/// to "next day" when it is at or before the start.
type Window = (u16, u16);

/// A schedule rearranged for fast per-date lookup.
struct Plan {
    /// Windows per weekday (Monday first), sorted by start.
    weekly: [Vec<Window>; 7],
    /// Exceptions within the generated dates, sorted by date; `Closed` is an
    /// empty list.
    exceptions: Vec<(Date, Vec<Window>)>,
    closed_on_public_holidays: bool,
}

impl Plan {
    fn new(schedule: &Schedule, base: Date, days: i64) -> Plan {
        let span = |start: ClockTime, end: ClockTime| (start.minutes(), end.minutes());
        let mut weekly: [Vec<Window>; 7] = Default::default();
        for w in &schedule.weekly {
            weekly[w.day.index()].push(span(w.start, w.end));
        }
        for day in &mut weekly {
            day.sort_unstable();
        }
        let last = base
            .checked_add(SignedDuration::from_hours(24 * days))
            .unwrap_or(Date::MAX);
        let mut exceptions: Vec<(Date, Vec<Window>)> = schedule
            .exceptions
            .iter()
            .filter(|e| base <= e.date && e.date <= last)
            .map(|e| {
                let mut windows: Vec<Window> = match &e.hours {
                    ExceptionHours::Closed => Vec::new(),
                    ExceptionHours::Open(ws) => ws.iter().map(|w| span(w.start, w.end)).collect(),
                };
                windows.sort_unstable();
                (e.date, windows)
            })
            .collect();
        // A stable sort then dedup keeps the first entry for a date, so a
        // schedule with duplicates that skipped validate() is still
        // deterministic.
        exceptions.sort_by_key(|&(date, _)| date);
        exceptions.dedup_by_key(|&mut (date, _)| date);
        Plan {
            weekly,
            exceptions,
            closed_on_public_holidays: schedule.closed_on_public_holidays,
        }
    }

    /// The windows starting on `date` (whose weekday index is `weekday`).
    fn windows(&self, date: Date, weekday: usize, holidays: &mut HolidayCache) -> &[Window] {
        if let Ok(i) = self.exceptions.binary_search_by_key(&date, |&(d, _)| d) {
            return &self.exceptions[i].1;
        }
        let windows = &self.weekly[weekday];
        // Checked last: the holiday table is only built when it matters.
        if !windows.is_empty() && self.closed_on_public_holidays && holidays.contains(date) {
            return &[];
        }
        windows
    }

    /// Merged open intervals of the windows starting on `days` dates from
    /// `base`, as positions on the timeline of `base`.
    fn intervals(&self, base: Date, days: i64) -> Merged<'_> {
        let raw = RawIntervals {
            plan: self,
            holidays: HolidayCache::new(),
            date: base,
            day: -1,
            days,
            weekday: usize::try_from(base.weekday().to_monday_zero_offset()).unwrap_or(0),
            windows: &[],
        };
        Merged {
            raw: raw.peekable(),
            limit: days * SECS_PER_DAY,
        }
    }
}

/// Every window of every generated date, in order of start (each date's
/// windows are sorted, and a date's windows all start before the next date's).
struct RawIntervals<'p> {
    plan: &'p Plan,
    holidays: HolidayCache,
    /// Date of the day being emitted (`base` before the first).
    date: Date,
    /// Index of that day from `base`; -1 before the first.
    day: i64,
    days: i64,
    weekday: usize,
    /// Windows of that day not yet emitted.
    windows: &'p [Window],
}

impl RawIntervals<'_> {
    fn next_day(&mut self) -> Option<()> {
        if self.day + 1 >= self.days {
            return None;
        }
        if self.day >= 0 {
            self.date = self.date.tomorrow().ok()?;
            self.weekday = (self.weekday + 1) % 7;
        }
        self.day += 1;
        let plan = self.plan;
        self.windows = plan.windows(self.date, self.weekday, &mut self.holidays);
        Some(())
    }
}

impl Iterator for RawIntervals<'_> {
    type Item = (i64, i64);

    fn next(&mut self) -> Option<(i64, i64)> {
        loop {
            if let Some((&(start, end), rest)) = self.windows.split_first() {
                self.windows = rest;
                let midnight = self.day * SECS_PER_DAY;
                let start_pos = midnight + i64::from(start) * 60;
                let end_pos = if end > start {
                    midnight + i64::from(end) * 60
                } else {
                    // Runs past midnight; start == end is a full 24 hours.
                    midnight + SECS_PER_DAY + i64::from(end) * 60
                };
                return Some((start_pos, end_pos));
            }
            self.next_day()?;
        }
    }
}

/// One merged open interval.
#[derive(Clone, Copy, Debug)]
struct Interval {
    start: i64,
    end: i64,
    /// Reaches the end of the generated dates, so it may continue beyond.
    open_ended: bool,
}

struct Merged<'p> {
    raw: Peekable<RawIntervals<'p>>,
    /// Position of 00:00 after the last generated date.
    limit: i64,
}

impl Iterator for Merged<'_> {
    type Item = Interval;

    fn next(&mut self) -> Option<Interval> {
        let (start, mut end) = self.raw.next()?;
        while let Some(&(next_start, next_end)) = self.raw.peek() {
            // `<=`: touching windows (20:00–22:00 then 22:00–23:00) are one
            // interval, so the line never appears to close for zero seconds.
            if next_start > end {
                break;
            }
            end = end.max(next_end);
            self.raw.next();
        }
        // Windows of dates not generated start at or after `limit`, so only
        // an interval reaching it could have continued.
        let open_ended = end >= self.limit && self.raw.peek().is_none();
        Some(Interval {
            start,
            end,
            open_ended,
        })
    }
}

// ---------------------------------------------------------------------------
// Public holidays
// ---------------------------------------------------------------------------

/// Years for which [`public_holidays`] knows the rules.
pub const HOLIDAY_YEARS: std::ops::RangeInclusive<i16> = 1980..=2099;

/// Whether `date` is a Japanese public holiday (国民の祝日, 振替休日 or
/// 国民の休日). Always `false` outside [`HOLIDAY_YEARS`].
pub fn is_public_holiday(date: Date) -> bool {
    public_holiday_name(date).is_some()
}

/// The Japanese name of the holiday on `date`, if it is one.
pub fn public_holiday_name(date: Date) -> Option<&'static str> {
    public_holidays(date.year())
        .into_iter()
        .find(|&(d, _)| d == date)
        .map(|(_, name)| name)
}

/// One-off holidays enacted by special laws.
const ONE_OFF_HOLIDAYS: [(i16, i8, i8, &str); 5] = [
    (1989, 2, 24, "昭和天皇の大喪の礼"),
    (1990, 11, 12, "即位礼正殿の儀"),
    (1993, 6, 9, "皇太子徳仁親王の結婚の儀"),
    (2019, 5, 1, "天皇の即位の日"),
    (2019, 10, 22, "即位礼正殿の儀"),
];

/// All public holidays of `year`, sorted, with their Japanese names; empty
/// outside [`HOLIDAY_YEARS`].
///
/// Implements 国民の祝日に関する法律 as amended up to 2018 (天皇誕生日 on
/// 2/23 from 2020, the 2019 enthronement days, the Olympic moves of 2020 and
/// 2021), the 振替休日 rule (from 2007 the next day that is not itself a
/// 国民の祝日; 1973–2006 only the Monday) and the 国民の休日 rule (a day
/// between two 国民の祝日, from 1986). 春分の日 and 秋分の日 use the standard
/// approximation formula valid for 1980–2099; the government confirms them
/// each February for the following year, so check the published list when a
/// new year is announced. A future amendment of the law needs a code change
/// here; until then an exception date can open or close a line.
pub fn public_holidays(year: i16) -> Vec<(Date, &'static str)> {
    if !HOLIDAY_YEARS.contains(&year) {
        return Vec::new();
    }
    let national = national_holidays(year);
    let is_national = |d: Date| national.iter().any(|&(h, _)| h == d);
    let mut all = national.clone();

    // 振替休日: a 国民の祝日 falling on a Sunday moves to the next day that is
    // not itself a 国民の祝日 (so 5/3 on Sunday gives 5/6 off).
    for &(date, _) in &national {
        if date.weekday() != Weekday::Sunday {
            continue;
        }
        let Ok(mut next) = date.tomorrow() else {
            continue;
        };
        if year >= 2007 {
            while is_national(next) {
                let Ok(after) = next.tomorrow() else { break };
                next = after;
            }
        } else if is_national(next) {
            continue;
        }
        all.push((next, "振替休日"));
    }

    // 国民の休日: an ordinary day with a 国民の祝日 on both sides (e.g.
    // 2026-09-22 between 敬老の日 and 秋分の日). Before 2007 the law excluded
    // Sundays and substitute holidays.
    if year >= 1986 {
        for pair in national.windows(2) {
            let (before, after) = (pair[0].0, pair[1].0);
            if before.duration_until(after) != SignedDuration::from_hours(48) {
                continue;
            }
            let Ok(middle) = before.tomorrow() else {
                continue;
            };
            if all.iter().any(|&(d, _)| d == middle) {
                continue;
            }
            if year < 2007 && middle.weekday() == Weekday::Sunday {
                continue;
            }
            all.push((middle, "国民の休日"));
        }
    }
    all.sort_by_key(|&(d, _)| d);
    all
}

/// The 国民の祝日 proper of `year` (no substitute or sandwiched days).
fn national_holidays(year: i16) -> Vec<(Date, &'static str)> {
    let y = year;
    let fixed = |month: i8, day: i8| Date::new(y, month, day).ok();
    let monday = |month: i8, nth: i8| {
        Date::new(y, month, 1)
            .and_then(|d| d.nth_weekday_of_month(nth, Weekday::Monday))
            .ok()
    };
    let mut list: Vec<(Option<Date>, &'static str)> = vec![
        (fixed(1, 1), "元日"),
        (
            if y >= 2000 {
                monday(1, 2)
            } else {
                fixed(1, 15)
            },
            "成人の日",
        ),
        (fixed(2, 11), "建国記念の日"),
        (if y >= 2020 { fixed(2, 23) } else { None }, "天皇誕生日"),
        (equinox_day(y, 3, 20_843_100), "春分の日"),
        (
            fixed(4, 29),
            match y {
                ..=1988 => "天皇誕生日",
                1989..=2006 => "みどりの日",
                _ => "昭和の日",
            },
        ),
        (fixed(5, 3), "憲法記念日"),
        (if y >= 2007 { fixed(5, 4) } else { None }, "みどりの日"),
        (fixed(5, 5), "こどもの日"),
        (
            match y {
                ..=1995 => None,
                1996..=2002 => fixed(7, 20),
                2020 => fixed(7, 23),
                2021 => fixed(7, 22),
                _ => monday(7, 3),
            },
            "海の日",
        ),
        (
            match y {
                ..=2015 => None,
                2020 => fixed(8, 10),
                2021 => fixed(8, 8),
                _ => fixed(8, 11),
            },
            "山の日",
        ),
        (
            if y >= 2003 {
                monday(9, 3)
            } else {
                fixed(9, 15)
            },
            "敬老の日",
        ),
        (equinox_day(y, 9, 23_248_800), "秋分の日"),
        match y {
            ..=1999 => (fixed(10, 10), "体育の日"),
            2000..=2019 => (monday(10, 2), "体育の日"),
            2020 => (fixed(7, 24), "スポーツの日"),
            2021 => (fixed(7, 23), "スポーツの日"),
            _ => (monday(10, 2), "スポーツの日"),
        },
        (fixed(11, 3), "文化の日"),
        (fixed(11, 23), "勤労感謝の日"),
        (
            if (1989..=2018).contains(&y) {
                fixed(12, 23)
            } else {
                None
            },
            "天皇誕生日",
        ),
    ];
    for (year, month, day, name) in ONE_OFF_HOLIDAYS {
        if year == y {
            list.push((fixed(month, day), name));
        }
    }
    let mut days: Vec<(Date, &'static str)> = list
        .into_iter()
        .filter_map(|(date, name)| date.map(|d| (d, name)))
        .collect();
    days.sort_by_key(|&(d, _)| d);
    days
}

/// Day of the equinox in `month` by the standard formula for 1980–2099:
/// `floor(C + 0.242194 × (y − 1980) − floor((y − 1980) / 4))`, with
/// C = 20.8431 (March) or 23.2488 (September), computed in millionths so no
/// floating point rounding can move a day.
fn equinox_day(year: i16, month: i8, c_millionths: i64) -> Option<Date> {
    if !HOLIDAY_YEARS.contains(&year) {
        return None;
    }
    let n = i64::from(year) - 1980;
    let day = (c_millionths + 242_194 * n - (n / 4) * 1_000_000) / 1_000_000;
    Date::new(year, month, i8::try_from(day).ok()?).ok()
}

/// Public holidays of one year as a bit set, rebuilt when the year changes.
struct HolidayCache {
    year: i16,
    /// Bit `day_of_year - 1`.
    bits: [u64; 6],
}

impl HolidayCache {
    fn new() -> HolidayCache {
        HolidayCache {
            // Not a year jiff can represent, so the first lookup fills it.
            year: i16::MIN,
            bits: [0; 6],
        }
    }

    fn contains(&mut self, date: Date) -> bool {
        if date.year() != self.year {
            self.year = date.year();
            self.bits = [0; 6];
            for (d, _) in public_holidays(self.year) {
                let (word, bit) = Self::slot(d);
                self.bits[word] |= bit;
            }
        }
        let (word, bit) = Self::slot(date);
        self.bits[word] & bit != 0
    }

    fn slot(date: Date) -> (usize, u64) {
        let i = usize::try_from(date.day_of_year() - 1).unwrap_or(0);
        (i / 64, 1 << (i % 64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, DateTime};

    // ---- helpers ---------------------------------------------------------

    /// A Tokyo wall-clock time such as "2026-11-25T15:00" as an instant.
    fn jst(s: &str) -> Timestamp {
        s.parse::<DateTime>()
            .expect("test datetime")
            .to_zoned(tokyo().clone())
            .expect("in range")
            .timestamp()
    }

    fn utc(s: &str) -> Timestamp {
        s.parse().expect("test timestamp")
    }

    fn sched(json: &str) -> Schedule {
        Schedule::from_json(json).expect("valid test schedule")
    }

    /// Wed 15:00–20:00 and Sun 09:00–14:00, last entry 15 min, closed on
    /// public holidays.
    fn youth() -> Schedule {
        sched(
            r#"{"weekly":[{"day":"wed","start":"15:00","end":"20:00"},
                          {"day":"sun","start":"09:00","end":"14:00"}],
                "closed_on_public_holidays":true,"last_entry_minutes":15}"#,
        )
    }

    /// Fri 22:00–02:00 only.
    fn night() -> Schedule {
        sched(
            r#"{"weekly":[{"day":"fri","start":"22:00","end":"02:00"}],
                "closed_on_public_holidays":false,"last_entry_minutes":30}"#,
        )
    }

    fn closed_until(s: &Schedule, at: &str, next: &str) {
        let st = s.status_at(jst(at));
        assert_eq!(
            st,
            LineStatus {
                open_now: false,
                accepting_new: false,
                closes_at: None,
                last_entry_at: None,
                next_open_at: Some(jst(next)),
            },
            "at {at}"
        );
    }

    fn open_until(s: &Schedule, at: &str, closes: &str, accepting: bool, next: Option<&str>) {
        let st = s.status_at(jst(at));
        let closes_at = jst(closes);
        let last = closes_at
            .checked_sub(SignedDuration::from_mins(i64::from(s.last_entry_minutes)))
            .expect("in range");
        assert_eq!(
            st,
            LineStatus {
                open_now: true,
                accepting_new: accepting,
                closes_at: Some(closes_at),
                last_entry_at: Some(last),
                next_open_at: next.map(jst),
            },
            "at {at}"
        );
    }

    /// Independent check of `open_now`: civil date-time arithmetic over the
    /// windows starting today and yesterday, with a linear exception search.
    fn naive_open(s: &Schedule, now: Timestamp) -> bool {
        let local = tokyo().to_datetime(now);
        let today = local.date();
        let yesterday = today.yesterday().expect("in range");
        [yesterday, today].into_iter().any(|day| {
            let windows: Vec<(ClockTime, ClockTime)> =
                match s.exceptions.iter().find(|e| e.date == day) {
                    Some(DateException {
                        hours: ExceptionHours::Closed,
                        ..
                    }) => vec![],
                    Some(DateException {
                        hours: ExceptionHours::Open(ws),
                        ..
                    }) => ws.iter().map(|w| (w.start, w.end)).collect(),
                    None if s.closed_on_public_holidays && is_public_holiday(day) => vec![],
                    None => s
                        .weekly
                        .iter()
                        .filter(|w| Weekday::from(w.day) == day.weekday())
                        .map(|w| (w.start, w.end))
                        .collect(),
                };
            windows.iter().any(|&(start, end)| {
                let at = |d: Date, t: ClockTime| {
                    d.to_datetime(Time::midnight())
                        .checked_add(SignedDuration::from_mins(i64::from(t.minutes())))
                        .expect("in range")
                };
                let open = at(day, start);
                let close = if end > start {
                    at(day, end)
                } else {
                    at(day.tomorrow().expect("in range"), end)
                };
                open <= local && local < close
            })
        })
    }

    fn secs(n: i64) -> SignedDuration {
        SignedDuration::from_secs(n)
    }

    // ---- the youth-health line --------------------------------------------

    #[test]
    fn youth_wednesday_opening_boundaries() {
        let s = youth();
        // 2026-11-25 is a Wednesday; 11-29 the following Sunday.
        assert_eq!(date(2026, 11, 25).weekday(), Weekday::Wednesday);
        closed_until(&s, "2026-11-25T00:00", "2026-11-25T15:00");
        closed_until(&s, "2026-11-25T14:59:59", "2026-11-25T15:00");
        let just_before = jst("2026-11-25T15:00") - SignedDuration::from_nanos(1);
        assert!(!s.status_at(just_before).open_now);
        open_until(
            &s,
            "2026-11-25T15:00",
            "2026-11-25T20:00",
            true,
            Some("2026-11-29T09:00"),
        );
        let st = s.status_at(jst("2026-11-25T15:00"));
        assert_eq!(st.last_entry_at, Some(jst("2026-11-25T19:45")));
    }

    #[test]
    fn youth_wednesday_cutoff_and_closing() {
        let s = youth();
        let next = Some("2026-11-29T09:00");
        open_until(&s, "2026-11-25T17:30", "2026-11-25T20:00", true, next);
        open_until(&s, "2026-11-25T19:44:59", "2026-11-25T20:00", true, next);
        // At the cutoff the line is still open but takes no new chats.
        open_until(&s, "2026-11-25T19:45", "2026-11-25T20:00", false, next);
        open_until(&s, "2026-11-25T19:59:59", "2026-11-25T20:00", false, next);
        let almost = jst("2026-11-25T20:00") - SignedDuration::from_nanos(1);
        let st = s.status_at(almost);
        assert!(st.open_now && !st.accepting_new);
        closed_until(&s, "2026-11-25T20:00", "2026-11-29T09:00");
        closed_until(&s, "2026-11-25T20:00:01", "2026-11-29T09:00");
    }

    #[test]
    fn youth_sunday_boundaries() {
        let s = youth();
        let next = Some("2026-12-02T15:00");
        closed_until(&s, "2026-11-29T08:59:59", "2026-11-29T09:00");
        open_until(&s, "2026-11-29T09:00", "2026-11-29T14:00", true, next);
        open_until(&s, "2026-11-29T13:44:59", "2026-11-29T14:00", true, next);
        open_until(&s, "2026-11-29T13:45", "2026-11-29T14:00", false, next);
        open_until(&s, "2026-11-29T13:59:59", "2026-11-29T14:00", false, next);
        closed_until(&s, "2026-11-29T14:00", "2026-12-02T15:00");
    }

    #[test]
    fn youth_next_open_from_every_day_of_the_week() {
        let s = youth();
        // Mon 11-23 (勤労感謝の日, no effect: no Monday windows) .. Sun 11-29.
        let cases = [
            ("2026-11-23", "2026-11-25T15:00"),
            ("2026-11-24", "2026-11-25T15:00"),
            ("2026-11-25", "2026-11-25T15:00"),
            ("2026-11-26", "2026-11-29T09:00"),
            ("2026-11-27", "2026-11-29T09:00"),
            ("2026-11-28", "2026-11-29T09:00"),
            ("2026-11-29", "2026-11-29T09:00"),
        ];
        for (day, next) in cases {
            closed_until(&s, &format!("{day}T00:00"), next);
            closed_until(&s, &format!("{day}T08:00"), next);
        }
        // At noon Sunday is open and Wednesday is not yet.
        let noon = [
            ("2026-11-23", Some("2026-11-25T15:00")),
            ("2026-11-24", Some("2026-11-25T15:00")),
            ("2026-11-25", Some("2026-11-25T15:00")),
            ("2026-11-26", Some("2026-11-29T09:00")),
            ("2026-11-27", Some("2026-11-29T09:00")),
            ("2026-11-28", Some("2026-11-29T09:00")),
            ("2026-11-29", None),
        ];
        for (day, next) in noon {
            let at = format!("{day}T12:00");
            match next {
                Some(next) => closed_until(&s, &at, next),
                None => open_until(&s, &at, "2026-11-29T14:00", true, Some("2026-12-02T15:00")),
            }
        }
    }

    #[test]
    fn utc_instant_on_a_different_tokyo_date() {
        let s = youth();
        // Tuesday 23:30 in UTC is already Wednesday 08:30 in Tokyo.
        let now = utc("2026-11-24T23:30:00Z");
        assert_eq!(now, jst("2026-11-25T08:30"));
        let st = s.status_at(now);
        assert!(!st.open_now);
        assert_eq!(st.next_open_at, Some(utc("2026-11-25T06:00:00Z")));
        // Wednesday 15:00 JST is 06:00 UTC.
        let st = s.status_at(utc("2026-11-25T06:00:00Z"));
        assert!(st.open_now && st.accepting_new);
        assert_eq!(st.closes_at, Some(utc("2026-11-25T11:00:00Z")));
        assert_eq!(st.last_entry_at, Some(utc("2026-11-25T10:45:00Z")));
        // Wednesday 19:30 UTC is Thursday 04:30 in Tokyo: closed.
        let st = s.status_at(utc("2026-11-25T19:30:00Z"));
        assert!(!st.open_now);
        assert_eq!(st.next_open_at, Some(utc("2026-11-29T00:00:00Z")));
        // And the serialised form is RFC 3339 in UTC.
        let json = serde_json::to_value(s.status_at(now)).expect("serialise");
        assert_eq!(
            json,
            serde_json::json!({
                "open_now": false,
                "accepting_new": false,
                "closes_at": null,
                "last_entry_at": null,
                "next_open_at": "2026-11-25T06:00:00Z",
            })
        );
    }

    // ---- past midnight -----------------------------------------------------

    #[test]
    fn window_past_midnight() {
        let s = night();
        // 2026-11-27 is a Friday.
        closed_until(&s, "2026-11-27T21:59:59", "2026-11-27T22:00");
        open_until(
            &s,
            "2026-11-27T22:00",
            "2026-11-28T02:00",
            true,
            Some("2026-12-04T22:00"),
        );
        open_until(
            &s,
            "2026-11-27T23:59:59",
            "2026-11-28T02:00",
            true,
            Some("2026-12-04T22:00"),
        );
        open_until(
            &s,
            "2026-11-28T00:00",
            "2026-11-28T02:00",
            true,
            Some("2026-12-04T22:00"),
        );
        open_until(
            &s,
            "2026-11-28T01:30",
            "2026-11-28T02:00",
            false,
            Some("2026-12-04T22:00"),
        );
        open_until(
            &s,
            "2026-11-28T01:59",
            "2026-11-28T02:00",
            false,
            Some("2026-12-04T22:00"),
        );
        closed_until(&s, "2026-11-28T02:00", "2026-12-04T22:00");
        closed_until(&s, "2026-11-28T12:00", "2026-12-04T22:00");
    }

    #[test]
    fn sunday_night_wraps_into_monday_across_the_week_boundary() {
        // Sun 23:00–01:00 overlaps Mon 00:30–03:00: one interval 23:00–03:00.
        let s = sched(
            r#"{"weekly":[{"day":"mon","start":"00:30","end":"03:00"},
                          {"day":"sun","start":"23:00","end":"01:00"}],
                "closed_on_public_holidays":false,"last_entry_minutes":0}"#,
        );
        // 2026-11-29 is a Sunday, 11-30 a Monday.
        closed_until(&s, "2026-11-29T22:59:59", "2026-11-29T23:00");
        open_until(
            &s,
            "2026-11-29T23:00",
            "2026-11-30T03:00",
            true,
            Some("2026-12-06T23:00"),
        );
        open_until(
            &s,
            "2026-11-30T00:59",
            "2026-11-30T03:00",
            true,
            Some("2026-12-06T23:00"),
        );
        open_until(
            &s,
            "2026-11-30T02:59:59",
            "2026-11-30T03:00",
            true,
            Some("2026-12-06T23:00"),
        );
        closed_until(&s, "2026-11-30T03:00", "2026-12-06T23:00");
        // Also across a year boundary: Sunday 2028-12-31 into Monday 2029-01-01.
        assert_eq!(date(2028, 12, 31).weekday(), Weekday::Sunday);
        open_until(
            &s,
            "2029-01-01T01:00",
            "2029-01-01T03:00",
            true,
            Some("2029-01-07T23:00"),
        );
    }

    #[test]
    fn touching_windows_merge_into_one_interval() {
        let s = sched(
            r#"{"weekly":[{"day":"tue","start":"20:00","end":"24:00"},
                          {"day":"wed","start":"00:00","end":"01:00"},
                          {"day":"tue","start":"18:00","end":"20:00"},
                          {"day":"tue","start":"18:30","end":"19:00"}],
                "closed_on_public_holidays":false,"last_entry_minutes":10}"#,
        );
        // 2026-11-24 is a Tuesday.
        open_until(
            &s,
            "2026-11-24T19:59:59",
            "2026-11-25T01:00",
            true,
            Some("2026-12-01T18:00"),
        );
        open_until(
            &s,
            "2026-11-25T00:50",
            "2026-11-25T01:00",
            false,
            Some("2026-12-01T18:00"),
        );
        assert_eq!(
            s.upcoming_openings(jst("2026-11-23T00:00"), 7),
            vec![(jst("2026-11-24T18:00"), jst("2026-11-25T01:00"))]
        );
    }

    #[test]
    fn start_equal_to_end_is_a_full_day() {
        let s = sched(
            r#"{"weekly":[{"day":"thu","start":"09:00","end":"09:00"}],
                "closed_on_public_holidays":false,"last_entry_minutes":0}"#,
        );
        // 2026-11-26 is a Thursday.
        open_until(
            &s,
            "2026-11-27T08:59:59",
            "2026-11-27T09:00",
            true,
            Some("2026-12-03T09:00"),
        );
        closed_until(&s, "2026-11-27T09:00", "2026-12-03T09:00");
    }

    // ---- exceptions ----------------------------------------------------------

    fn with_exceptions(mut s: Schedule, exceptions: Vec<DateException>) -> Schedule {
        s.exceptions = exceptions;
        s.validate().expect("valid");
        s
    }

    fn window(start: &str, end: &str) -> TimeWindow {
        TimeWindow {
            start: start.parse().expect("time"),
            end: end.parse().expect("time"),
        }
    }

    #[test]
    fn closed_exception_skips_to_the_next_window() {
        let s = with_exceptions(youth(), vec![DateException::closed(date(2026, 11, 25))]);
        closed_until(&s, "2026-11-24T12:00", "2026-11-29T09:00");
        closed_until(&s, "2026-11-25T16:00", "2026-11-29T09:00");
        // The week after is unaffected.
        closed_until(&s, "2026-11-30T12:00", "2026-12-02T15:00");
    }

    #[test]
    fn exception_changes_hours_and_opens_a_closed_day() {
        let s = with_exceptions(
            youth(),
            vec![
                // Saturday 11-28: special opening.
                DateException::open(date(2026, 11, 28), vec![window("10:00", "12:00")]),
                // Wednesday 12-02: changed hours, replacing 15:00–20:00.
                DateException::open(
                    date(2026, 12, 2),
                    vec![window("13:00", "14:00"), window("10:00", "12:00")],
                ),
            ],
        );
        closed_until(&s, "2026-11-27T12:00", "2026-11-28T10:00");
        open_until(
            &s,
            "2026-11-28T11:00",
            "2026-11-28T12:00",
            true,
            Some("2026-11-29T09:00"),
        );
        closed_until(&s, "2026-11-29T14:00", "2026-12-02T10:00");
        open_until(
            &s,
            "2026-12-02T10:00",
            "2026-12-02T12:00",
            true,
            Some("2026-12-02T13:00"),
        );
        closed_until(&s, "2026-12-02T12:00", "2026-12-02T13:00");
        closed_until(&s, "2026-12-02T14:00", "2026-12-06T09:00");
        assert!(!s.status_at(jst("2026-12-02T16:00")).open_now);
    }

    #[test]
    fn exception_overrides_a_public_holiday() {
        // Wednesday 2026-09-23 is 秋分の日; the line opens anyway, shorter.
        let s = with_exceptions(
            youth(),
            vec![DateException::open(
                date(2026, 9, 23),
                vec![window("13:00", "17:00")],
            )],
        );
        closed_until(&s, "2026-09-22T12:00", "2026-09-23T13:00");
        open_until(
            &s,
            "2026-09-23T16:00",
            "2026-09-23T17:00",
            true,
            Some("2026-09-27T09:00"),
        );
    }

    #[test]
    fn closed_exception_only_affects_windows_starting_that_day() {
        // Saturday closed: Friday's window still runs until Saturday 02:00.
        let s = with_exceptions(night(), vec![DateException::closed(date(2026, 11, 28))]);
        open_until(
            &s,
            "2026-11-28T01:00",
            "2026-11-28T02:00",
            true,
            Some("2026-12-04T22:00"),
        );
        // Friday closed: nothing that night, nor after midnight.
        let s = with_exceptions(night(), vec![DateException::closed(date(2026, 11, 27))]);
        closed_until(&s, "2026-11-27T23:00", "2026-12-04T22:00");
        closed_until(&s, "2026-11-28T01:00", "2026-12-04T22:00");
    }

    #[test]
    fn exception_window_past_midnight() {
        // Christmas Eve (Thursday) special night line until 03:00.
        let s = with_exceptions(
            youth(),
            vec![DateException::open(
                date(2026, 12, 24),
                vec![window("21:00", "03:00")],
            )],
        );
        open_until(
            &s,
            "2026-12-25T02:00",
            "2026-12-25T03:00",
            true,
            Some("2026-12-27T09:00"),
        );
    }

    // ---- public holidays in schedules ------------------------------------------

    #[test]
    fn closed_on_public_holidays() {
        let s = youth();
        // Wednesday 2026-09-23 is 秋分の日 → next is Sunday 09-27.
        closed_until(&s, "2026-09-22T12:00", "2026-09-27T09:00");
        closed_until(&s, "2026-09-23T16:00", "2026-09-27T09:00");
        // Golden Week 2026: Sun 5/3 憲法記念日 and Wed 5/6 振替休日 are closed.
        closed_until(&s, "2026-05-02T12:00", "2026-05-10T09:00");
        // Without the holiday rule the line opens as usual.
        let mut open = youth();
        open.closed_on_public_holidays = false;
        closed_until(&open, "2026-09-22T12:00", "2026-09-23T15:00");
        closed_until(&open, "2026-05-02T12:00", "2026-05-03T09:00");
    }

    #[test]
    fn holiday_rule_only_drops_windows_starting_on_the_holiday() {
        let s = sched(
            r#"{"weekly":[{"day":"sun","start":"22:00","end":"02:00"},
                          {"day":"mon","start":"22:00","end":"02:00"}],
                "closed_on_public_holidays":true,"last_entry_minutes":0}"#,
        );
        // Monday 2026-09-21 is 敬老の日: Sunday night still runs into it, the
        // Monday night window is dropped; Tue 9/22 and Wed 9/23 have none.
        open_until(
            &s,
            "2026-09-21T01:00",
            "2026-09-21T02:00",
            true,
            Some("2026-09-27T22:00"),
        );
        closed_until(&s, "2026-09-21T23:00", "2026-09-27T22:00");
    }

    // ---- always open and never open --------------------------------------------

    #[test]
    fn always_open() {
        let variants = [
            Schedule::always_open(),
            sched(
                r#"{"weekly":[{"day":"mon","start":"00:00","end":"00:00"},
                              {"day":"tue","start":"00:00","end":"00:00"},
                              {"day":"wed","start":"00:00","end":"00:00"},
                              {"day":"thu","start":"00:00","end":"00:00"},
                              {"day":"fri","start":"00:00","end":"00:00"},
                              {"day":"sat","start":"00:00","end":"00:00"},
                              {"day":"sun","start":"00:00","end":"00:00"}],
                    "closed_on_public_holidays":false,"last_entry_minutes":15}"#,
            ),
            // Overlapping 12:00–12:00 windows every day also cover everything.
            sched(
                r#"{"weekly":[{"day":"mon","start":"12:00","end":"12:00"},
                              {"day":"tue","start":"12:00","end":"12:00"},
                              {"day":"wed","start":"12:00","end":"12:00"},
                              {"day":"thu","start":"12:00","end":"12:00"},
                              {"day":"fri","start":"12:00","end":"12:00"},
                              {"day":"sat","start":"12:00","end":"12:00"},
                              {"day":"sun","start":"12:00","end":"12:00"}],
                    "closed_on_public_holidays":false,"last_entry_minutes":15}"#,
            ),
        ];
        for s in &variants {
            for at in [
                "2026-01-01T00:00",
                "2026-05-06T12:34:56",
                "2026-11-25T23:59:59",
                "2099-12-31T23:59:59",
            ] {
                assert_eq!(
                    s.status_at(jst(at)),
                    LineStatus {
                        open_now: true,
                        accepting_new: true,
                        closes_at: None,
                        last_entry_at: None,
                        next_open_at: None,
                    },
                    "at {at}"
                );
            }
            let from = jst("2026-11-25T08:30");
            assert_eq!(
                s.upcoming_openings(from, 7),
                vec![(from, jst("2026-12-02T08:30"))]
            );
        }
    }

    #[test]
    fn always_open_except_one_day() {
        let mut s = Schedule::always_open();
        s.last_entry_minutes = 30;
        s.exceptions = vec![DateException::closed(date(2026, 12, 31))];
        open_until(
            &s,
            "2026-12-30T23:00",
            "2026-12-31T00:00",
            true,
            Some("2027-01-01T00:00"),
        );
        open_until(
            &s,
            "2026-12-30T23:30",
            "2026-12-31T00:00",
            false,
            Some("2027-01-01T00:00"),
        );
        closed_until(&s, "2026-12-31T12:00", "2027-01-01T00:00");
        // Cut at `from` and at the range end, real edges around the closed day.
        assert_eq!(
            s.upcoming_openings(jst("2026-12-28T12:00"), 7),
            vec![
                (jst("2026-12-28T12:00"), jst("2026-12-31T00:00")),
                (jst("2027-01-01T00:00"), jst("2027-01-04T12:00")),
            ]
        );
        let st = s.status_at(jst("2027-01-01T00:00"));
        assert_eq!(
            (st.open_now, st.closes_at, st.next_open_at),
            (true, None, None)
        );
    }

    #[test]
    fn closing_beyond_the_horizon_is_not_reported() {
        // Open 24/7 but closed on one day 401 days ahead: out of sight.
        let mut s = Schedule::always_open();
        s.exceptions = vec![DateException::closed(date(2027, 12, 31))];
        let st = s.status_at(jst("2026-11-25T12:00"));
        assert!(st.open_now);
        assert_eq!(st.closes_at, None);
        // Within 400 days it is seen.
        let st = s.status_at(jst("2027-01-01T12:00"));
        assert_eq!(st.closes_at, Some(jst("2027-12-31T00:00")));
        assert_eq!(st.next_open_at, Some(jst("2028-01-01T00:00")));
        // And a single opening far away is only seen within the horizon.
        let s = sched(
            r#"{"weekly":[],"exceptions":[{"date":"2028-06-01","windows":[{"start":"10:00","end":"11:00"}]}],
                "closed_on_public_holidays":false,"last_entry_minutes":0}"#,
        );
        assert_eq!(s.status_at(jst("2026-11-25T12:00")).next_open_at, None);
        closed_until(&s, "2027-06-01T12:00", "2028-06-01T10:00");
    }

    #[test]
    fn no_windows_is_never_open() {
        let s = sched(r#"{"weekly":[],"closed_on_public_holidays":true,"last_entry_minutes":0}"#);
        for at in ["2026-01-01T00:00", "2026-11-25T15:00", "2027-03-21T10:00"] {
            assert_eq!(s.status_at(jst(at)), LineStatus::NEVER, "at {at}");
        }
        assert!(s.upcoming_openings(jst("2026-11-25T00:00"), 7).is_empty());
    }

    // ---- upcoming openings -----------------------------------------------------

    #[test]
    fn upcoming_openings_for_a_week() {
        let s = youth();
        let from = jst("2026-11-23T00:00");
        assert_eq!(
            s.upcoming_openings(from, 7),
            vec![
                (jst("2026-11-25T15:00"), jst("2026-11-25T20:00")),
                (jst("2026-11-29T09:00"), jst("2026-11-29T14:00")),
            ]
        );
        // An interval in progress keeps its real opening time, and one
        // starting before the range end keeps its real closing time.
        assert_eq!(
            s.upcoming_openings(jst("2026-11-25T16:00"), 7),
            vec![
                (jst("2026-11-25T15:00"), jst("2026-11-25T20:00")),
                (jst("2026-11-29T09:00"), jst("2026-11-29T14:00")),
                (jst("2026-12-02T15:00"), jst("2026-12-02T20:00")),
            ]
        );
        // At closing time it is gone.
        assert_eq!(
            s.upcoming_openings(jst("2026-11-25T20:00"), 7),
            vec![
                (jst("2026-11-29T09:00"), jst("2026-11-29T14:00")),
                (jst("2026-12-02T15:00"), jst("2026-12-02T20:00")),
            ]
        );
        // The range end is exclusive.
        assert_eq!(
            s.upcoming_openings(jst("2026-11-25T20:00"), 6),
            vec![(jst("2026-11-29T09:00"), jst("2026-11-29T14:00"))]
        );
        assert_eq!(
            s.upcoming_openings(jst("2026-11-26T15:00"), 6),
            vec![(jst("2026-11-29T09:00"), jst("2026-11-29T14:00"))]
        );
        assert_eq!(s.upcoming_openings(jst("2026-11-26T15:00:01"), 6).len(), 2);
        assert_eq!(
            s.upcoming_openings(jst("2026-11-22T15:00:01"), 3),
            vec![(jst("2026-11-25T15:00"), jst("2026-11-25T20:00"))]
        );
        assert_eq!(s.upcoming_openings(jst("2026-11-22T15:00"), 3), vec![]);
        assert!(s.upcoming_openings(from, 0).is_empty());
        // A public holiday week: 9/23 is dropped.
        assert_eq!(
            s.upcoming_openings(jst("2026-09-21T00:00"), 7),
            vec![(jst("2026-09-27T09:00"), jst("2026-09-27T14:00"))]
        );
        // Two weeks.
        assert_eq!(s.upcoming_openings(from, 14).len(), 4);
    }

    #[test]
    fn upcoming_openings_keep_real_ends_past_the_range() {
        let s = night();
        // A range ending Friday 23:00 still reports the 02:00 close.
        assert_eq!(
            s.upcoming_openings(jst("2026-11-20T23:00"), 7),
            vec![
                (jst("2026-11-20T22:00"), jst("2026-11-21T02:00")),
                (jst("2026-11-27T22:00"), jst("2026-11-28T02:00")),
            ]
        );
    }

    // ---- whole-year sweep ------------------------------------------------------

    fn check_consistency(s: &Schedule, now: Timestamp) {
        let st = s.status_at(now);
        assert_eq!(st.open_now, naive_open(s, now), "open_now at {now}");
        if st.open_now {
            if let Some(close) = st.closes_at {
                assert!(close > now, "closes_at after now at {now}");
                assert!(
                    s.status_at(close - secs(1)).open_now,
                    "open before close {now}"
                );
                assert!(!s.status_at(close).open_now, "closed at close {now}");
                let last = st.last_entry_at.expect("last entry with close");
                assert_eq!(st.accepting_new, now < last);
                // The next opening comes after this close.
                if let Some(next) = st.next_open_at {
                    assert!(next > close);
                }
            } else {
                assert!(st.accepting_new && st.last_entry_at.is_none());
            }
        } else {
            assert!(!st.accepting_new && st.closes_at.is_none() && st.last_entry_at.is_none());
        }
        if let Some(next) = st.next_open_at {
            assert!(next > now, "next_open_at after now at {now}");
            assert!(s.status_at(next).open_now, "open at next_open_at {now}");
            assert!(
                !s.status_at(next - secs(1)).open_now,
                "closed just before next_open_at {now}"
            );
            if !st.open_now {
                // Closed all the way until then (sampled at the midpoint).
                let mid = now + (next.duration_since(now) / 2);
                assert!(!s.status_at(mid).open_now, "closed in between at {now}");
                assert_eq!(s.status_at(mid).next_open_at, Some(next));
            }
        }
    }

    #[test]
    fn whole_year_sweep_is_consistent() {
        let mut busy = youth();
        busy.weekly.extend(night().weekly);
        busy.weekly.push(WeeklyWindow {
            day: DayOfWeek::Sun,
            start: "23:30".parse().expect("time"),
            end: "00:30".parse().expect("time"),
        });
        busy.weekly.push(WeeklyWindow {
            day: DayOfWeek::Mon,
            start: "00:00".parse().expect("time"),
            end: "01:00".parse().expect("time"),
        });
        busy.exceptions = vec![
            DateException::closed(date(2026, 12, 30)),
            DateException::closed(date(2026, 12, 31)),
            DateException::open(date(2026, 1, 2), vec![window("10:00", "10:00")]),
            DateException::open(date(2026, 5, 6), vec![window("18:00", "21:00")]),
        ];
        busy.validate().expect("valid");
        let schedules = [youth(), night(), busy, Schedule::always_open()];
        let start = jst("2026-01-01T00:00");
        for s in &schedules {
            for hour in 0..(365 * 24) {
                // Vary the minute and second too, so not every probe lands on
                // a window boundary.
                let now = start + SignedDuration::from_hours(hour) + secs((hour * 1_237) % 3_600);
                check_consistency(s, now);
            }
        }
    }

    #[test]
    fn upcoming_openings_agree_with_status() {
        let s = youth();
        let from = jst("2026-01-01T00:00");
        let list = s.upcoming_openings(from, 365);
        // 52 Wednesdays + 52 Sundays in 2026 (Jan 1 is a Thursday), less the
        // Sunday 5/3, Wednesday 2/11, 4/29, 5/6 and 9/23 holidays.
        assert_eq!(list.len(), 52 + 52 - 5);
        for &(open, close) in &list {
            let st = s.status_at(open);
            assert!(st.open_now);
            assert_eq!(st.closes_at, Some(close));
            assert!(!s.status_at(open - secs(1)).open_now);
        }
        for pair in list.windows(2) {
            assert_eq!(s.status_at(pair[0].1).next_open_at, Some(pair[1].0));
        }
    }

    // ---- JSON ------------------------------------------------------------------

    const EXAMPLE: &str = r#"{"weekly":[{"day":"wed","start":"15:00","end":"20:00"},{"day":"fri","start":"22:00","end":"02:00"}],"exceptions":[{"date":"2026-12-31","closed":true},{"date":"2026-12-29","windows":[{"start":"10:00","end":"16:00"}]}],"closed_on_public_holidays":true,"last_entry_minutes":15}"#;

    #[test]
    fn json_round_trip() {
        let s = Schedule::from_json(EXAMPLE).expect("example parses");
        assert_eq!(s.weekly.len(), 2);
        assert_eq!(s.weekly[1].day, DayOfWeek::Fri);
        assert_eq!(s.weekly[1].end, ClockTime::new(2, 0).expect("time"));
        assert_eq!(s.exceptions[0], DateException::closed(date(2026, 12, 31)));
        assert_eq!(
            s.exceptions[1],
            DateException::open(date(2026, 12, 29), vec![window("10:00", "16:00")])
        );
        let json = serde_json::to_string(&s).expect("serialise");
        assert_eq!(json, EXAMPLE);
        assert_eq!(Schedule::from_json(&json), Ok(s));
        let full = Schedule::always_open();
        let json = serde_json::to_string(&full).expect("serialise");
        assert!(json.contains(r#"{"day":"mon","start":"00:00","end":"24:00"}"#));
        assert_eq!(Schedule::from_json(&json), Ok(full));
        // `exceptions` may be omitted.
        assert!(Schedule::from_json(
            r#"{"weekly":[],"closed_on_public_holidays":false,"last_entry_minutes":0}"#
        )
        .is_ok());
    }

    fn malformed(json: &str) -> String {
        match Schedule::from_json(json) {
            Err(ScheduleError::Malformed(message)) => message,
            other => panic!("expected a malformed error for {json}, got {other:?}"),
        }
    }

    #[test]
    fn json_rejections_are_readable() {
        let base = |weekly: &str| {
            format!(
                r#"{{"weekly":[{weekly}],"closed_on_public_holidays":false,"last_entry_minutes":0}}"#
            )
        };
        let cases: [(String, &str); 12] = [
            (
                r#"{"weekly":[],"closed_on_public_holidays":false,"last_entry_minutes":0,"timezone":"UTC"}"#.into(),
                "unknown field `timezone`",
            ),
            (
                base(r#"{"day":"wed","start":"15:00","end":"20:00","note":"x"}"#),
                "unknown field `note`",
            ),
            (
                base(r#"{"day":"wed","start":"25:00","end":"20:00"}"#),
                r#"invalid time "25:00": hour must be 00-23"#,
            ),
            (
                base(r#"{"day":"wed","start":"9:00","end":"20:00"}"#),
                r#"invalid time "9:00": expected "HH:MM""#,
            ),
            (
                base(r#"{"day":"wed","start":"12:60","end":"20:00"}"#),
                "minute must be 00-59",
            ),
            (
                base(r#"{"day":"wed","start":"12:00","end":"24:01"}"#),
                r#"invalid time "24:01""#,
            ),
            (
                base(r#"{"day":"wed","start":"12:00","end":"20:00:00"}"#),
                r#"invalid time "20:00:00""#,
            ),
            (
                base(r#"{"day":"monday","start":"15:00","end":"20:00"}"#),
                "unknown variant `monday`, expected one of `mon`",
            ),
            (
                r#"{"weekly":[],"exceptions":[{"date":"2026-12-31","closed":true,"windows":[{"start":"10:00","end":"11:00"}]}],"closed_on_public_holidays":false,"last_entry_minutes":0}"#.into(),
                "exception for 2026-12-31: give either \"closed\": true or \"windows\", not both",
            ),
            (
                r#"{"weekly":[],"exceptions":[{"date":"2026-12-31"}],"closed_on_public_holidays":false,"last_entry_minutes":0}"#.into(),
                "exception for 2026-12-31: give either",
            ),
            (
                r#"{"weekly":[],"exceptions":[{"date":"2026-02-30","closed":true}],"closed_on_public_holidays":false,"last_entry_minutes":0}"#.into(),
                "parsed date is not valid",
            ),
            (
                r#"{"weekly":[],"last_entry_minutes":0}"#.into(),
                "missing field `closed_on_public_holidays`",
            ),
        ];
        for (json, expected) in cases {
            let message = malformed(&json);
            assert!(
                message.contains(expected),
                "{json}\n  gave {message:?}\n  expected it to contain {expected:?}"
            );
        }
        assert!(malformed("{").contains("EOF"));
    }

    #[test]
    fn clock_time_parsing() {
        for (s, minutes) in [
            ("00:00", 0),
            ("09:05", 545),
            ("23:59", 1439),
            ("24:00", 1440),
        ] {
            let t: ClockTime = s.parse().expect("valid");
            assert_eq!(t.minutes(), minutes);
            assert_eq!(t.to_string(), s);
        }
        for bad in [
            "",
            "9:00",
            "09:0",
            "0900",
            "09-00",
            "24:30",
            "25:00",
            "-1:00",
            "09:00 ",
            "０９:００",
            "ab:cd",
        ] {
            assert!(
                bad.parse::<ClockTime>().is_err(),
                "{bad:?} should be rejected"
            );
        }
        assert_eq!(ClockTime::new(24, 1), None);
        assert_eq!(ClockTime::from_minutes(1441), None);
    }

    // ---- validate ----------------------------------------------------------------

    #[test]
    fn validate_errors() {
        let ok = youth();
        assert_eq!(ok.validate(), Ok(()));
        assert_eq!(Schedule::always_open().validate(), Ok(()));

        let mut s = ok.clone();
        s.last_entry_minutes = 241;
        assert_eq!(
            s.validate().map_err(|e| e.to_string()),
            Err("last_entry_minutes: 241 is more than the maximum of 240".into())
        );
        s.last_entry_minutes = 240;
        assert_eq!(s.validate(), Ok(()));

        let mut s = ok.clone();
        let w = s.weekly[0];
        s.weekly = vec![w; 21];
        assert_eq!(
            s.validate().map_err(|e| e.to_string()),
            Err("weekly: 21 windows on wed; at most 20 are allowed per day".into())
        );
        s.weekly.pop();
        assert_eq!(s.validate(), Ok(()), "20 duplicate windows merge fine");

        let mut s = ok.clone();
        s.weekly[1].start = ClockTime::END_OF_DAY;
        assert_eq!(
            s.validate(),
            Err(ScheduleError::StartAtEndOfDay {
                field: "weekly[1].start".into()
            })
        );

        let mut s = ok.clone();
        s.exceptions = (0..367)
            .map(|i| DateException::closed(date(2026, 1, 1) + jiff::Span::new().days(i)))
            .collect();
        assert_eq!(
            s.validate().map_err(|e| e.to_string()),
            Err("exceptions: 367 entries; at most 366 are allowed".into())
        );
        s.exceptions.pop();
        assert_eq!(s.validate(), Ok(()));

        let mut s = ok.clone();
        s.exceptions = vec![
            DateException::closed(date(2026, 12, 31)),
            DateException::closed(date(2026, 12, 30)),
            DateException::open(date(2026, 12, 31), vec![window("10:00", "11:00")]),
        ];
        assert_eq!(
            s.validate().map_err(|e| e.to_string()),
            Err("exceptions[2]: date 2026-12-31 already has an exception at exceptions[0]".into())
        );

        let mut s = ok.clone();
        s.exceptions = vec![DateException::open(
            date(2026, 12, 29),
            vec![window("10:00", "11:00"); 21],
        )];
        assert_eq!(
            s.validate().map_err(|e| e.to_string()),
            Err(
                "exceptions[0].windows: 21 windows on 2026-12-29; at most 20 are allowed per day"
                    .into()
            )
        );

        s.exceptions = vec![DateException::open(date(2026, 12, 29), vec![])];
        assert!(matches!(
            s.validate(),
            Err(ScheduleError::InvalidException { .. })
        ));

        s.exceptions = vec![DateException::open(
            date(2026, 12, 29),
            vec![window("10:00", "11:00"), window("24:00", "01:00")],
        )];
        assert_eq!(
            s.validate().map_err(|e| e.to_string()),
            Err("exceptions[0].windows[1].start: a window cannot start at \"24:00\"; use \"00:00\" of the next day".into())
        );

        // from_json validates too.
        let too_late = EXAMPLE.replace("\"last_entry_minutes\":15", "\"last_entry_minutes\":300");
        assert_eq!(
            Schedule::from_json(&too_late),
            Err(ScheduleError::LastEntryTooLarge { value: 300 })
        );
    }

    #[test]
    fn last_entry_longer_than_the_window_never_accepts() {
        // A 60-minute special opening with a 90-minute cutoff: the cutoff lies
        // before the opening, so the line shows open but takes no new chats.
        let mut s = with_exceptions(
            youth(),
            vec![DateException::open(
                date(2026, 11, 28),
                vec![window("10:00", "11:00")],
            )],
        );
        s.last_entry_minutes = 90;
        let st = s.status_at(jst("2026-11-28T10:00"));
        assert!(st.open_now && !st.accepting_new);
        assert_eq!(st.last_entry_at, Some(jst("2026-11-28T09:30")));
        // The regular 5-hour Wednesday window still accepts for 3.5 hours.
        open_until(
            &s,
            "2026-11-25T18:29:59",
            "2026-11-25T20:00",
            true,
            Some("2026-11-28T10:00"),
        );
        open_until(
            &s,
            "2026-11-25T18:30",
            "2026-11-25T20:00",
            false,
            Some("2026-11-28T10:00"),
        );
    }

    #[test]
    fn unvalidated_start_at_24_00_is_next_midnight() {
        let mut s = youth();
        s.weekly = vec![WeeklyWindow {
            day: DayOfWeek::Tue,
            start: ClockTime::END_OF_DAY,
            end: "01:00".parse().expect("time"),
        }];
        open_until(
            &s,
            "2026-11-25T00:30",
            "2026-11-25T01:00",
            true,
            Some("2026-12-02T00:00"),
        );
    }

    // ---- holidays -----------------------------------------------------------------

    fn holiday_table(year: i16, expected: &[(i8, i8, &str)]) {
        let got: Vec<(Date, &str)> = public_holidays(year);
        let want: Vec<(Date, &str)> = expected
            .iter()
            .map(|&(m, d, name)| (date(year, m, d), name))
            .collect();
        assert_eq!(got, want, "holidays of {year}");
        for (d, name) in want {
            assert!(is_public_holiday(d));
            assert_eq!(public_holiday_name(d), Some(name));
        }
    }

    #[test]
    fn holidays_2025() {
        holiday_table(
            2025,
            &[
                (1, 1, "元日"),
                (1, 13, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (2, 24, "振替休日"),
                (3, 20, "春分の日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (5, 6, "振替休日"),
                (7, 21, "海の日"),
                (8, 11, "山の日"),
                (9, 15, "敬老の日"),
                (9, 23, "秋分の日"),
                (10, 13, "スポーツの日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
                (11, 24, "振替休日"),
            ],
        );
    }

    #[test]
    fn holidays_2026() {
        holiday_table(
            2026,
            &[
                (1, 1, "元日"),
                (1, 12, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (3, 20, "春分の日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (5, 6, "振替休日"),
                (7, 20, "海の日"),
                (8, 11, "山の日"),
                (9, 21, "敬老の日"),
                (9, 22, "国民の休日"),
                (9, 23, "秋分の日"),
                (10, 12, "スポーツの日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
            ],
        );
    }

    #[test]
    fn holidays_2027() {
        holiday_table(
            2027,
            &[
                (1, 1, "元日"),
                (1, 11, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (3, 21, "春分の日"),
                (3, 22, "振替休日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (7, 19, "海の日"),
                (8, 11, "山の日"),
                (9, 20, "敬老の日"),
                (9, 23, "秋分の日"),
                (10, 11, "スポーツの日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
            ],
        );
    }

    #[test]
    fn holidays_2019_to_2021_special_laws() {
        holiday_table(
            2019,
            &[
                (1, 1, "元日"),
                (1, 14, "成人の日"),
                (2, 11, "建国記念の日"),
                (3, 21, "春分の日"),
                (4, 29, "昭和の日"),
                (4, 30, "国民の休日"),
                (5, 1, "天皇の即位の日"),
                (5, 2, "国民の休日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (5, 6, "振替休日"),
                (7, 15, "海の日"),
                (8, 11, "山の日"),
                (8, 12, "振替休日"),
                (9, 16, "敬老の日"),
                (9, 23, "秋分の日"),
                (10, 14, "体育の日"),
                (10, 22, "即位礼正殿の儀"),
                (11, 3, "文化の日"),
                (11, 4, "振替休日"),
                (11, 23, "勤労感謝の日"),
            ],
        );
        holiday_table(
            2020,
            &[
                (1, 1, "元日"),
                (1, 13, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (2, 24, "振替休日"),
                (3, 20, "春分の日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (5, 6, "振替休日"),
                (7, 23, "海の日"),
                (7, 24, "スポーツの日"),
                (8, 10, "山の日"),
                (9, 21, "敬老の日"),
                (9, 22, "秋分の日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
            ],
        );
        holiday_table(
            2021,
            &[
                (1, 1, "元日"),
                (1, 11, "成人の日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (3, 20, "春分の日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (7, 22, "海の日"),
                (7, 23, "スポーツの日"),
                (8, 8, "山の日"),
                (8, 9, "振替休日"),
                (9, 20, "敬老の日"),
                (9, 23, "秋分の日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
            ],
        );
    }

    #[test]
    fn holiday_spot_checks() {
        // Silver weeks with a 国民の休日.
        assert_eq!(public_holiday_name(date(2009, 9, 22)), Some("国民の休日"));
        assert_eq!(public_holiday_name(date(2015, 9, 22)), Some("国民の休日"));
        assert_eq!(public_holiday_name(date(2032, 9, 21)), Some("国民の休日"));
        // Before 2007, 5/4 was a 国民の休日 between 5/3 and 5/5.
        assert_eq!(public_holiday_name(date(2005, 5, 4)), Some("国民の休日"));
        assert_eq!(public_holiday_name(date(2006, 4, 29)), Some("みどりの日"));
        assert_eq!(public_holiday_name(date(2018, 12, 23)), Some("天皇誕生日"));
        assert_eq!(public_holiday_name(date(2018, 12, 24)), Some("振替休日"));
        assert_eq!(public_holiday_name(date(2019, 12, 23)), None);
        // Ordinary days and unsupported years.
        for d in [
            date(2026, 1, 2),
            date(2026, 12, 31),
            date(2026, 5, 7),
            date(2026, 9, 24),
        ] {
            assert!(!is_public_holiday(d), "{d}");
        }
        assert!(!is_public_holiday(date(2100, 1, 1)));
        assert!(!is_public_holiday(date(1979, 1, 1)));
        // Every supported year has 12–22 holidays, all distinct and sorted,
        // and each equinox lands on the 19th–23rd / 22nd–24th.
        for year in HOLIDAY_YEARS {
            let list = public_holidays(year);
            assert!((12..=22).contains(&list.len()), "{year}: {}", list.len());
            assert!(list.windows(2).all(|p| p[0].0 < p[1].0), "{year} sorted");
            let spring = list.iter().find(|h| h.1 == "春分の日").expect("spring");
            let autumn = list.iter().find(|h| h.1 == "秋分の日").expect("autumn");
            assert!((19..=21).contains(&spring.0.day()), "{year} spring");
            assert!((22..=24).contains(&autumn.0.day()), "{year} autumn");
        }
    }
}
