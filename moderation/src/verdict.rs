//! The verdict and the small vocabulary it is written in.

use serde::{Deserialize, Serialize};

use crate::normalize::Obfuscation;

/// What a matched piece of text is about. Serialised in snake_case (`self_harm`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Suicide, self-injury, overdose.
    SelfHarm,
    /// Violence, neglect or sexual abuse at home: a disclosure to protect, never to punish.
    Abuse,
    /// Solicitation, requests for photos, paid dating, grooming.
    Sexual,
    /// Phone numbers, e-mail, URLs, messenger IDs, requests to meet, asking where someone lives.
    Contact,
    /// School, nearest station, address.
    PersonalInfo,
    /// Insults, slurs, threats.
    Harassment,
    /// Floods and repeats.
    Spam,
}

impl Category {
    /// Every category, in output order.
    pub const ALL: [Category; 7] = [
        Category::SelfHarm,
        Category::Abuse,
        Category::Sexual,
        Category::Contact,
        Category::PersonalInfo,
        Category::Harassment,
        Category::Spam,
    ];

    /// The snake_case name used in rules files, JSON and the evaluation set.
    pub fn name(self) -> &'static str {
        match self {
            Category::SelfHarm => "self_harm",
            Category::Abuse => "abuse",
            Category::Sexual => "sexual",
            Category::Contact => "contact",
            Category::PersonalInfo => "personal_info",
            Category::Harassment => "harassment",
            Category::Spam => "spam",
        }
    }

    /// Parses a snake_case name.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// How serious a verdict is. `Critical` means imminent risk: a plan, a means, a time.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Nothing that needs attention.
    #[default]
    Info,
    /// Worth a look when someone has time.
    Low,
    /// Worth a look soon.
    Medium,
    /// Needs a person now.
    High,
    /// Imminent risk.
    Critical,
}

/// What the backend should do with the message. Ordered from mildest to strongest; when
/// several policy rules apply, the strongest action wins.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Deliver as written.
    #[default]
    Allow,
    /// Deliver; mark for later review.
    Flag,
    /// Deliver; move the conversation up the counsellors' queue.
    Prioritize,
    /// Deliver; raise priority and alert staff at once.
    Alert,
    /// Deliver `masked_text` instead of the original.
    Mask,
    /// Keep from the room until a moderator releases it.
    Hold,
    /// Refuse the message.
    Block,
    /// Hide from the room, answer the author privately and warmly with help, alert staff.
    /// Stronger than `Block`: a message that is both abusive and a cry for help must still
    /// reach staff and get the author an answer.
    HideAndSupport,
}

impl Action {
    /// Actions that stop or change what the author wrote; never allowed in counselling.
    pub fn withholds(self) -> bool {
        matches!(
            self,
            Action::Mask | Action::Hold | Action::Block | Action::HideAndSupport
        )
    }
}

/// One matched piece of the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset into the original text, on a character boundary.
    pub start: usize,
    /// Byte offset (exclusive) into the original text, on a character boundary.
    pub end: usize,
    /// What the span is about.
    pub category: Category,
    /// Severity of this span alone.
    pub severity: Severity,
    /// Id of the rule that matched.
    pub rule: String,
    /// The original text of the span.
    pub text: String,
    /// Whether obfuscation was seen inside this span.
    pub obfuscated: bool,
}

/// The classifier's answer for one message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Categories found, in the fixed order of [`Category::ALL`].
    pub categories: Vec<Category>,
    /// Overall severity (the highest span severity, after escalation).
    pub severity: Severity,
    /// What the context's policy says to do.
    pub action: Action,
    /// Whether staff should be alerted at once.
    pub alert_staff: bool,
    /// A warm private reply for the author, when the policy asks for one.
    pub support_reply: Option<String>,
    /// The text to deliver instead of the original when `action` is `mask`.
    pub masked_text: Option<String>,
    /// Matched spans, ordered by start offset.
    pub spans: Vec<Span>,
    /// Ids of the rules behind the spans, sorted, without duplicates.
    pub rules: Vec<String>,
    /// Ids of allow-list entries that cancelled a span (each cancels one), for reviewers.
    pub allowed: Vec<String>,
    /// Version of the ruleset that produced this verdict.
    pub ruleset_version: String,
    /// Whether any matched span was obfuscated.
    pub obfuscated: bool,
    /// Kinds of obfuscation seen inside matched spans.
    pub obfuscation: Vec<Obfuscation>,
}

impl Verdict {
    /// Whether the verdict names `category`.
    pub fn has(&self, category: Category) -> bool {
        self.categories.contains(&category)
    }
}
