//! Policies: from the spans of a message to one action in a context.

use crate::ruleset::Policy;
use crate::verdict::{Action, Category, Severity, Span};

/// Where a message was written; each context has its own policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    /// A 1:1 chat with a counsellor: nothing the teen writes is withheld.
    Counseling,
    /// A peer room of young carers with moderators.
    Salon,
}

impl Context {
    /// The snake_case name (`counseling`, `salon`).
    pub fn name(self) -> &'static str {
        match self {
            Context::Counseling => "counseling",
            Context::Salon => "salon",
        }
    }
}

impl std::str::FromStr for Context {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "counseling" | "counselling" => Ok(Context::Counseling),
            "salon" => Ok(Context::Salon),
            other => Err(format!(
                "unknown context `{other}`; expected `counseling` or `salon`"
            )),
        }
    }
}

pub(crate) struct Decision {
    pub action: Action,
    pub alert: bool,
    pub support_reply: Option<String>,
}

/// Applies every policy rule whose category is present at or above its minimum severity;
/// the strongest action wins, and alerts and support replies add up.
pub(crate) fn decide(policy: &Policy, spans: &[Span]) -> Decision {
    let mut worst: [Option<Severity>; Category::ALL.len()] = [None; Category::ALL.len()];
    for s in spans {
        let slot = &mut worst[s.category as usize];
        // Modifier spans carry severity info; they never trigger a rule on their own.
        if s.severity > Severity::Info {
            *slot = Some(slot.map_or(s.severity, |w| w.max(s.severity)));
        }
    }
    let mut action: Option<Action> = None;
    let (mut alert, mut support) = (false, false);
    for rule in &policy.rules {
        if worst[rule.category as usize].is_some_and(|w| w >= rule.min_severity) {
            action = Some(action.map_or(rule.action, |a| a.max(rule.action)));
            alert |= rule.alert;
            support |= rule.support;
        }
    }
    Decision {
        action: action.unwrap_or(policy.default),
        alert,
        support_reply: if support {
            policy.support_reply.clone()
        } else {
            None
        },
    }
}

/// The text with contact and personal-information spans replaced by ＊, one per character.
pub(crate) fn mask(text: &str, spans: &[Span]) -> String {
    // A difference array over bytes keeps this linear however many spans there are.
    let mut depth = vec![0i32; text.len() + 1];
    for s in spans
        .iter()
        .filter(|s| matches!(s.category, Category::Contact | Category::PersonalInfo))
    {
        depth[s.start] += 1;
        depth[s.end] -= 1;
    }
    let mut out = String::with_capacity(text.len());
    let mut level = 0;
    let mut last = 0;
    for (i, c) in text.char_indices() {
        for d in &depth[last..=i] {
            level += d;
        }
        last = i + 1;
        out.push(if level > 0 && !c.is_whitespace() {
            '＊'
        } else {
            c
        });
    }
    out
}
