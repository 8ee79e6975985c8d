//! The envelope of a notification post: a JSON object with a `value` array
//! of objects. Checked in a separate, cheap pass that keeps nothing (every
//! value is skipped with `IgnoredAny`), so that a body which is not a
//! batch is refused with the reason instead of decoding as an empty one.
//! This module knows nothing of the notifications themselves.

use serde::Deserializer as _;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

use super::CallbackError;

/// Checks that `body` is a JSON object with exactly one `value` member, an
/// array whose items are objects.
pub(super) fn check_batch(body: &[u8]) -> Result<(), CallbackError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    deserializer
        .deserialize_map(Batch)
        .and_then(|()| deserializer.end())
        .map_err(|error| CallbackError::Decode {
            path: ".".to_owned(),
            message: error.to_string(),
        })
}

struct Batch;

impl<'de> Visitor<'de> for Batch {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a notification batch: a JSON object with a `value` array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = false;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key != "value" {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            if seen {
                return Err(de::Error::custom(
                    "the notification has two `value` members",
                ));
            }
            seen = true;
            map.next_value_seed(Items)?;
        }
        if !seen {
            return Err(de::Error::custom("the notification has no `value` array"));
        }
        Ok(())
    }
}

/// The `value` array.
struct Items;

impl<'de> DeserializeSeed<'de> for Items {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the notification's `value` array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        while seq.next_element_seed(Item(index))?.is_some() {
            index += 1;
        }
        Ok(())
    }
}

/// One notification of the array, at `index`: an object.
struct Item(usize);

impl<'de> DeserializeSeed<'de> for Item {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Item {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a notification object at `value[{}]`", self.0)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
}
