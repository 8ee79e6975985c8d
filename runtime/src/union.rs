//! Unions of object types and collections of them, for the generated union enums
//! (a notification's `resourceData`: a call, an operation, or a list of
//! participants).
//!
//! An object is dispatched on `@odata.type` like a family: when it comes
//! first (as the service sends it) the rest of the object streams straight
//! into the chosen type; otherwise the object is buffered and converted. An
//! array is read item by item into the collection alternative's item type;
//! an item the collection does not take (another `@odata.type`, a scalar)
//! turns the whole array into raw JSON, items read so far included, so
//! nothing is ever held as a type it is not. A union with several
//! collections (participants or content-sharing sessions) reads an array
//! whole and gives it to the collection whose item types take every item.
//! Anything else (a string, a number) is kept as raw JSON. This module
//! knows no particular union.

use crate::de::{Expected, Key, failure, from_buffer, to_text};
use crate::family::{ModelSource, RestOfMap};
use crate::odata::{ODATA_TYPE, Received, type_name};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Map, Value};
use std::fmt;
use std::marker::PhantomData;

/// A generated union enum. What the input should have been, for error
/// messages, is its [`Expected`].
pub trait Union<'de>: Sized + Expected {
    /// The item type of the collection alternative (`serde_json::Value` when
    /// the union has none; see [`Union::HAS_COLLECTION`]).
    type Item: DeserializeOwned + serde::Serialize;

    /// Whether one alternative is a collection.
    const HAS_COLLECTION: bool;

    /// Reads an object whose `@odata.type` names `source.type_name()` as the
    /// alternative taking that type, or keeps it raw.
    fn object<S: ModelSource<'de>>(source: S) -> Result<Self, S::Error>;

    /// An object without `@odata.type`: the only object alternative, if
    /// there is exactly one, else raw.
    fn untyped_object<E: de::Error>(object: Map<String, Value>) -> Result<Self, E>;

    /// Whether a collection item with `@odata.type` naming `type_name`
    /// (without `#`) belongs to the collection alternative.
    fn item_accepts(type_name: &str) -> bool;

    /// Reads a collection item whose type [`Union::item_accepts`].
    fn item<S: ModelSource<'de>>(source: S) -> Result<Self::Item, S::Error>;

    /// The collection alternative holding `items`.
    fn from_items(items: Vec<Self::Item>) -> Self;

    /// The catch-all member holding `value` as received.
    fn from_raw(value: Value) -> Self;

    /// Whether several alternatives are collections. Then
    /// [`Union::HAS_COLLECTION`] is false, and an array is read whole as
    /// JSON and handed to [`Union::several_collections`].
    const SEVERAL_COLLECTIONS: bool = false;

    /// Reads an array of a union with several collection alternatives: the
    /// first collection whose item types take every item (see
    /// [`every_item`]), else the catch-all member.
    fn several_collections<E: de::Error>(items: Vec<Value>) -> Result<Self, E> {
        Ok(Self::from_raw(Value::Array(items)))
    }
}

/// Whether every item of `items` is an object that `accepts` the
/// `@odata.type` of (the name without `#`); an item without `@odata.type`
/// is taken by any collection, so an untyped array goes to the first.
pub fn every_item(items: &[Value], accepts: impl Fn(&str) -> bool) -> bool {
    items.iter().all(|item| match item {
        Value::Object(object) => match object.get(ODATA_TYPE) {
            None => true,
            Some(Value::String(odata_type)) => accepts(type_name(odata_type)),
            Some(_) => false,
        },
        _ => false,
    })
}

/// Deserializes a union enum from any JSON value.
pub fn deserialize_union<'de, U: Union<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<U, D::Error> {
    deserializer.deserialize_any(UnionVisitor::<U>(PhantomData))
}

/// Reads the rest of a JSON object into a map, after `first` (already
/// read as a key).
fn buffer_object<'de, A: MapAccess<'de>>(
    first: Key<'de>,
    map: &mut A,
) -> Result<Map<String, Value>, A::Error> {
    let mut object = Map::new();
    object.insert(first.into_owned(), map.next_value::<Value>()?);
    while let Some((key, value)) = map.next_entry::<String, Value>()? {
        if object.contains_key(&key) {
            return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
        }
        object.insert(key, value);
    }
    Ok(object)
}

/// The `@odata.type` of a buffered object, when it is a string.
fn buffered_type(object: &Map<String, Value>) -> Option<&str> {
    object.get(ODATA_TYPE).and_then(Value::as_str)
}

/// A buffered object whose `@odata.type` came after other properties.
struct Buffered<E> {
    object: Map<String, Value>,
    error: PhantomData<E>,
}

impl<'de, E: de::Error> ModelSource<'de> for Buffered<E> {
    type Error = E;

    fn type_name(&self) -> &str {
        buffered_type(&self.object)
            .map(type_name)
            .unwrap_or_default()
    }

    fn read<T: crate::de::MapModel<'de> + DeserializeOwned>(self) -> Result<T, E> {
        let text = to_text::<E>(&self.object)?;
        from_buffer(&text)
    }

    fn raw(self) -> Result<Map<String, Value>, E> {
        Ok(self.object)
    }
}

struct UnionVisitor<U>(PhantomData<U>);

macro_rules! raw_scalars {
    ($finish:expr) => {
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok($finish(Value::Bool(v)))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok($finish(Value::from(v)))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok($finish(Value::from(v)))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            match serde_json::Number::from_f64(v) {
                Some(number) => Ok($finish(Value::Number(number))),
                None => Err(E::custom("a number JSON cannot hold")),
            }
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok($finish(Value::String(v.to_owned())))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok($finish(Value::String(v)))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($finish(Value::Null))
        }
    };
}

impl<'de, U: Union<'de>> Visitor<'de> for UnionVisitor<U> {
    type Value = U;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(U::EXPECTED)
    }

    raw_scalars!(U::from_raw);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
        let Some(first) = map.next_key::<Key<'de>>()? else {
            return U::untyped_object(Map::new());
        };
        if first.as_str() == ODATA_TYPE {
            let odata_type = map.next_value::<Received<'de>>()?.0;
            return U::object(RestOfMap::new(odata_type, &mut map));
        }
        let object = buffer_object(first, &mut map)?;
        if buffered_type(&object).is_some() {
            U::object(Buffered {
                object,
                error: PhantomData::<A::Error>,
            })
        } else {
            U::untyped_object(object)
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<U, A::Error> {
        if U::SEVERAL_COLLECTIONS {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element::<Value>()? {
                items.push(item);
            }
            return U::several_collections(items);
        }
        let mut items: Vec<U::Item> = Vec::new();
        if U::HAS_COLLECTION {
            while let Some(element) = next_item::<U, A>(&mut seq, &mut items)? {
                if let Element::Raw(value) = element {
                    let mut raw = to_values::<U::Item, A::Error>(&items)?;
                    raw.push(value);
                    return finish_raw::<U, A>(raw, seq);
                }
            }
            return Ok(U::from_items(items));
        }
        finish_raw::<U, A>(Vec::new(), seq)
    }
}

/// Reads the next array element of the union `U`, noting its index when
/// it fails.
fn next_item<'de, U: Union<'de>, A: SeqAccess<'de>>(
    seq: &mut A,
    items: &mut Vec<U::Item>,
) -> Result<Option<Element>, A::Error> {
    let index = items.len();
    seq.next_element_seed(ItemSeed::<U, U::Item> {
        items,
        union: PhantomData,
    })
    .inspect_err(|_| failure::index(index))
}

/// The typed items read so far, as JSON.
fn to_values<T: serde::Serialize, E: de::Error>(items: &[T]) -> Result<Vec<Value>, E> {
    items
        .iter()
        .map(|item| {
            let text = to_text::<E>(item)?;
            serde_json::from_slice(&text).map_err(E::custom)
        })
        .collect()
}

/// Reads the rest of an array as raw JSON after `raw`.
fn finish_raw<'de, U: Union<'de>, A: SeqAccess<'de>>(
    mut raw: Vec<Value>,
    mut seq: A,
) -> Result<U, A::Error> {
    while let Some(value) = seq.next_element::<Value>()? {
        raw.push(value);
    }
    Ok(U::from_raw(Value::Array(raw)))
}

/// One array element: an item of the collection alternative (already
/// pushed onto the items, so that a large item is not moved again), or not.
enum Element {
    Pushed,
    Raw(Value),
}

/// Reads one array element of the union `U`, pushing a typed item (`T`,
/// the union's item type) onto `items`.
struct ItemSeed<'a, U, T> {
    items: &'a mut Vec<T>,
    union: PhantomData<U>,
}

impl<'de, U: Union<'de>> DeserializeSeed<'de> for ItemSeed<'_, U, U::Item> {
    type Value = Element;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(ItemVisitor::<U, U::Item> {
            items: self.items,
            union: PhantomData,
        })
    }
}

struct ItemVisitor<'a, U, T> {
    items: &'a mut Vec<T>,
    union: PhantomData<U>,
}

impl<'de, U: Union<'de>> Visitor<'de> for ItemVisitor<'_, U, U::Item> {
    type Value = Element;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an item of a collection")
    }

    raw_scalars!(Element::Raw);

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut values = Vec::new();
        while let Some(value) = seq.next_element::<Value>()? {
            values.push(value);
        }
        Ok(Element::Raw(Value::Array(values)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Some(first) = map.next_key::<Key<'de>>()? else {
            return typed_from_object::<U, A::Error>(Map::new(), self.items);
        };
        if first.as_str() == ODATA_TYPE {
            let odata_type = map.next_value::<Received<'de>>()?.0;
            let source = RestOfMap::new(odata_type, &mut map);
            return if U::item_accepts(source.type_name()) {
                self.items.push(U::item(source)?);
                Ok(Element::Pushed)
            } else {
                source.raw().map(|raw| Element::Raw(Value::Object(raw)))
            };
        }
        let object = buffer_object(first, &mut map)?;
        match buffered_type(&object).map(type_name) {
            Some(name) if !U::item_accepts(name) => Ok(Element::Raw(Value::Object(object))),
            _ => typed_from_object::<U, A::Error>(object, self.items),
        }
    }
}

/// A buffered item without `@odata.type`, or naming an accepted type,
/// pushed onto `items`.
fn typed_from_object<'de, U: Union<'de>, E: de::Error>(
    object: Map<String, Value>,
    items: &mut Vec<U::Item>,
) -> Result<Element, E> {
    let text = to_text::<E>(&object)?;
    items.push(from_buffer(&text)?);
    Ok(Element::Pushed)
}
