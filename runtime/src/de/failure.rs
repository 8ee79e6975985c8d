//! Where decoding failed: the JSON path of the first error, noted by the
//! building blocks ([`crate::de::next_field`], [`crate::de::next_list`], ...)
//! while the error travels up, innermost segment first.
//!
//! The path costs nothing while decoding succeeds: a building block notes
//! its property name or item index only on its error branch. Noting it here,
//! instead of wrapping the deserializer, keeps one decoder per type: the
//! answers, the notifications (strict or tolerant) and the request bodies
//! all use the same one.
//!
//! The first property noted is the *anchor*: the property whose value
//! failed, with why (its value did not fit its type, or something else such
//! as a duplicate). Tolerant decoding keeps an anchor whose value did not fit
//! (see [`crate::de::from_slice_tolerant`]). This module knows no particular schema.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt::Write as _;

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// An object's property.
    Property(Cow<'static, str>),
    /// An array's item.
    Index(usize),
}

/// Why the anchor property failed.
#[derive(Clone, Copy)]
pub(crate) enum Cause {
    /// Its value did not fit its declared type; `expected` says what the
    /// type expects ([`super::Expected`]).
    Misfit { expected: &'static str },
    /// Anything else: the property was given twice, its `@odata.type` was
    /// wrong. Never kept.
    Other,
}

/// The anchor: how many segments lead to it (from the root, itself
/// included) and why it failed.
#[derive(Clone, Copy)]
pub(crate) struct Anchor {
    pub(crate) depth: usize,
    pub(crate) cause: Cause,
}

/// The path of a failure, outermost segment first.
pub(crate) struct Failure {
    pub(crate) segments: Vec<Segment>,
    pub(crate) anchor: Option<Anchor>,
}

impl Failure {
    /// The path as text: `.` for the root, `value[0].resourceData.state`
    /// inside.
    pub(crate) fn path(&self) -> String {
        let segments = &self.segments;
        if segments.is_empty() {
            return ".".to_owned();
        }
        let mut text = String::new();
        for segment in segments {
            match segment {
                Segment::Property(name) if text.is_empty() => text.push_str(name),
                Segment::Property(name) => {
                    text.push('.');
                    text.push_str(name);
                }
                Segment::Index(index) => {
                    let _ = write!(text, "[{index}]");
                }
            }
        }
        text
    }

    /// A failure of the body as a whole: no path, no anchor.
    pub(crate) fn at_root() -> Failure {
        Failure {
            segments: Vec::new(),
            anchor: None,
        }
    }
}

/// The segments noted so far, innermost first, and the anchor's position
/// among them.
#[derive(Default)]
struct Record {
    segments: Vec<Segment>,
    anchor: Option<(usize, Cause)>,
}

thread_local! {
    static RECORD: RefCell<Record> = RefCell::new(Record::default());
}

/// Forgets what an earlier decode noted: called before a decode starts.
pub(crate) fn clear() {
    RECORD.with(|record| {
        let mut record = record.borrow_mut();
        record.segments.clear();
        record.anchor = None;
    });
}

/// Notes that the property `name` failed, for `cause` when it is the
/// innermost property noted.
#[cold]
#[inline(never)]
pub(crate) fn property(name: Cow<'static, str>, cause: Cause) {
    RECORD.with(|record| {
        let mut record = record.borrow_mut();
        if record.anchor.is_none() {
            record.anchor = Some((record.segments.len(), cause));
        }
        record.segments.push(Segment::Property(name));
    });
}

/// Notes that the item `index` of an array failed.
#[cold]
#[inline(never)]
pub(crate) fn index(index: usize) {
    RECORD.with(|record| record.borrow_mut().segments.push(Segment::Index(index)));
}

/// Takes what was noted since [`clear`], outermost segment first.
pub(crate) fn take() -> Failure {
    RECORD.with(|record| {
        let mut record = record.borrow_mut();
        let mut segments = std::mem::take(&mut record.segments);
        let anchor = record.anchor.take();
        let depth = segments.len();
        segments.reverse();
        Failure {
            segments,
            anchor: anchor.map(|(innermost, cause)| Anchor {
                depth: depth - innermost,
                cause,
            }),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_noted_inside_out_and_read_outside_in() {
        clear();
        index(3);
        property(Cow::Borrowed("code"), Cause::Misfit { expected: "i32" });
        index(1);
        property(Cow::Borrowed("list"), Cause::Other);
        let failure = take();
        assert_eq!(failure.path(), "list[1].code[3]");
        let anchor = failure.anchor.expect("an anchor");
        assert_eq!(anchor.depth, 3);
        assert!(matches!(anchor.cause, Cause::Misfit { .. }));
        assert_eq!(take().path(), ".");
    }
}
