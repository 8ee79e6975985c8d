//! A page of a list answer: `{"value": [...], "@odata.nextLink": "...", ...}`.
//!
//! The items are decoded into the documented type; the next-page link and
//! every other top-level annotation (`@odata.context`, `@odata.count`, ...)
//! are kept, so nothing the service sent is lost. Decoding is written by
//! hand so that an error inside an item keeps its JSON path
//! (`value[3].id`). This module does not fetch further pages.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use callgen_runtime::Field;
use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::{Serialize, Serializer};
use serde_json::Value;

/// The wire name of the next-page link.
const NEXT_LINK: &str = "@odata.nextLink";

/// One page of a collection answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// The absolute URL of the next page, when the service has more.
    pub next_link: Option<String>,
    /// Every other top-level member, as sent (`@odata.context`, ...).
    pub extra: BTreeMap<String, Value>,
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Collection {
            value: Vec::new(),
            next_link: None,
            extra: BTreeMap::new(),
        }
    }
}

impl<T: Serialize> Serialize for Collection<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for (key, value) in &self.extra {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("value", &self.value)?;
        if let Some(link) = &self.next_link {
            map.serialize_entry(NEXT_LINK, link)?;
        }
        map.end()
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Collection<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(CollectionVisitor(PhantomData))
    }
}

struct CollectionVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for CollectionVisitor<T> {
    type Value = Collection<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a collection object with a `value` array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut value = Field::Absent;
        let mut next_link = None;
        let mut extra = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "value" => callgen_runtime::de::next_list(&mut map, &mut value, "value")?,
                NEXT_LINK => next_link = map.next_value::<Option<String>>()?,
                _ => {
                    extra.insert(key, map.next_value::<Value>()?);
                }
            }
        }
        Ok(Collection {
            value: match value {
                Field::Value(items) => items,
                Field::Null => return Err(de::Error::custom("`value` is null, expected an array")),
                Field::Absent => return Err(de::Error::missing_field("value")),
            },
            next_link,
            extra,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_next_link_and_annotations() {
        let document = json!({
            "@odata.context": "https://graph.microsoft.com/beta/$metadata#participants",
            "@odata.nextLink": "https://graph.microsoft.com/beta/next?$skiptoken=2",
            "value": [{"id": "p1"}],
        });
        let page: Collection<Value> = serde_json::from_value(document.clone()).unwrap();
        assert_eq!(page.value, vec![json!({"id": "p1"})]);
        assert_eq!(
            page.next_link.as_deref(),
            Some("https://graph.microsoft.com/beta/next?$skiptoken=2")
        );
        assert_eq!(page.extra.len(), 1);
        assert_eq!(serde_json::to_value(&page).unwrap(), document);
    }

    #[test]
    fn requires_a_value_array() {
        let missing = serde_json::from_str::<Collection<Value>>("{}").unwrap_err();
        assert_eq!(
            missing.to_string(),
            "missing field `value` at line 1 column 2"
        );
        let twice = serde_json::from_str::<Collection<Value>>(r#"{"value": [], "value": []}"#);
        assert!(twice.is_err());
        let not_object = serde_json::from_str::<Collection<Value>>("[]").unwrap_err();
        assert!(
            not_object.to_string().contains("a collection object"),
            "{not_object}"
        );
    }

    #[test]
    fn null_next_link_is_absent() {
        let page: Collection<u8> =
            serde_json::from_str(r#"{"value": [1], "@odata.nextLink": null}"#).unwrap();
        assert_eq!(page.value, vec![1]);
        assert_eq!(page.next_link, None);
    }
}
