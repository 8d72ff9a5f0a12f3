//! The classifier: one Aho-Corasick automaton over the normalised lexicon, the structural
//! detectors, allow-list cancellation, escalation, and the policy of the context.

use std::cell::RefCell;
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::decode::{self, Hint, Hints};
use crate::detect::{self, Found};
use crate::model::{self, Model, MODELLED};
use crate::normalize::{self, Chars, MatchScratch, Obfuscation, View};
use crate::policy;
use crate::ruleset::{Anchor, ModelUse, Ruleset, RulesetError};
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
    /// A term that disables allow entry `u32` for the whole message.
    Unless(u32),
    /// A message naming a code it is written in (逆から読んで, ポケベル, 縦読み).
    Hint(Hint),
}

/// What a match of one pattern means, for the terms of that pattern that need the same
/// boundaries, as the classifier is compiled; [`Meanings`] holds it flattened.
struct Entries {
    /// What may not stand right before the match: a term starting with a Latin letter
    /// needs a Latin word boundary, a term of digits only a number boundary (the helpline
    /// 112 is not inside an ID written momo_1122).
    left: Edge,
    /// The same for the end of the match.
    right: Edge,
    /// Whether the message must write the match in katakana, as the term is (a term
    /// written `=カッター`): folded to hiragana, カッター and the past tense かった are the
    /// same letters.
    katakana: bool,
    targets: Vec<Target>,
    /// The combo groups the terms belong to, as combo index × 2 + group. Kept apart from
    /// `targets` as common words (自分, 体, "me") are parts of hundreds of combos, of which a
    /// message seldom completes one.
    combo_groups: Vec<u32>,
}

/// One [`Entries`], its lists given as ranges of [`Meanings`]' lists.
#[derive(Debug, Clone, Copy)]
struct Meaning {
    left: Edge,
    right: Edge,
    katakana: bool,
    targets: (u32, u32),
    combo_groups: (u32, u32),
}

/// The meanings of every pattern of the automaton in four flat lists. A message matches a
/// dozen patterns scattered over tens of thousands; a list per pattern cost a cache miss
/// per pointer followed, and reading the matches' meanings took a sixth of a message's time
/// (`docs/performance.md`).
#[derive(Debug, Clone)]
struct Meanings {
    /// Pattern `p`'s meanings are `meanings[first[p]..first[p + 1]]`.
    first: Vec<u32>,
    meanings: Vec<Meaning>,
    targets: Vec<Target>,
    combo_groups: Vec<u32>,
}

impl Meanings {
    fn flatten(per_pattern: Vec<Vec<Entries>>) -> Meanings {
        let mut m = Meanings {
            first: Vec::with_capacity(per_pattern.len() + 1),
            meanings: Vec::new(),
            targets: Vec::new(),
            combo_groups: Vec::new(),
        };
        let range = |start: usize, end: usize| (start as u32, end as u32);
        for entries in per_pattern {
            m.first.push(m.meanings.len() as u32);
            for e in entries {
                let (t, c) = (m.targets.len(), m.combo_groups.len());
                m.targets.extend(e.targets);
                m.combo_groups.extend(e.combo_groups);
                m.meanings.push(Meaning {
                    left: e.left,
                    right: e.right,
                    katakana: e.katakana,
                    targets: range(t, m.targets.len()),
                    combo_groups: range(c, m.combo_groups.len()),
                });
            }
        }
        m.first.push(m.meanings.len() as u32);
        m
    }

    /// The meanings of `pattern`, with their indices.
    fn of(&self, pattern: usize) -> impl Iterator<Item = (u32, &Meaning)> {
        let (s, e) = (self.first[pattern], self.first[pattern + 1]);
        (s..e).zip(&self.meanings[s as usize..e as usize])
    }

    fn targets(&self, m: &Meaning) -> &[Target] {
        &self.targets[m.targets.0 as usize..m.targets.1 as usize]
    }

    fn combo_groups(&self, meaning: u32) -> &[u32] {
        let (s, e) = self.meanings[meaning as usize].combo_groups;
        &self.combo_groups[s as usize..e as usize]
    }
}

/// A compiled ruleset. Cheap to share behind an `Arc`; `classify` takes `&self`.
#[derive(Debug, Clone)]
pub struct Classifier {
    set: Ruleset,
    ac: AhoCorasick,
    /// What each pattern of `ac` means.
    meanings: Meanings,
    /// The learned second opinion, when the ruleset has `[[model]]` entries.
    model: Option<&'static Model>,
}

/// One finding before it becomes a span. Rule ids and modifier tags are borrowed from the
/// classifier's ruleset (or are static), so a hit costs no allocation.
#[derive(Debug, Clone)]
pub(crate) struct Hit<'r> {
    pub start: usize,
    pub end: usize,
    pub category: Category,
    pub severity: Severity,
    pub rule: &'r str,
    pub modifier: Option<&'r str>,
    /// Range in the match view, for allow-list overlap (lexicon hits only).
    mv: Option<(usize, usize)>,
}

/// Everything learned about one message before the policy is applied. The views it was
/// computed from stay in the [`Scratch`] it was analysed with.
pub(crate) struct Analysis<'r> {
    pub hits: Vec<Hit<'r>>,
    allowed: Vec<&'r str>,
    /// The allow entries that matched, whether or not they cancelled a span.
    everyday: Vec<Everyday>,
    /// Ranges of the message where a decoded reading found something: the model reads the
    /// code's surface there (binary or letter numbers look like a phone number), not what
    /// it says.
    decoded: Vec<(usize, usize)>,
}

/// An allow entry's reach in a message: the category it calls everyday (`None`: every
/// category) and the match-view byte range of its match and of the characters beside it
/// where it may cancel a span (`within`, on the side its anchor names).
#[derive(Debug, Clone, Copy)]
struct Everyday {
    category: Option<Category>,
    start: usize,
    end: usize,
}

impl Everyday {
    fn applies_to(&self, category: Category) -> bool {
        self.category.is_none_or(|c| c == category)
    }

    fn covers(&self, category: Category, at: usize) -> bool {
        self.applies_to(category) && self.start <= at && at < self.end
    }
}

/// What the lexicon finds in a match view.
struct LexiconReading<'r> {
    /// Hits that survive the allow-list.
    hits: Vec<Hit<'r>>,
    /// Ids of the allow entries that cancelled a hit.
    allowed: Vec<&'r str>,
    /// See [`Analysis::everyday`].
    everyday: Vec<Everyday>,
    /// The codes the message names.
    hints: Hints,
}

/// Reused working memory of one classification: the two views and the obfuscation events.
/// Kept per thread so a call allocates only for its verdict.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// The base view, for the match view, the structural detectors and the window.
    pub chars: Chars,
    mv: View,
    matching: MatchScratch,
    pub events: Vec<(u32, Obfuscation)>,
    /// Once the learned model finds something: the match-view byte offset of each
    /// character it read.
    model_places: Vec<usize>,
    lexicon: LexiconScratch,
}

/// The lexicon's working lists, kept between messages so a call does not grow them anew.
/// (Hits borrow from the classifier, so they cannot be kept here.)
#[derive(Debug, Default)]
struct LexiconScratch {
    /// Allow matches: match-view range and allow entry.
    allows: Vec<(usize, usize, u32)>,
    /// Matches of patterns that are combo parts: index of the [`Meaning`], match-view
    /// range.
    combo_matches: Vec<(u32, usize, usize)>,
    /// Parts of combos whose two groups both matched: combo, group, match-view range.
    parts: Vec<(u32, u8, usize, usize)>,
    /// Allow entries an `unless` term disabled.
    vetoed: Vec<u32>,
    /// Per combo with parts: combo, number of firsts, number of seconds.
    groups: Vec<(u32, usize, usize)>,
    /// Per combo, the groups seen in this message (bit 0 first, bit 1 second).
    seen: Vec<u8>,
    /// Whether some combo has had both its groups seen.
    paired: bool,
    /// Which risks an allow match cancelled.
    cancelled: Vec<bool>,
}

impl LexiconScratch {
    fn clear(&mut self, combos: usize) {
        // A byte per combo: setting them all to zero costs less than keeping stamps.
        self.seen.clear();
        self.seen.resize(combos, 0);
        self.paired = false;
        self.allows.clear();
        self.combo_matches.clear();
        self.parts.clear();
        self.vetoed.clear();
        self.groups.clear();
        self.cancelled.clear();
    }

    /// Notes a match that is a part of the combo groups `groups` (combo × 2 + group).
    fn mark(&mut self, groups: &[u32]) {
        for &cg in groups {
            let seen = &mut self.seen[(cg >> 1) as usize];
            *seen |= 1 << (cg & 1);
            self.paired |= *seen == 0b11;
        }
    }

    /// Lists the parts of the combos whose two groups both matched. A message can match
    /// hundreds of combo groups of which a handful pair up; only those are listed.
    fn list_pairable_parts(&mut self, meanings: &Meanings) {
        let LexiconScratch {
            combo_matches,
            parts,
            seen,
            paired,
            ..
        } = self;
        if !*paired {
            return;
        }
        for &(meaning, s, e) in combo_matches.iter() {
            for &cg in meanings.combo_groups(meaning) {
                let ci = cg >> 1;
                if seen[ci as usize] == 0b11 {
                    parts.push((ci, (cg & 1) as u8, s, e));
                }
            }
        }
    }

    fn shrink(&mut self, max: usize) {
        if self.parts.capacity() > max || self.allows.capacity() > max {
            *self = LexiconScratch::default();
        }
    }
}

impl Scratch {
    /// The match view's text of the last message analysed.
    pub fn match_text(&self) -> &str {
        &self.mv.text
    }

    /// Drops the buffers of an unusually large message so a thread does not keep them.
    fn shrink(&mut self) {
        const KEEP: usize = 16 * 1024;
        self.mv.shrink(KEEP);
        self.matching.shrink(KEEP);
        self.chars.shrink(KEEP);
        if self.events.capacity() > KEEP {
            self.events = Vec::new();
        }
        if self.model_places.capacity() > KEEP {
            self.model_places = Vec::new();
        }
        self.lexicon.shrink(KEEP);
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's scratch memory (a fresh one if it is already in use).
pub(crate) fn with_scratch<T>(f: impl FnOnce(&mut Scratch) -> T) -> T {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            let out = f(&mut scratch);
            scratch.shrink();
            out
        }
        Err(_) => f(&mut Scratch::default()),
    })
}

/// The fewest non-space characters the learned model scores.
const MODEL_MIN_CHARS: usize = 10;

/// What ends a sentence for an allow entry beside a self-harm finding.
const FULL_STOPS: [char; 3] = ['。', '.', '\n'];

/// What separates the items of a list.
const COMMAS: [char; 3] = ['、', ',', '，'];

/// Whether the sentence around `start..end` of `text` is a list: four or more items
/// between commas (「英語の小テスト、昼はパン、部活、帰って…」).
fn in_a_list(text: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
        return false;
    };
    // The full stops are one byte in `.` and `\n`, three in 。.
    let from = before.rfind(FULL_STOPS).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let to = after.find(FULL_STOPS).map_or(after.len(), |i| i);
    let commas = |t: &str| t.matches(COMMAS).count();
    commas(&before[from..]) + commas(&text[start..end]) + commas(&after[..to]) >= 3
}

/// How far (in match-view bytes, about four kana) a `before_span`/`after_span` allow entry
/// may sit from the span it cancels.
const NEAR: usize = 12;

/// Overlapping hits of the same category are one finding: "lets meet" and "meet up" in
/// "lets meet up" become one span (the union, with the most severe rule's id), so one
/// allow entry cancels the finding as a whole.
fn merge_overlapping(hits: &mut Vec<Hit<'_>>, mv: &View) {
    hits.sort_by_key(|h| (h.category, h.modifier.is_some(), h.mv.map(|r| r.0)));
    // `dedup_by` hands each hit with the last one kept; merging into that one drops it.
    hits.dedup_by(|h, last| {
        let (ls, le) = last.mv.unwrap_or((0, 0));
        let (hs, he) = h.mv.unwrap_or((0, 0));
        if last.category != h.category
            || last.modifier.is_some()
            || h.modifier.is_some()
            || hs >= le
        {
            return false;
        }
        let (s, e) = (ls.min(hs), le.max(he));
        let (os, oe) = mv.original_range(s, e);
        if h.severity > last.severity || (h.severity == last.severity && he - hs > le - ls) {
            last.rule = h.rule;
            last.severity = h.severity;
        }
        last.mv = Some((s, e));
        last.start = os;
        last.end = oe;
        true
    });
}

/// A character put between letters to spell a word out: spaces, invisible characters and
/// a few marks. Not 、 or 。, which end a clause (「楽だし、ねえ」).
fn is_gap(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00ad}' | '\u{200b}'
                ..='\u{200f}' | '\u{2060}' | '\u{feff}' | '.' | '_' | '-' | '*' | '/' | '・' | '･'
        )
}

/// Whether the original text behind match-view bytes `s..e` contains hiragana.
fn written_with_hiragana(original: &str, mv: &View, s: usize, e: usize) -> bool {
    let (os, oe) = mv.original_range(s, e);
    original[os..oe]
        .chars()
        .any(|c| matches!(c, '\u{3041}'..='\u{309f}'))
}

fn is_latin(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_lowercase())
}

/// The kind of boundary a term's edge needs in the match view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    /// None: Japanese terms, and `*` ends.
    Free,
    /// No Latin letter next to it.
    Latin,
    /// No digit next to it (the match view may join a number to the word before it).
    Number,
}

impl Edge {
    /// `c` is the term's first or last character; a term made only of digits (a helpline
    /// number) is a number, and needs number boundaries on both sides.
    fn of(term: &str, c: Option<char>, wild: bool) -> Edge {
        match c {
            _ if wild => Edge::Free,
            Some(c) if c.is_ascii_lowercase() => Edge::Latin,
            _ if term.chars().all(|c| c.is_ascii_digit()) => Edge::Number,
            _ => Edge::Free,
        }
    }

    /// Whether `neighbour` keeps a match with this edge from counting.
    fn blocked_by(self, neighbour: Option<char>) -> bool {
        match self {
            Edge::Free => false,
            Edge::Latin => is_latin(neighbour),
            Edge::Number => neighbour.is_some_and(|c| c.is_ascii_digit()),
        }
    }
}

impl Classifier {
    /// Compiles a ruleset.
    pub fn new(set: Ruleset) -> Classifier {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<Entries>> = Vec::new();
        let mut add = |term: &str, meaning: &dyn Fn(&mut Entries)| {
            let (term, katakana) = match term.strip_prefix('=') {
                Some(rest) => (rest, true),
                None => (term, false),
            };
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
            let left = Edge::of(&norm, norm.chars().next(), left_wild);
            let right = Edge::of(&norm, norm.chars().next_back(), right_wild);
            let id = *index.entry(norm.clone()).or_insert_with(|| {
                patterns.push(norm);
                entries.push(Vec::new());
                patterns.len() - 1
            });
            let same = entries[id]
                .iter()
                .position(|x| (x.left, x.right, x.katakana) == (left, right, katakana));
            let k = same.unwrap_or_else(|| {
                entries[id].push(Entries {
                    left,
                    right,
                    katakana,
                    targets: Vec::new(),
                    combo_groups: Vec::new(),
                });
                entries[id].len() - 1
            });
            meaning(&mut entries[id][k]);
        };
        for (i, r) in set.rules.iter().enumerate() {
            for t in &r.terms {
                add(t, &|x| x.targets.push(Target::Rule(i as u32)));
            }
        }
        for (i, a) in set.allows.iter().enumerate() {
            for t in &a.terms {
                add(t, &|x| x.targets.push(Target::Allow(i as u32)));
            }
        }
        for (i, a) in set.allows.iter().enumerate() {
            for t in &a.unless {
                add(t, &|x| x.targets.push(Target::Unless(i as u32)));
            }
        }
        for h in Hint::ALL {
            for t in h.markers() {
                add(t, &|x| x.targets.push(Target::Hint(h)));
            }
        }
        for (i, c) in set.combos.iter().enumerate() {
            for (g, terms) in [&c.first, &c.second].into_iter().enumerate() {
                for t in terms {
                    add(t, &|x| x.combo_groups.push((i * 2 + g) as u32));
                }
            }
        }
        // Standard semantics so overlapping matches are all reported: an allow entry and
        // the risk term it overlaps must both be seen.
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("the lexicon is far below the automaton's size limits");
        let model = (!set.model.is_empty()).then(model::builtin);
        Classifier {
            set,
            ac,
            meanings: Meanings::flatten(entries),
            model,
        }
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
        with_scratch(|scratch| {
            let analysis = self.analyze(text, scratch)?;
            Ok(self.finish(text, analysis, &mut scratch.events, context))
        })
    }

    /// Everything the lexicon, the detectors and the learned model find in `text`.
    pub(crate) fn analyze<'r>(
        &'r self,
        text: &str,
        scratch: &mut Scratch,
    ) -> Result<Analysis<'r>, ClassifyError> {
        let mut analysis = self.read(text, scratch, true)?;
        self.second_opinion(&scratch.mv, &mut scratch.model_places, &mut analysis);
        Ok(analysis)
    }

    /// What the lexicon and the detectors find, in the message as written and, with
    /// `decode`, in every other reading it calls for: backwards when it asks for that, and
    /// the readings of [`decode::readings`]. Those readings are read without `decode`, so a
    /// code named again in its own decoding (狸) cannot recurse.
    fn read<'r>(
        &'r self,
        text: &str,
        scratch: &mut Scratch,
        decode: bool,
    ) -> Result<Analysis<'r>, ClassifyError> {
        if text.len() > MAX_INPUT_BYTES {
            return Err(ClassifyError::TooLong {
                len: text.len(),
                max: MAX_INPUT_BYTES,
            });
        }
        let Scratch {
            mv,
            matching,
            chars,
            events,
            lexicon,
            ..
        } = scratch;
        events.clear();
        normalize::base_view_into(text, events, chars);
        normalize::match_view_into(chars, events, matching, mv);
        let LexiconReading {
            mut hits,
            allowed,
            everyday,
            hints,
        } = self.lexicon_hits(mv, text, lexicon);
        let mut found: Vec<Found<'r>> = Vec::new();
        detect::detect(chars, &self.set.places, &mut found);
        hits.extend(found.into_iter().map(|f| Hit {
            start: f.start,
            end: f.end,
            category: f.category,
            severity: f.severity,
            rule: f.rule,
            modifier: None,
            mv: None,
        }));
        if !decode {
            return Ok(Analysis {
                hits,
                allowed,
                everyday,
                decoded: Vec::new(),
            });
        }
        let mut decoded = Vec::new();
        // A right-to-left override (U+202E) shows text stored back to front the right way
        // round: read without it, the message is backwards.
        if hints.has(Hint::Backwards) || text.contains('\u{202E}') {
            // 「いたにし（逆から読んで）」, "080 … read it backwards": the message read
            // back to front. A range of the reversed text maps to the mirrored range of
            // the original (each character keeps its length), so spans stay on its
            // character boundaries.
            let reversed: String = text.chars().rev().collect();
            let len = text.len();
            let mut inner = Scratch::default();
            let mut back = self.read(&reversed, &mut inner, false)?;
            // Turned around, the message is prose again: the model reads it too.
            self.second_opinion(&inner.mv, &mut inner.model_places, &mut back);
            for h in back.hits {
                events.push(((len - h.end) as u32, Obfuscation::Reversed));
                decoded.push((len - h.end, len - h.start));
                hits.push(Hit {
                    start: len - h.end,
                    end: len - h.start,
                    mv: None,
                    ..h
                });
            }
        }
        for reading in decode::readings(text, hints) {
            // Each decoded character keeps the original range it came from, so a finding
            // maps back to the range between the first and last characters it covers.
            let mut inner = Scratch::default();
            let mut found = self.read(&reading.text, &mut inner, false)?;
            if reading.prose {
                self.second_opinion(&inner.mv, &mut inner.model_places, &mut found);
            }
            for h in found.hits {
                if let Some((start, end)) = reading.original_range(h.start, h.end) {
                    events.push((start as u32, reading.kind));
                    decoded.push((start, end));
                    hits.push(Hit {
                        start,
                        end,
                        mv: None,
                        ..h
                    });
                }
            }
        }
        Ok(Analysis {
            hits,
            allowed,
            everyday,
            decoded,
        })
    }

    /// The learned model's findings, for the categories of the `[[model]]` entries that
    /// nothing else found. Where the allow-list calls words of the message everyday for a
    /// category, the model must find that category both in the whole message and in the
    /// rest of it: 「ノートの写真送って」 matches a school-photo entry and the rest, 送って,
    /// is not sexual; "I don't want to die, I'm just tired" keeps its negation. An allow
    /// entry cancels its own words, never the whole message, so a risk written beside an
    /// everyday phrase is still read (until ruleset `.23` any everyday word of the category
    /// silenced the model for the whole message). Each span is the run of characters that
    /// weighed most.
    fn second_opinion<'r>(
        &'r self,
        mv: &View,
        places: &mut Vec<usize>,
        analysis: &mut Analysis<'r>,
    ) {
        let Some(model) = self.model else { return };
        let Analysis {
            hits,
            everyday,
            decoded,
            ..
        } = analysis;
        let chars = &mv.letters;
        places.clear();
        // A few characters make too few n-grams for a score to mean anything.
        if chars.len() < MODEL_MIN_CHARS {
            return;
        }
        let p = model.probabilities(chars);
        let above = |u: &&ModelUse| {
            MODELLED
                .iter()
                .position(|&c| c == u.category)
                .is_some_and(|k| p[k] >= u.threshold)
        };
        if !self.set.model.iter().any(|u| above(&u)) {
            return;
        }
        // Where each character is, for the spans (most messages stop above).
        places.extend(
            mv.text
                .char_indices()
                .filter(|&(_, c)| c != ' ')
                .map(|(i, _)| i),
        );
        for u in &self.set.model {
            let k = MODELLED.iter().position(|&c| c == u.category);
            let Some(k) = k else { continue };
            if p[k] < u.threshold
                || hits
                    .iter()
                    .any(|h| h.category == u.category && h.modifier.is_none())
            {
                continue;
            }
            // Everyday words of this category in the message: the model must also find
            // the category in the rest of it, and the span is taken from the rest.
            let (s, e) = if everyday.iter().any(|d| d.applies_to(u.category)) {
                let (rest, at): (Vec<char>, Vec<usize>) = chars
                    .iter()
                    .zip(places.iter())
                    .filter(|&(_, &at)| !everyday.iter().any(|d| d.covers(u.category, at)))
                    .unzip();
                if rest.len() < MODEL_MIN_CHARS || model.probabilities(&rest)[k] < u.threshold {
                    continue;
                }
                let (first, last) = model.strongest_run(&rest, u.category);
                (at[first], at[last] + rest[last].len_utf8())
            } else {
                let (first, last) = model.strongest_run(chars, u.category);
                (places[first], places[last] + chars[last].len_utf8())
            };
            let (os, oe) = mv.original_range(s, e);
            if decoded.iter().any(|&(ds, de)| ds <= os && oe <= de) {
                continue;
            }
            hits.push(Hit {
                start: os,
                end: oe,
                category: u.category,
                severity: u.severity,
                rule: &u.id,
                modifier: None,
                mv: Some((s, e)),
            });
        }
    }

    /// What the lexicon finds in the match view `mv`; `original` is the message the views
    /// were made from.
    fn lexicon_hits<'r>(
        &'r self,
        mv: &View,
        original: &str,
        scratch: &mut LexiconScratch,
    ) -> LexiconReading<'r> {
        let text = mv.text.as_str();
        scratch.clear(self.set.combos.len());
        let mut risks: Vec<Hit<'r>> = Vec::new();
        let mut hints = Hints::default();
        for m in self.ac.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            let pattern = m.pattern().as_usize();
            for (index, meaning) in self.meanings.of(pattern) {
                if meaning.left.blocked_by(before) || meaning.right.blocked_by(after) {
                    continue;
                }
                if meaning.katakana && written_with_hiragana(original, mv, s, e) {
                    continue;
                }
                let groups = self.meanings.combo_groups(index);
                if !groups.is_empty() {
                    scratch.mark(groups);
                    scratch.combo_matches.push((index, s, e));
                }
                for &target in self.meanings.targets(meaning) {
                    match target {
                        Target::Allow(i) => scratch.allows.push((s, e, i)),
                        Target::Unless(i) => scratch.vetoed.push(i),
                        Target::Hint(h) => hints.add(h),
                        Target::Rule(i) => {
                            let r = &self.set.rules[i as usize];
                            let (os, oe) = mv.original_range(s, e);
                            if r.spaced_only && !original[os..oe].chars().any(is_gap) {
                                continue;
                            }
                            risks.push(Hit {
                                start: os,
                                end: oe,
                                category: r.category,
                                severity: r.severity,
                                rule: &r.id,
                                modifier: r.modifier.as_deref(),
                                mv: Some((s, e)),
                            });
                        }
                    }
                }
            }
        }
        let mut used: Vec<&'r str> = Vec::new();
        scratch.list_pairable_parts(&self.meanings);
        let LexiconScratch {
            allows,
            parts,
            vetoed,
            groups,
            cancelled,
            ..
        } = scratch;
        self.combo_hits(parts, groups, mv, allows, vetoed, &mut used, &mut risks);
        let everyday: Vec<Everyday> = allows
            .iter()
            .filter(|a| !vetoed.contains(&a.2))
            .map(|&(start, end, i)| {
                let allow = &self.set.allows[i as usize];
                let w = allow.within.unwrap_or(4);
                let (before, after) = match allow.anchor {
                    Anchor::Overlap => (0, 0),
                    Anchor::BeforeSpan => (0, w),
                    Anchor::AfterSpan => (w, 0),
                    Anchor::Near => (w, w),
                };
                let start = match before {
                    0 => start,
                    n => text[..start]
                        .char_indices()
                        .rev()
                        .nth(n - 1)
                        .map_or(0, |(i, _)| i),
                };
                let end = text[end..]
                    .char_indices()
                    .nth(after)
                    .map_or(text.len(), |(i, _)| end + i);
                Everyday {
                    category: allow.category,
                    start,
                    end,
                }
            })
            .collect();
        if risks.is_empty() {
            used.sort();
            used.dedup();
            return LexiconReading {
                hits: risks,
                allowed: used,
                everyday,
                hints,
            };
        }
        merge_overlapping(&mut risks, mv);
        let range = |h: &Hit| h.mv.unwrap_or((0, 0));
        // Each allow match cancels the one risk span it overlaps most, never more: "死ぬ
        // ほど眠いけど本当に死にたい" keeps 死にたい.
        risks.sort_by_key(|h| range(h).0);
        let longest = risks
            .iter()
            .map(|h| range(h).1 - range(h).0)
            .max()
            .unwrap_or(0);
        cancelled.resize(risks.len(), false);
        for &(s, e, allow_index) in allows.iter() {
            if vetoed.contains(&allow_index) {
                continue;
            }
            let allow = &self.set.allows[allow_index as usize];
            let cat = allow.category;
            // The reach in bytes: NEAR by default; `within` characters of up to four bytes.
            let near = allow.within.map_or(NEAR, |w| w * 4);
            // Candidates start no earlier than `longest + near` bytes before the allow match
            // and no later than `near` bytes after it.
            let lo = risks.partition_point(|h| range(h).0 + longest + near < s);
            let hi = risks.partition_point(|h| range(h).0 <= e + near);
            // The distance between two byte offsets of the match view, in the unit the
            // entry is written in: bytes by default, characters with `within`.
            let gap = |a: usize, b: usize| -> usize {
                match allow.within {
                    None => b.saturating_sub(a),
                    Some(_) if b > a => text[a..b].chars().count(),
                    Some(_) => 0,
                }
            };
            let limit = allow.within.unwrap_or(NEAR);
            let best = risks[lo..hi.max(lo)]
                .iter()
                .enumerate()
                .map(|(k, h)| (k + lo, h))
                .filter(|(i, h)| {
                    !cancelled[*i] && h.modifier.is_none() && cat.is_none_or(|c| c == h.category)
                })
                .filter_map(|(i, h)| {
                    let (hs, he) = range(h);
                    // A self-harm finding is a sentence of its own: an everyday word
                    // before the full stop ahead of it, or after the one behind it, does
                    // not speak for it (「練炭ってどこで買える。キャンプ用って言えば…」).
                    // In a list (a sentence of four or more items between commas) each
                    // item is one: 「…プリント提出、遺書の続き書く、洗濯」. Exclamation and
                    // question marks join a farewell to its occasion (「卒業式終わった！…
                    // もう心残りない！」), and one comma a topic to what is said of it
                    // (「このラジオ、今夜でお別れです」).
                    let apart = || {
                        if h.category != Category::SelfHarm {
                            return false;
                        }
                        let (os, oe) = mv.original_range(s, e);
                        let between = if oe <= h.start {
                            original.get(oe..h.start)
                        } else {
                            original.get(h.end..os)
                        };
                        let Some(between) = between else {
                            return false;
                        };
                        between.contains(FULL_STOPS)
                            || (between.contains(COMMAS) && in_a_list(original, h.start, h.end))
                    };
                    // A score: larger is a better fit; None is no fit.
                    let score = match allow.anchor {
                        // More than half of the finding must be inside the allow match:
                        // 「親に殺される」 cancels that phrase, not a finding merged from it
                        // and a real disclosure next to it (「…本当に殴られる」).
                        Anchor::Overlap => {
                            let shared = e.min(he).saturating_sub(s.max(hs));
                            if shared * 2 > he - hs {
                                shared
                            } else {
                                0
                            }
                        }
                        // Wholly before or after: "never" at the start of "never wake up"
                        // is part of the finding, not a negation of it.
                        Anchor::BeforeSpan => (e <= hs && gap(e, hs) <= limit && !apart())
                            .then(|| limit + 1 - gap(e, hs))?,
                        Anchor::AfterSpan => (he <= s && gap(he, s) <= limit && !apart())
                            .then(|| limit + 1 - gap(he, s))?,
                        Anchor::Near => {
                            // Either side, or overlapping (distance 0).
                            let d = if e <= hs {
                                gap(e, hs)
                            } else if he <= s {
                                gap(he, s)
                            } else {
                                0
                            };
                            (d <= limit && !apart()).then(|| limit + 1 - d)?
                        }
                    };
                    (score > 0).then_some((score, i))
                })
                .max_by_key(|&(score, i)| (score, std::cmp::Reverse(i)));
            if let Some((_, i)) = best {
                cancelled[i] = true;
                used.push(&allow.id);
            }
        }
        let mut i = 0;
        risks.retain(|_| {
            i += 1;
            !cancelled[i - 1]
        });
        used.sort();
        used.dedup();
        LexiconReading {
            hits: risks,
            allowed: used,
            everyday,
            hints,
        }
    }

    /// Combos whose two groups matched near each other become one hit spanning both.
    ///
    /// An overlap allow match that holds one part of a pair and reaches past the pair's
    /// outer edge gives that part another meaning, so the pair is not a combo: "beat me at"
    /// in "my brother beat me at chess" (the ids of such entries go to `used`). An allow
    /// match that reaches inwards, towards the other part (「母に殺される…叩いてきた」),
    /// leaves the pair alone.
    #[allow(clippy::too_many_arguments)] // the lexicon's working lists, passed apart
    fn combo_hits<'r>(
        &'r self,
        parts: &mut [(u32, u8, usize, usize)],
        groups: &mut Vec<(u32, usize, usize)>,
        mv: &View,
        allows: &[(usize, usize, u32)],
        vetoed: &[u32],
        used: &mut Vec<&'r str>,
        out: &mut Vec<Hit<'r>>,
    ) {
        if parts.is_empty() {
            return;
        }
        let text = mv.text.as_str();
        // Only seconds starting within this many bytes of a first can be near it; the
        // bound keeps adversarial inputs (「死にたい」 × 50,000) linear.
        let longest_part = parts.iter().map(|p| p.3 - p.2).max().unwrap_or(0);
        // Group by combo, then by group; firsts in match order (by end, then start, as the
        // automaton reports them), and each combo's seconds by start below. An unstable
        // sort on the whole key needs no buffer.
        parts.sort_unstable_by_key(|p| (p.0, p.1, p.3, p.2));
        let mut rest: &[(u32, u8, usize, usize)] = parts;
        while let Some(&(ci, _, _, _)) = rest.first() {
            let len = rest.iter().take_while(|p| p.0 == ci).count();
            let nfirst = rest[..len].iter().take_while(|p| p.1 == 0).count();
            groups.push((ci, nfirst, len - nfirst));
            rest = &rest[len..];
        }
        let mut at = 0;
        for &(ci, nfirst, nsecond) in groups.iter() {
            let (firsts, tail) = parts[at..].split_at_mut(nfirst);
            let seconds = &mut tail[..nsecond];
            at += nfirst + nsecond;
            if firsts.is_empty() || seconds.is_empty() {
                continue;
            }
            let combo = &self.set.combos[ci as usize];
            seconds.sort_by_key(|p| p.2);
            let reach = combo.within * 4 + longest_part;
            let redefining = |a: &(u32, u8, usize, usize), b: &(u32, u8, usize, usize)| {
                let (s, e) = (a.2.min(b.2), a.3.max(b.3));
                allows.iter().find(|&&(as_, ae, ai)| {
                    let allow = &self.set.allows[ai as usize];
                    allow.anchor == Anchor::Overlap
                        && allow.category.is_none_or(|c| c == combo.category)
                        && [a, b].iter().any(|p| {
                            as_ <= p.2
                                && p.3 <= ae
                                && ((p.2 == s && as_ < s) || (p.3 == e && ae > e))
                        })
                        && !vetoed.contains(&ai)
                })
            };
            let mut near = None;
            for a in firsts.iter() {
                let lo = seconds.partition_point(|b| b.2 + reach < a.2);
                let hit = seconds[lo..]
                    .iter()
                    .take_while(|b| b.2 <= a.3 + reach)
                    .find(|b| {
                        let (gs, ge) = if a.3 <= b.2 { (a.3, b.2) } else { (b.3, a.2) };
                        // Overlapping parts are not two concepts.
                        if !(ge >= gs && text[gs..ge].chars().count() <= combo.within) {
                            return false;
                        }
                        match redefining(a, b) {
                            Some(&(_, _, ai)) => {
                                used.push(&self.set.allows[ai as usize].id);
                                false
                            }
                            None => true,
                        }
                    });
                if let Some(b) = hit {
                    near = Some((*a, *b));
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
                    rule: &combo.id,
                    modifier: None,
                    mv: Some((s, e)),
                });
            }
        }
    }

    pub(crate) fn finish(
        &self,
        text: &str,
        analysis: Analysis<'_>,
        events: &mut [(u32, Obfuscation)],
        context: Context,
    ) -> Verdict {
        let Analysis {
            mut hits, allowed, ..
        } = analysis;
        let mut extra_rules: Vec<&str> = Vec::new();
        // Escalation: a modifier (a time, a means, a plan) next to a risk of its category.
        for esc in &self.set.escalations {
            let has_mod = hits.iter().any(|h| {
                h.category == esc.category
                    && h.modifier
                        .is_some_and(|m| esc.modifiers.iter().any(|e| e == m))
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
                    extra_rules.push(&esc.id);
                }
            }
        }
        // Modifiers are kept only when they explain an escalation.
        let escalated: Vec<Category> = self
            .set
            .escalations
            .iter()
            .filter(|e| extra_rules.contains(&e.id.as_str()))
            .map(|e| e.category)
            .collect();
        hits.retain(|h| h.modifier.is_none() || escalated.contains(&h.category));
        hits.sort_by(|a, b| (a.start, b.end, a.rule).cmp(&(b.start, a.end, b.rule)));
        // A decoded reading may find what the message itself shows (romaji digit words
        // read as kana): one span for the same words and rule.
        hits.dedup_by(|a, b| {
            (a.start, a.end, a.rule, a.category, a.severity)
                == (b.start, b.end, b.rule, b.category, b.severity)
        });

        // The events are read only inside spans.
        if !hits.is_empty() {
            events.sort_unstable_by_key(|&(pos, _)| pos);
        }
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
                    rule: h.rule.to_string(),
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
        let mut rule_ids: Vec<&str> = hits.iter().map(|h| h.rule).collect();
        rule_ids.extend(extra_rules);
        rule_ids.sort_unstable();
        rule_ids.dedup();
        let rules: Vec<String> = rule_ids.into_iter().map(str::to_string).collect();
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
            allowed: allowed.into_iter().map(str::to_string).collect(),
            ruleset_version: self.set.version.clone(),
            obfuscated: !kinds.is_empty(),
            obfuscation: kinds,
        }
    }
}

impl Hit<'static> {
    pub(crate) fn structural(
        start: usize,
        end: usize,
        category: Category,
        severity: Severity,
        rule: &'static str,
    ) -> Hit<'static> {
        Hit {
            start,
            end,
            category,
            severity,
            rule,
            modifier: None,
            mv: None,
        }
    }
}
