//! The classifier: one Aho-Corasick automaton over the normalised lexicon, the structural
//! detectors, allow-list cancellation, escalation, and the policy of the context.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::detect::{self, Chars, Found};
use crate::normalize::{self, Obfuscation, View};
use crate::policy;
use crate::ruleset::{Anchor, Ruleset, RulesetError};
use crate::verdict::{Category, Severity, Span, Verdict};
use crate::Context;

/// Largest message the classifier accepts, in bytes. A chat message is a few kilobytes at
/// most; the cap bounds the time and memory one call can take (the views cost about
/// twenty bytes per input byte), and anything near it is not a chat message.
pub const MAX_INPUT_BYTES: usize = 256 * 1024;

/// Why a message could not be classified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClassifyError {
    /// The message is larger than [`MAX_INPUT_BYTES`]; it was not looked at.
    #[error("message is {len} bytes; the classifier refuses messages over {max} bytes")]
    TooLong {
        /// Length of the refused message in bytes.
        len: usize,
        /// The limit, [`MAX_INPUT_BYTES`].
        max: usize,
    },
}

#[derive(Debug, Clone, Copy)]
enum Target {
    Rule(u32),
    Allow(u32),
    /// Combo index and which of its two groups.
    Combo(u32, u8),
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    target: Target,
    /// Whether the match must start at a Latin word boundary.
    left: bool,
    /// Whether the match must end at a Latin word boundary.
    right: bool,
}

/// A compiled ruleset. Cheap to share behind an `Arc`; `classify` takes `&self`.
#[derive(Debug, Clone)]
pub struct Classifier {
    set: Ruleset,
    ac: AhoCorasick,
    entries: Vec<Vec<Entry>>,
}

/// One finding before it becomes a span.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub category: Category,
    pub severity: Severity,
    pub rule: String,
    pub modifier: Option<String>,
    /// Range in the match view, for allow-list overlap (lexicon hits only).
    mv: Option<(usize, usize)>,
}

/// Everything learned about one message before the policy is applied.
pub(crate) struct Analysis {
    pub chars: Chars,
    pub match_text: String,
    pub hits: Vec<Hit>,
    allowed: Vec<String>,
    events: Vec<(u32, Obfuscation)>,
}

/// How far (in match-view bytes, about four kana) a `before_span`/`after_span` allow entry
/// may sit from the span it cancels.
const NEAR: usize = 12;

/// Overlapping hits of the same category are one finding: "lets meet" and "meet up" in
/// "lets meet up" become one span (the union, with the most severe rule's id), so one
/// allow entry cancels the finding as a whole.
fn merge_overlapping(mut hits: Vec<Hit>, mv: &View) -> Vec<Hit> {
    hits.sort_by_key(|h| (h.category, h.modifier.is_some(), h.mv.map(|r| r.0)));
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        if let Some(last) = out.last_mut() {
            let (ls, le) = last.mv.unwrap_or((0, 0));
            let (hs, he) = h.mv.unwrap_or((0, 0));
            if last.category == h.category
                && last.modifier.is_none()
                && h.modifier.is_none()
                && hs < le
            {
                let (s, e) = (ls.min(hs), le.max(he));
                let (os, oe) = mv.original_range(s, e);
                if h.severity > last.severity || (h.severity == last.severity && he - hs > le - ls)
                {
                    last.rule = h.rule;
                    last.severity = h.severity;
                }
                last.mv = Some((s, e));
                last.start = os;
                last.end = oe;
                continue;
            }
        }
        out.push(h);
    }
    out
}

fn is_latin(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_lowercase())
}

impl Classifier {
    /// Compiles a ruleset.
    pub fn new(set: Ruleset) -> Classifier {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        let mut add = |term: &str, target: Target| {
            let (core, left_wild) = match term.strip_prefix('*') {
                Some(rest) => (rest, true),
                None => (term, false),
            };
            let (core, right_wild) = match core.strip_suffix('*') {
                Some(rest) => (rest, true),
                None => (core, false),
            };
            let norm = normalize::normalize_term(core).trim().to_string();
            if norm.is_empty() {
                return;
            }
            let entry = Entry {
                target,
                left: !left_wild && is_latin(norm.chars().next()),
                right: !right_wild && is_latin(norm.chars().next_back()),
            };
            let id = *index.entry(norm.clone()).or_insert_with(|| {
                patterns.push(norm);
                entries.push(Vec::new());
                patterns.len() - 1
            });
            entries[id].push(entry);
        };
        for (i, r) in set.rules.iter().enumerate() {
            for t in &r.terms {
                add(t, Target::Rule(i as u32));
            }
        }
        for (i, a) in set.allows.iter().enumerate() {
            for t in &a.terms {
                add(t, Target::Allow(i as u32));
            }
        }
        for (i, c) in set.combos.iter().enumerate() {
            for (g, terms) in [&c.first, &c.second].into_iter().enumerate() {
                for t in terms {
                    add(t, Target::Combo(i as u32, g as u8));
                }
            }
        }
        // Standard semantics so overlapping matches are all reported: an allow entry and
        // the risk term it overlaps must both be seen.
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("the lexicon is far below the automaton's size limits");
        Classifier { set, ac, entries }
    }

    /// The classifier for the rules compiled into the crate.
    pub fn builtin() -> Classifier {
        Classifier::new(Ruleset::builtin())
    }

    /// Parses `(file name, contents)` pairs (e.g. read by the backend from a rules
    /// directory) and compiles them. Use this to reload rules without a restart.
    ///
    /// # Errors
    ///
    /// See [`Ruleset::from_files`].
    pub fn from_ruleset_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Classifier, RulesetError> {
        Ok(Classifier::new(Ruleset::from_files(files)?))
    }

    /// The version of the compiled ruleset.
    pub fn ruleset_version(&self) -> &str {
        &self.set.version
    }

    /// The compiled ruleset.
    pub fn ruleset(&self) -> &Ruleset {
        &self.set
    }

    /// Classifies one message on its own. For split-number and repeat detection across a
    /// participant's messages, use [`crate::ParticipantWindow`].
    ///
    /// # Errors
    ///
    /// [`ClassifyError::TooLong`] for messages over [`MAX_INPUT_BYTES`].
    pub fn classify(&self, text: &str, context: Context) -> Result<Verdict, ClassifyError> {
        let analysis = self.analyze(text)?;
        Ok(self.finish(text, analysis, context))
    }

    pub(crate) fn analyze(&self, text: &str) -> Result<Analysis, ClassifyError> {
        if text.len() > MAX_INPUT_BYTES {
            return Err(ClassifyError::TooLong {
                len: text.len(),
                max: MAX_INPUT_BYTES,
            });
        }
        let mut events = Vec::new();
        let base = normalize::base_view(text, &mut events);
        let mv = normalize::match_view(&base, &mut events);
        let (mut hits, allowed) = self.lexicon_hits(&mv);
        let chars = Chars::new(&base);
        hits.extend(
            detect::detect(&chars, &self.set.places)
                .into_iter()
                .map(|f: Found| Hit {
                    start: f.start,
                    end: f.end,
                    category: f.category,
                    severity: f.severity,
                    rule: f.rule,
                    modifier: None,
                    mv: None,
                }),
        );
        Ok(Analysis {
            chars,
            match_text: mv.text,
            hits,
            allowed,
            events,
        })
    }

    /// Lexicon hits that survive the allow-list, and the ids of the allow entries used.
    fn lexicon_hits(&self, mv: &View) -> (Vec<Hit>, Vec<String>) {
        let text = mv.text.as_str();
        let mut risks: Vec<Hit> = Vec::new();
        let mut allows: Vec<(usize, usize, u32)> = Vec::new();
        let mut parts: Vec<(u32, u8, usize, usize)> = Vec::new();
        for m in self.ac.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            for entry in &self.entries[m.pattern().as_usize()] {
                if (entry.left && is_latin(before)) || (entry.right && is_latin(after)) {
                    continue;
                }
                match entry.target {
                    Target::Allow(i) => allows.push((s, e, i)),
                    Target::Combo(i, g) => parts.push((i, g, s, e)),
                    Target::Rule(i) => {
                        let r = &self.set.rules[i as usize];
                        let (os, oe) = mv.original_range(s, e);
                        risks.push(Hit {
                            start: os,
                            end: oe,
                            category: r.category,
                            severity: r.severity,
                            rule: r.id.clone(),
                            modifier: r.modifier.clone(),
                            mv: Some((s, e)),
                        });
                    }
                }
            }
        }
        self.combo_hits(&parts, mv, &mut risks);
        if risks.is_empty() {
            return (risks, Vec::new());
        }
        let mut risks = merge_overlapping(risks, mv);
        let range = |h: &Hit| h.mv.unwrap_or((0, 0));
        // Each allow match cancels the one risk span it overlaps most, never more: "死ぬ
        // ほど眠いけど本当に死にたい" keeps 死にたい.
        risks.sort_by_key(|h| range(h).0);
        let longest = risks
            .iter()
            .map(|h| range(h).1 - range(h).0)
            .max()
            .unwrap_or(0);
        let mut cancelled = vec![false; risks.len()];
        let mut used: Vec<String> = Vec::new();
        for (s, e, allow) in allows {
            let allow = &self.set.allows[allow as usize];
            let cat = allow.category;
            // Candidates start no earlier than `longest + NEAR` bytes before the allow match
            // and no later than NEAR bytes after it.
            let lo = risks.partition_point(|h| range(h).0 + longest + NEAR < s);
            let hi = risks.partition_point(|h| range(h).0 <= e + NEAR);
            let best = risks[lo..hi.max(lo)]
                .iter()
                .enumerate()
                .map(|(k, h)| (k + lo, h))
                .filter(|(i, h)| {
                    !cancelled[*i] && h.modifier.is_none() && cat.is_none_or(|c| c == h.category)
                })
                .filter_map(|(i, h)| {
                    let (hs, he) = range(h);
                    // A score: larger is a better fit; None is no fit.
                    let score = match allow.anchor {
                        Anchor::Overlap => e.min(he).saturating_sub(s.max(hs)),
                        Anchor::BeforeSpan => (s <= hs && e <= he && hs.saturating_sub(e) <= NEAR)
                            .then(|| NEAR + 1 - hs.saturating_sub(e))?,
                        Anchor::AfterSpan => (hs <= s && he <= e && s.saturating_sub(he) <= NEAR)
                            .then(|| NEAR + 1 - s.saturating_sub(he))?,
                    };
                    (score > 0).then_some((score, i))
                })
                .max_by_key(|&(score, i)| (score, std::cmp::Reverse(i)));
            if let Some((_, i)) = best {
                cancelled[i] = true;
                used.push(allow.id.clone());
            }
        }
        let mut i = 0;
        risks.retain(|_| {
            i += 1;
            !cancelled[i - 1]
        });
        used.sort();
        used.dedup();
        (risks, used)
    }

    /// Combos whose two groups matched near each other become one hit spanning both.
    fn combo_hits(&self, parts: &[(u32, u8, usize, usize)], mv: &View, out: &mut Vec<Hit>) {
        if parts.is_empty() {
            return;
        }
        let text = mv.text.as_str();
        for (ci, combo) in self.set.combos.iter().enumerate() {
            let ci = ci as u32;
            let firsts: Vec<&(u32, u8, usize, usize)> =
                parts.iter().filter(|p| p.0 == ci && p.1 == 0).collect();
            let mut seconds: Vec<&(u32, u8, usize, usize)> =
                parts.iter().filter(|p| p.0 == ci && p.1 == 1).collect();
            if firsts.is_empty() || seconds.is_empty() {
                continue;
            }
            seconds.sort_by_key(|p| p.2);
            // Only seconds starting within this many bytes of a first can be near it; the
            // bound keeps adversarial inputs (「死にたい」 × 50,000) linear.
            let reach = combo.within * 4 + parts.iter().map(|p| p.3 - p.2).max().unwrap_or(0);
            let mut near = None;
            for a in firsts {
                let lo = seconds.partition_point(|b| b.2 + reach < a.2);
                let hit = seconds[lo..]
                    .iter()
                    .take_while(|b| b.2 <= a.3 + reach)
                    .find(|b| {
                        let (gs, ge) = if a.3 <= b.2 { (a.3, b.2) } else { (b.3, a.2) };
                        // Overlapping parts are not two concepts.
                        ge >= gs && text[gs..ge].chars().count() <= combo.within
                    });
                if let Some(b) = hit {
                    near = Some((a, *b));
                    break;
                }
            }
            if let Some((a, b)) = near {
                let (s, e) = (a.2.min(b.2), a.3.max(b.3));
                let (os, oe) = mv.original_range(s, e);
                out.push(Hit {
                    start: os,
                    end: oe,
                    category: combo.category,
                    severity: combo.severity,
                    rule: combo.id.clone(),
                    modifier: None,
                    mv: Some((s, e)),
                });
            }
        }
    }

    pub(crate) fn finish(&self, text: &str, analysis: Analysis, context: Context) -> Verdict {
        let Analysis {
            mut hits,
            mut events,
            allowed,
            ..
        } = analysis;
        let mut extra_rules: Vec<String> = Vec::new();
        // Escalation: a modifier (a time, a means, a plan) next to a risk of its category.
        for esc in &self.set.escalations {
            let has_mod = hits.iter().any(|h| {
                h.category == esc.category
                    && h.modifier
                        .as_ref()
                        .is_some_and(|m| esc.modifiers.contains(m))
            });
            let strongest = hits
                .iter()
                .enumerate()
                .filter(|(_, h)| h.category == esc.category && h.modifier.is_none())
                .max_by_key(|(_, h)| h.severity)
                .map(|(i, _)| i);
            if let (true, Some(i)) = (has_mod, strongest) {
                if hits[i].severity < esc.to {
                    hits[i].severity = esc.to;
                    extra_rules.push(esc.id.clone());
                }
            }
        }
        // Modifiers are kept only when they explain an escalation.
        let escalated: Vec<Category> = self
            .set
            .escalations
            .iter()
            .filter(|e| extra_rules.contains(&e.id))
            .map(|e| e.category)
            .collect();
        hits.retain(|h| h.modifier.is_none() || escalated.contains(&h.category));
        hits.sort_by(|a, b| (a.start, b.end, &a.rule).cmp(&(b.start, a.end, &b.rule)));

        events.sort_unstable_by_key(|&(pos, _)| pos);
        let mut kinds: Vec<Obfuscation> = Vec::new();
        let spans: Vec<Span> = hits
            .iter()
            .map(|h| {
                let mut obfuscated = false;
                let first = events.partition_point(|&(pos, _)| (pos as usize) < h.start);
                for &(_, kind) in events[first..]
                    .iter()
                    .take_while(|&&(pos, _)| (pos as usize) < h.end)
                {
                    obfuscated = true;
                    if !kinds.contains(&kind) {
                        kinds.push(kind);
                    }
                }
                Span {
                    start: h.start,
                    end: h.end,
                    category: h.category,
                    severity: h.severity,
                    rule: h.rule.clone(),
                    text: text[h.start..h.end].to_string(),
                    obfuscated,
                }
            })
            .collect();
        kinds.sort();
        let categories: Vec<Category> = Category::ALL
            .into_iter()
            .filter(|c| {
                hits.iter()
                    .any(|h| h.category == *c && h.modifier.is_none())
            })
            .collect();
        let severity = hits
            .iter()
            .filter(|h| h.modifier.is_none())
            .map(|h| h.severity)
            .max()
            .unwrap_or(Severity::Info);
        let mut rules: Vec<String> = hits.iter().map(|h| h.rule.clone()).collect();
        rules.extend(extra_rules);
        rules.sort();
        rules.dedup();
        let decision = policy::decide(
            match context {
                Context::Counseling => &self.set.counseling,
                Context::Salon => &self.set.salon,
            },
            &spans,
        );
        let masked_text =
            (decision.action == crate::Action::Mask).then(|| policy::mask(text, &spans));
        Verdict {
            categories,
            severity,
            action: decision.action,
            alert_staff: decision.alert,
            support_reply: decision.support_reply,
            masked_text,
            spans,
            rules,
            allowed,
            ruleset_version: self.set.version.clone(),
            obfuscated: !kinds.is_empty(),
            obfuscation: kinds,
        }
    }
}

impl Hit {
    pub(crate) fn structural(
        start: usize,
        end: usize,
        category: Category,
        severity: Severity,
        rule: &str,
    ) -> Hit {
        Hit {
            start,
            end,
            category,
            severity,
            rule: rule.to_string(),
            modifier: None,
            mv: None,
        }
    }
}
