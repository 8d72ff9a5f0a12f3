//! Rules as data: parsing and checking the TOML rules files.
//!
//! A ruleset is one or more files with the same schema; every section is optional in any
//! one file and the sections are merged. Exactly one file carries `[ruleset] version`.
//!
//! ```toml
//! [ruleset]
//! version = "2025-06-01.1"
//!
//! [[rule]]                      # lexicon: any term found in the message is a span
//! id = "ja.self_harm.wish_to_die"
//! category = "self_harm"
//! severity = "high"
//! terms = ["死にたい", "消えたい"]   # Latin terms match whole words; "suicid*" matches a prefix
//!
//! [[rule]]                      # only when spelled out with gaps: 「し ね」, not 〜だしね
//! id = "ja.harassment.spaced_insult"
//! category = "harassment"
//! severity = "medium"
//! spaced_only = true
//! terms = ["しね"]
//!
//! [[rule]]                      # modifier: not a risk by itself, used by [[escalate]]
//! id = "ja.modifier.time"
//! category = "self_harm"
//! modifier = "time"
//! terms = ["今夜"]
//!
//! [[rule]]                      # a leading = : only where the message writes it in katakana
//! id = "ja.modifier.blade"      # (カッター, not the past tense かった, the same letters once
//! category = "self_harm"        # folded); any term of any section may have it
//! modifier = "means"
//! terms = ["=カッター"]
//!
//! [[allow]]                     # each allow match cancels ONE overlapping span
//! id = "ja.allow.hyperbole"
//! category = "self_harm"        # optional: only spans of this category
//! terms = ["死ぬほど"]
//!
//! [[allow]]                     # reported speech: the teen was told 死ね, did not say it
//! id = "ja.allow.reported"
//! category = "harassment"
//! anchor = "after_span"         # or "before_span"; default "overlap"
//! terms = ["って言われ"]
//!
//! [[allow]]                     # a study meeting, unless something makes it private
//! id = "ja.allow.study_meeting"
//! category = "contact"
//! anchor = "near"               # either side of the span, at most `within` characters away
//! within = 20
//! unless = ["二人きり", "内緒"]    # any of these in the message disables the entry
//! terms = ["図書館", "勉強"]
//!
//! [[escalate]]
//! id = "self_harm.imminent"
//! category = "self_harm"
//! modifiers = ["time", "means", "plan"]
//! to = "critical"
//!
//! [[combo]]                     # two concepts near each other, in either order
//! id = "ja.sexual.photo_request"
//! category = "sexual"
//! severity = "high"
//! first = ["写真", "自撮り"]
//! second = ["送って", "ほしい"]
//! within = 12                   # characters between them at most (default 12)
//!
//! [[named_place]]               # a kanji name right before a suffix: 北山中学
//! id = "ja.personal_info.school"
//! category = "personal_info"
//! severity = "low"
//! suffixes = ["中学", "高校"]
//! generic_prefixes = ["公立"]    # 公立高校 names no school
//! not_followed_by = ["生"]       # 中学生 is not a school's name
//!
//! [[model]]                     # the learned second opinion (crate::model) may add this
//! category = "self_harm"        # category when the lexicon missed it and its score is at
//! severity = "medium"           # least `threshold`; the span is the run of characters
//! threshold = 0.8               # that weighed most, the rule id `model.self_harm`
//!
//! [policy.counseling]
//! default = "allow"
//! rules = [{ category = "self_harm", min_severity = "high", action = "alert", alert = true }]
//! ```

use std::collections::HashSet;

use serde::Deserialize;

use crate::verdict::{Action, Category, Severity};
use crate::Context;

/// Why a ruleset could not be loaded. Each message names the file and what was expected.
#[derive(Debug, thiserror::Error)]
pub enum RulesetError {
    /// A file is not valid TOML or does not follow the schema.
    #[error("rules file `{file}`: {message}")]
    Parse {
        /// File name as passed in.
        file: String,
        /// Parser message, with line and column.
        message: String,
    },
    /// A file parses but breaks a rule of the schema.
    #[error("rules file `{file}`: {message}")]
    Invalid {
        /// File name as passed in.
        file: String,
        /// What is wrong and what was expected.
        message: String,
    },
    /// The files as a whole are inconsistent.
    #[error("ruleset: {0}")]
    Set(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDef {
    ruleset: Option<MetaDef>,
    #[serde(default)]
    rule: Vec<RuleDef>,
    #[serde(default)]
    allow: Vec<AllowDef>,
    #[serde(default)]
    escalate: Vec<EscalateDef>,
    #[serde(default)]
    named_place: Vec<NamedPlaceDef>,
    #[serde(default)]
    combo: Vec<ComboDef>,
    #[serde(default)]
    model: Vec<ModelDef>,
    policy: Option<PoliciesDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetaDef {
    version: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDef {
    id: String,
    category: Category,
    severity: Option<Severity>,
    modifier: Option<String>,
    #[serde(default)]
    spaced_only: bool,
    terms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AllowDef {
    id: String,
    category: Option<Category>,
    #[serde(default)]
    anchor: Anchor,
    within: Option<usize>,
    #[serde(default)]
    unless: Vec<String>,
    terms: Vec<String>,
}

/// Where an allow entry must sit relative to the span it cancels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Anchor {
    /// The allow match overlaps the span: 死ぬほど over 死ぬ.
    #[default]
    Overlap,
    /// The allow match ends just before the span: "called me a" + insult.
    BeforeSpan,
    /// The allow match starts just after the span: 死ね + って言われた (reported speech).
    AfterSpan,
    /// The allow match is on either side of the span, at most `within` characters away:
    /// 図書館 … 会おう (a study meeting).
    Near,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EscalateDef {
    id: String,
    category: Category,
    modifiers: Vec<String>,
    to: Severity,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ComboDef {
    id: String,
    category: Category,
    severity: Severity,
    first: Vec<String>,
    second: Vec<String>,
    #[serde(default = "default_within")]
    within: usize,
}

fn default_within() -> usize {
    12
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelDef {
    category: Category,
    severity: Severity,
    threshold: f32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedPlaceDef {
    id: String,
    category: Category,
    severity: Severity,
    suffixes: Vec<String>,
    #[serde(default)]
    generic_prefixes: Vec<String>,
    #[serde(default)]
    not_followed_by: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PoliciesDef {
    counseling: Option<PolicyDef>,
    salon: Option<PolicyDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyDef {
    default: Action,
    support_reply: Option<String>,
    #[serde(default)]
    rules: Vec<PolicyRuleDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyRuleDef {
    category: Category,
    #[serde(default = "low")]
    min_severity: Severity,
    action: Action,
    #[serde(default)]
    alert: bool,
    #[serde(default)]
    support: bool,
}

fn low() -> Severity {
    Severity::Low
}

/// A lexicon rule.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    /// `Some(tag)` for a modifier rule (not a risk by itself).
    pub modifier: Option<String>,
    /// The terms count only when the message spelled them out with spaces or marks
    /// between the letters (「し ね」, not the しね of 〜だしね).
    pub spaced_only: bool,
    pub terms: Vec<String>,
}

/// An allow-list entry.
#[derive(Debug, Clone)]
pub(crate) struct Allow {
    pub id: String,
    pub category: Option<Category>,
    pub anchor: Anchor,
    /// Largest distance in characters between the allow match and the span it cancels
    /// (`before_span`, `after_span`, `near`); `None`: about four kana.
    pub within: Option<usize>,
    /// Terms that disable this entry for the whole message when any of them occurs
    /// ("図書館で会おう" is a study meeting; "図書館で二人きりで会おう" is not).
    pub unless: Vec<String>,
    pub terms: Vec<String>,
}

/// Raises a category's severity when a modifier appears in the same message.
#[derive(Debug, Clone)]
pub(crate) struct Escalate {
    pub id: String,
    pub category: Category,
    pub modifiers: Vec<String>,
    pub to: Severity,
}

/// Two concepts near each other: a term of `first` and a term of `second` at most `within`
/// characters apart, in either order ("写真" … "送って", "dad" … "hits me").
#[derive(Debug, Clone)]
pub(crate) struct Combo {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub first: Vec<String>,
    pub second: Vec<String>,
    pub within: usize,
}

/// A named place: a run of kanji (and digits) right before one of the suffixes.
#[derive(Debug, Clone)]
pub(crate) struct NamedPlace {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    /// As characters: they are compared at many places of every message.
    pub suffixes: Vec<Vec<char>>,
    pub generic_prefixes: Vec<String>,
    pub not_followed_by: Vec<String>,
}

/// When the learned model may add a category the lexicon missed.
#[derive(Debug, Clone)]
pub(crate) struct ModelUse {
    pub category: Category,
    pub severity: Severity,
    pub threshold: f32,
    /// `model.<category>`, the rule id of its spans.
    pub id: String,
}

/// One policy rule: for `category` at `min_severity` or above, take `action`.
#[derive(Debug, Clone)]
pub(crate) struct PolicyRule {
    pub category: Category,
    pub min_severity: Severity,
    pub action: Action,
    pub alert: bool,
    pub support: bool,
}

/// The policy of one context.
#[derive(Debug, Clone)]
pub(crate) struct Policy {
    pub default: Action,
    pub support_reply: Option<String>,
    pub rules: Vec<PolicyRule>,
}

/// A checked set of rules, ready to be compiled into a [`crate::Classifier`].
#[derive(Debug, Clone)]
pub struct Ruleset {
    pub(crate) version: String,
    pub(crate) rules: Vec<Rule>,
    pub(crate) allows: Vec<Allow>,
    pub(crate) escalations: Vec<Escalate>,
    pub(crate) places: Vec<NamedPlace>,
    pub(crate) combos: Vec<Combo>,
    pub(crate) model: Vec<ModelUse>,
    pub(crate) counseling: Policy,
    pub(crate) salon: Policy,
}

/// The built-in rules files, compiled into the crate, as `(file name, contents)`.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("ruleset.toml", include_str!("../rules/ruleset.toml")),
    ("ja.toml", include_str!("../rules/ja.toml")),
    ("en.toml", include_str!("../rules/en.toml")),
    ("combos.toml", include_str!("../rules/combos.toml")),
    ("world.toml", include_str!("../rules/world.toml")),
    ("policy.toml", include_str!("../rules/policy.toml")),
];

impl Ruleset {
    /// The ruleset compiled into the crate.
    ///
    /// # Panics
    ///
    /// Never in a released build: the built-in files are checked by the crate's tests.
    pub fn builtin() -> Ruleset {
        Ruleset::from_files(BUILTIN_FILES.iter().copied())
            .expect("built-in rules files are checked by the crate's tests")
    }

    /// Every lexicon term as written in the files (rules and combos, not allow entries),
    /// e.g. for tooling or a baseline comparison.
    pub fn lexicon_terms(&self) -> impl Iterator<Item = &str> {
        self.rules
            .iter()
            .flat_map(|r| r.terms.iter())
            .chain(
                self.combos
                    .iter()
                    .flat_map(|c| c.first.iter().chain(c.second.iter())),
            )
            .map(String::as_str)
    }

    /// The same rules without the learned model's `[[model]]` entries: the lexicon and the
    /// detectors alone, for measuring what the model adds.
    pub fn without_model(mut self) -> Ruleset {
        self.model.clear();
        self
    }

    /// The ruleset's version string.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Parses and checks a ruleset from `(file name, contents)` pairs. The name is only
    /// used in error messages.
    ///
    /// # Errors
    ///
    /// [`RulesetError`] naming the file and the problem: invalid TOML, an unknown field,
    /// a duplicate rule id, an empty term, a missing version or policy, or a counselling
    /// policy that would withhold what a teen wrote.
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Ruleset, RulesetError> {
        let mut version: Option<String> = None;
        let mut set = Ruleset {
            version: String::new(),
            rules: Vec::new(),
            allows: Vec::new(),
            escalations: Vec::new(),
            places: Vec::new(),
            combos: Vec::new(),
            model: Vec::new(),
            counseling: Policy {
                default: Action::Allow,
                support_reply: None,
                rules: Vec::new(),
            },
            salon: Policy {
                default: Action::Allow,
                support_reply: None,
                rules: Vec::new(),
            },
        };
        let (mut have_counseling, mut have_salon) = (false, false);
        let mut ids: HashSet<String> = HashSet::new();
        for (name, text) in files {
            let file: FileDef = toml::from_str(text).map_err(|e| RulesetError::Parse {
                file: name.to_string(),
                message: e.to_string(),
            })?;
            let invalid = |message: String| RulesetError::Invalid {
                file: name.to_string(),
                message,
            };
            if let Some(meta) = file.ruleset {
                if version.is_some() {
                    return Err(invalid(
                        "a second `[ruleset] version`; exactly one file may carry it".into(),
                    ));
                }
                if meta.version.trim().is_empty() {
                    return Err(invalid("`[ruleset] version` is empty".into()));
                }
                version = Some(meta.version);
            }
            let mut claim = |id: &str| -> Result<(), RulesetError> {
                if id.trim().is_empty() {
                    return Err(invalid("an entry has an empty `id`".into()));
                }
                if !ids.insert(id.to_string()) {
                    return Err(invalid(format!("duplicate id `{id}`")));
                }
                Ok(())
            };
            for r in file.rule {
                claim(&r.id)?;
                let severity = match (&r.modifier, r.severity) {
                    (Some(_), _) => Severity::Info,
                    (None, Some(s)) if s > Severity::Info => s,
                    (None, _) => {
                        return Err(RulesetError::Invalid {
                            file: name.to_string(),
                            message: format!(
                                "rule `{}` needs `severity` (low, medium, high or critical) or a `modifier`",
                                r.id
                            ),
                        })
                    }
                };
                check_terms(name, &r.id, &r.terms)?;
                set.rules.push(Rule {
                    id: r.id,
                    category: r.category,
                    severity,
                    modifier: r.modifier,
                    spaced_only: r.spaced_only,
                    terms: r.terms,
                });
            }
            for a in file.allow {
                claim(&a.id)?;
                check_terms(name, &a.id, &a.terms)?;
                if !a.unless.is_empty() {
                    check_terms(name, &a.id, &a.unless)?;
                }
                match (a.anchor, a.within) {
                    (Anchor::Near, None) => {
                        return Err(invalid(format!(
                            "allow `{}` has `anchor = \"near\"` and needs `within` (characters)",
                            a.id
                        )))
                    }
                    (Anchor::Overlap, Some(_)) => {
                        return Err(invalid(format!(
                            "allow `{}`: `within` applies to before_span, after_span and near anchors only",
                            a.id
                        )))
                    }
                    (_, Some(0)) => {
                        return Err(invalid(format!("allow `{}`: `within` must be above 0", a.id)))
                    }
                    _ => {}
                }
                set.allows.push(Allow {
                    id: a.id,
                    category: a.category,
                    anchor: a.anchor,
                    within: a.within,
                    unless: a.unless,
                    terms: a.terms,
                });
            }
            for e in file.escalate {
                claim(&e.id)?;
                set.escalations.push(Escalate {
                    id: e.id,
                    category: e.category,
                    modifiers: e.modifiers,
                    to: e.to,
                });
            }
            for c in file.combo {
                claim(&c.id)?;
                check_terms(name, &c.id, &c.first)?;
                check_terms(name, &c.id, &c.second)?;
                if c.severity == Severity::Info {
                    return Err(invalid(format!(
                        "combo `{}` needs a severity above info",
                        c.id
                    )));
                }
                set.combos.push(Combo {
                    id: c.id,
                    category: c.category,
                    severity: c.severity,
                    first: c.first,
                    second: c.second,
                    within: c.within,
                });
            }
            for m in file.model {
                let category = m.category.name();
                if !crate::model::MODELLED.contains(&m.category) {
                    let modelled: Vec<&str> =
                        crate::model::MODELLED.iter().map(|c| c.name()).collect();
                    return Err(invalid(format!(
                        "`[[model]]` names `{category}`; the model scores only {}",
                        modelled.join(", ")
                    )));
                }
                if set.model.iter().any(|u| u.category == m.category) {
                    return Err(invalid(format!("a second `[[model]]` for `{category}`")));
                }
                if !(m.threshold > 0.0 && m.threshold < 1.0) {
                    return Err(invalid(format!(
                        "`[[model]]` for `{category}`: `threshold` must be between 0 and 1 (a probability), not {}",
                        m.threshold
                    )));
                }
                if m.severity == Severity::Info {
                    return Err(invalid(format!(
                        "`[[model]]` for `{category}` needs a severity above info"
                    )));
                }
                set.model.push(ModelUse {
                    category: m.category,
                    severity: m.severity,
                    threshold: m.threshold,
                    id: format!("model.{category}"),
                });
            }
            for p in file.named_place {
                claim(&p.id)?;
                check_terms(name, &p.id, &p.suffixes)?;
                set.places.push(NamedPlace {
                    id: p.id,
                    category: p.category,
                    severity: p.severity,
                    suffixes: p.suffixes.iter().map(|s| s.chars().collect()).collect(),
                    generic_prefixes: p.generic_prefixes,
                    not_followed_by: p.not_followed_by,
                });
            }
            if let Some(policies) = file.policy {
                for (context, def) in [
                    (Context::Counseling, policies.counseling),
                    (Context::Salon, policies.salon),
                ] {
                    let Some(def) = def else { continue };
                    let seen = match context {
                        Context::Counseling => &mut have_counseling,
                        Context::Salon => &mut have_salon,
                    };
                    if *seen {
                        return Err(invalid(format!(
                            "a second `[policy.{}]`; each context has one policy",
                            context.name()
                        )));
                    }
                    *seen = true;
                    let policy = Policy {
                        default: def.default,
                        support_reply: def.support_reply,
                        rules: def
                            .rules
                            .into_iter()
                            .map(|r| PolicyRule {
                                category: r.category,
                                min_severity: r.min_severity,
                                action: r.action,
                                alert: r.alert,
                                support: r.support,
                            })
                            .collect(),
                    };
                    // The product's promise, enforced here rather than trusted to review:
                    // in 1:1 counselling nothing a teen writes is withheld.
                    if context == Context::Counseling {
                        let bad = std::iter::once(policy.default)
                            .chain(policy.rules.iter().map(|r| r.action))
                            .find(|a| a.withholds());
                        if let Some(a) = bad {
                            return Err(invalid(format!(
                                "`[policy.counseling]` uses action `{}`; counselling may only allow, flag, prioritize or alert",
                                serde_json::to_string(&a).unwrap_or_default().trim_matches('"')
                            )));
                        }
                    }
                    match context {
                        Context::Counseling => set.counseling = policy,
                        Context::Salon => set.salon = policy,
                    }
                }
            }
        }
        set.version = version.ok_or_else(|| {
            RulesetError::Set("no file carries `[ruleset] version = \"...\"`".into())
        })?;
        if !have_counseling || !have_salon {
            return Err(RulesetError::Set(
                "both `[policy.counseling]` and `[policy.salon]` are required".into(),
            ));
        }
        let tags: HashSet<&str> = set
            .rules
            .iter()
            .filter_map(|r| r.modifier.as_deref())
            .collect();
        for e in &set.escalations {
            if let Some(m) = e.modifiers.iter().find(|m| !tags.contains(m.as_str())) {
                return Err(RulesetError::Set(format!(
                    "escalation `{}` names modifier `{m}`, which no rule defines",
                    e.id
                )));
            }
        }
        Ok(set)
    }
}

fn check_terms(file: &str, id: &str, terms: &[String]) -> Result<(), RulesetError> {
    if terms.is_empty() {
        return Err(RulesetError::Invalid {
            file: file.to_string(),
            message: format!("`{id}` has no terms"),
        });
    }
    for t in terms {
        let core = t.trim_start_matches('=').trim_matches('*');
        if crate::normalize::normalize_term(core).trim().is_empty() {
            return Err(RulesetError::Invalid {
                file: file.to_string(),
                message: format!(
                    "`{id}` has the term {t:?}, which is empty after normalisation (punctuation and spaces are ignored)"
                ),
            });
        }
    }
    Ok(())
}
