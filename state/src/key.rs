//! Resource keys compared the way the service means them.
//!
//! The service spells one GUID several ways: the operation a `playPrompt`
//! request returns has the id `0fe0623f-d628-42ed-b4bd-8ac290072cc5`, and
//! the notification that completes it names
//! `/operations/0FE0623FD62842EDB4BD8AC290072CC5`. A [`Key`] reads any id
//! that parses as a GUID as its 128-bit value, so both spellings are one
//! key; any other id is kept as its exact text.

/// One resource key: a GUID whatever its spelling, or exact text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Key {
    /// An id that parses as a GUID (hyphenated or not, any case).
    Guid(u128),
    /// Any other id, exactly as received.
    Text(Box<str>),
}

impl Key {
    /// The key of `id`.
    pub(crate) fn of(id: &str) -> Key {
        match uuid::Uuid::try_parse(id) {
            Ok(guid) => Key::Guid(guid.as_u128()),
            Err(_) => Key::Text(id.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Key;

    #[test]
    fn guid_spellings_are_one_key_and_other_ids_stay_exact() {
        assert_eq!(
            Key::of("0fe0623f-d628-42ed-b4bd-8ac290072cc5"),
            Key::of("0FE0623FD62842EDB4BD8AC290072CC5")
        );
        assert_ne!(Key::of("participant-a"), Key::of("Participant-A"));
        assert_eq!(Key::of("p1"), Key::Text("p1".into()));
    }
}
