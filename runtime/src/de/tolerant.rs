//! Tolerant decoding: a property whose value does not fit its declared type
//! is kept as the JSON received instead of failing the whole payload.
//!
//! It is strict decoding plus repair, so every type has one decoder:
//!
//! 1. Decode strictly. Nearly every payload fits, and then this is all.
//! 2. On an error, the building blocks have noted its path and the property
//!    whose value did not fit (the anchor, see [`super::failure`]). Find
//!    that member in the text ([`super::locate`]), keep its value as JSON
//!    with why ([`Mismatch`]), and replace the member by a placeholder key
//!    naming the kept value.
//! 3. Decode the repaired text again. When an object meets a placeholder,
//!    [`crate::de::next_unknown`] puts the kept value into the object's
//!    [`crate::UnknownFields`] under the property's name, where it was.
//!
//! Each repair re-reads the body, so the repairs of one body are bounded
//! ([`MAX_REREAD_BYTES`]). An error that is not a value misfit (bad JSON, a
//! duplicate property, a wrong `@odata.type`) is returned as in strict
//! decoding. Placeholder keys carry a random number drawn per decode, so a
//! payload cannot forge one. This module knows no particular schema.

use super::decode::{DecodeError, attempt, without_position};
use super::failure::{Cause, Failure, Segment};
use super::locate::{self, Member, NotFound};
use crate::Mismatch;
use serde::de::{DeserializeOwned, Error as _};
use serde_json::Value;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::hash::BuildHasher;

/// How many bytes the repairs of one body may re-read in all (beyond the
/// first eight): a body with very many misfits is refused with
/// a clear error instead of costing quadratic time.
pub const MAX_REREAD_BYTES: usize = 64 * 1024 * 1024;

/// Repairs allowed whatever the body's size.
const FREE_REPAIRS: usize = 8;

/// The start of every placeholder key; the per-decode number follows.
const PLACEHOLDER: &str = "\u{0}callgen:kept:";

/// A kept value waiting for its object.
#[derive(Clone)]
pub(crate) struct Kept {
    pub(crate) name: String,
    pub(crate) value: Value,
    pub(crate) mismatch: Mismatch,
}

/// The kept values of the decode running on this thread.
struct Session {
    /// Drawn per decode, part of every placeholder key.
    nonce: u64,
    /// Kept values: the repairs' first, then any re-kept while a family
    /// member is converted from its base (see [`converting`]).
    kept: Vec<Kept>,
    /// Whether each kept value was taken by an object in this attempt.
    placed: Vec<bool>,
    /// How many of `kept` come from repairs.
    repairs: usize,
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
    static CONVERTING: Cell<bool> = const { Cell::new(false) };
}

/// Decodes `bytes` as `T` tolerantly: a value that does not fit its
/// property's declared type is kept as JSON in its object's
/// [`crate::UnknownFields`] (see [`crate::UnknownFields::mismatches`]).
/// Any other error is returned as strict decoding returns it; after a
/// repair, its line and column are those of the repaired text (its path is
/// exact).
///
/// ```
/// use callgen_runtime::de::from_slice_tolerant;
/// let value: serde_json::Value = from_slice_tolerant(b"[1]").unwrap();
/// assert_eq!(value, serde_json::json!([1]));
/// ```
pub fn from_slice_tolerant<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    let _scope = Scope::enter();
    let mut text = Cow::Borrowed(bytes);
    loop {
        rewind();
        match attempt::<T>(&text) {
            Ok(value) => return all_placed().map(|()| value),
            Err((error, failure)) => text = Cow::Owned(repair(&text, error, failure)?),
        }
    }
}

/// Whether a tolerant decode is running on this thread.
pub fn is_tolerant() -> bool {
    SESSION.with(|session| session.borrow().is_some())
}

/// The kept value a placeholder `key` names, marked as placed; `None` for
/// any other key (the fast path: a key not starting with NUL).
#[inline]
pub(crate) fn take_placeholder(key: &str) -> Option<Kept> {
    if !key.starts_with('\u{0}') {
        return None;
    }
    placeholder_entry(key)
}

#[cold]
fn placeholder_entry(key: &str) -> Option<Kept> {
    let rest = key.strip_prefix(PLACEHOLDER)?;
    let (nonce, index) = rest.split_once(':')?;
    let nonce = u64::from_str_radix(nonce, 16).ok()?;
    let index: usize = index.parse().ok()?;
    SESSION.with(|session| {
        let mut session = session.borrow_mut();
        let session = session.as_mut().filter(|s| s.nonce == nonce)?;
        let placed = session.placed.get_mut(index).filter(|placed| !**placed)?;
        *placed = true;
        session.kept.get(index).cloned()
    })
}

/// Runs `convert` (a family member read again from its base through JSON)
/// so that the base's kept values travel as placeholders and land in the
/// member with their [`Mismatch`] (see [`write_key`]).
pub(crate) fn converting<T>(convert: impl FnOnce() -> T) -> T {
    let previous = set_converting(is_tolerant());
    let result = convert();
    set_converting(previous);
    result
}

/// Sets whether a conversion is running; the previous setting.
fn set_converting(converting: bool) -> bool {
    CONVERTING.with(|flag| flag.replace(converting))
}

/// The key a kept value of a bag is written under: its name, or a fresh
/// placeholder while [`converting`].
pub(crate) fn write_key<'a>(name: &'a str, value: &Value, mismatch: &Mismatch) -> Cow<'a, str> {
    if !CONVERTING.with(Cell::get) {
        return Cow::Borrowed(name);
    }
    let kept = Kept {
        name: name.to_owned(),
        value: value.clone(),
        mismatch: mismatch.clone(),
    };
    match register(kept) {
        Some(key) => Cow::Owned(key),
        None => Cow::Borrowed(name),
    }
}

/// Adds a value re-kept by a conversion to the session; its placeholder
/// key.
fn register(kept: Kept) -> Option<String> {
    SESSION.with(|session| {
        let mut session = session.borrow_mut();
        let session = session.as_mut()?;
        session.kept.push(kept);
        session.placed.push(false);
        Some(placeholder_key(session.nonce, session.kept.len() - 1))
    })
}

/// Adds a repair's kept value after the earlier repairs' (the values
/// re-kept by conversions of the failed attempt are dropped: the next
/// attempt converts again); its placeholder key.
fn add_repair(kept: Kept) -> Option<String> {
    SESSION.with(|session| {
        let mut session = session.borrow_mut();
        let session = session.as_mut()?;
        session.kept.truncate(session.repairs);
        session.kept.push(kept);
        session.repairs = session.kept.len();
        Some(placeholder_key(session.nonce, session.repairs - 1))
    })
}

fn placeholder_key(nonce: u64, index: usize) -> String {
    format!("{PLACEHOLDER}{nonce:016x}:{index}")
}

/// Starts an attempt: no kept value placed yet, and only the repairs' ones.
fn rewind() {
    SESSION.with(|session| {
        if let Some(session) = session.borrow_mut().as_mut() {
            session.kept.truncate(session.repairs);
            session.placed.clear();
            session.placed.resize(session.repairs, false);
        }
    });
}

/// Every kept value found its object.
fn all_placed() -> Result<(), DecodeError> {
    let unplaced = SESSION.with(|session| {
        let session = session.borrow();
        session
            .as_ref()
            .map_or(0, |s| s.placed.iter().filter(|placed| !**placed).count())
    });
    match unplaced {
        0 => Ok(()),
        _ => Err(DecodeError::at_root(serde_json::Error::custom(
            format_args!(
                "{unplaced} value(s) that did not fit their type had no object to keep them"
            ),
        ))),
    }
}

/// The text with the failed member replaced by a placeholder, its value
/// kept; or the error itself when it is not a value misfit.
fn repair(text: &[u8], error: serde_json::Error, failure: Failure) -> Result<Vec<u8>, DecodeError> {
    let path = failure.path();
    let refuse = |error| Err(DecodeError::new(path.clone(), error));
    let Some(anchor) = failure.anchor.filter(|_| error.is_data()) else {
        return refuse(error);
    };
    let Cause::Misfit { expected } = anchor.cause else {
        return refuse(error);
    };
    if !within_budget(text.len()) {
        return refuse(serde_json::Error::custom(format_args!(
            "more values that do not fit their types than tolerant decoding re-reads \
             ({} kept in a body of {} bytes)",
            repairs(),
            text.len()
        )));
    }
    let anchor_path = &failure.segments[..anchor.depth];
    let member = match locate::member(text, anchor_path) {
        Ok(member) => member,
        Err(NotFound::Duplicate(name)) => {
            return refuse(serde_json::Error::custom(format_args!(
                "duplicate field `{name}`"
            )));
        }
        Err(NotFound::Missing) => return refuse(error),
    };
    let Ok(value) = serde_json::from_slice::<Value>(&text[member.value_start..member.value_end])
    else {
        return refuse(error);
    };
    let Some(Segment::Property(name)) = anchor_path.last() else {
        return refuse(error);
    };
    let mismatch = Mismatch {
        expected: expected.to_owned(),
        reason: without_position(&error),
    };
    let kept = Kept {
        name: name.to_string(),
        value,
        mismatch,
    };
    let Some(key) = add_repair(kept) else {
        return refuse(error);
    };
    Ok(splice(text, member, &key))
}

fn repairs() -> usize {
    SESSION.with(|session| session.borrow().as_ref().map_or(0, |s| s.repairs))
}

fn within_budget(length: usize) -> bool {
    let repairs = repairs();
    repairs < FREE_REPAIRS || repairs.saturating_mul(length) <= MAX_REREAD_BYTES
}

/// `text` with `member` replaced by `"<key>": 0`.
fn splice(text: &[u8], member: Member, key: &str) -> Vec<u8> {
    let key_json = Value::String(key.to_owned()).to_string();
    let mut repaired = Vec::with_capacity(text.len() + key_json.len());
    repaired.extend_from_slice(&text[..member.key_start]);
    repaired.extend_from_slice(key_json.as_bytes());
    repaired.extend_from_slice(b":0");
    repaired.extend_from_slice(&text[member.value_end..]);
    repaired
}

/// Sets up a session for its lifetime and restores the previous one on
/// drop (also when decoding panics).
struct Scope {
    previous: Option<Session>,
}

impl Scope {
    fn enter() -> Self {
        let nonce = std::collections::hash_map::RandomState::new().hash_one(0u8);
        let fresh = Session {
            nonce,
            kept: Vec::new(),
            placed: Vec::new(),
            repairs: 0,
        };
        let previous = SESSION.with(|session| session.borrow_mut().replace(fresh));
        Scope { previous }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        let previous = self.previous.take();
        SESSION.with(|session| *session.borrow_mut() = previous);
    }
}
