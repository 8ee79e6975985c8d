//! Polymorphic dispatch on `@odata.type` for the generated family enums.
//!
//! A family (mediaConfig and its derived types, ...) is a Rust enum over the
//! base type, each descendant, and an `Unrecognized` raw-JSON member. Reading
//! one peeks at the first key: when it is `@odata.type` (the service nearly
//! always sends it first) the rest of the object goes straight to the chosen
//! member's visitor. Otherwise the object is read as the base type, which
//! keeps unknown properties and records any `@odata.type` it meets, and only
//! a late discriminator naming another type converts it, losslessly, through
//! a JSON value. Nothing is ever parsed as a member the discriminator does
//! not name. This module knows no particular family.

use crate::de::{Expected, Key, MapModel, convert, visit_remaining};
use crate::odata::{ODATA_TYPE, Received, keep_cow, type_name};
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A generated family enum.
pub trait Family<'de>: Sized {
    /// The base type, used when the discriminator is absent or names it.
    type Base: MapModel<'de> + serde::Serialize;

    /// The base type's qualified name (`microsoft.graph.mediaConfig`).
    const BASE_TYPE: &'static str;

    /// The family member holding a base-type value.
    fn from_base(base: Self::Base) -> Self;

    /// Reads the member named by `source.type_name()`, or keeps the raw JSON
    /// when the name is not a member of the family.
    fn dispatch<S: ModelSource<'de>>(source: S) -> Result<Self, S::Error>;
}

/// Where a family member's data comes from once its type is known.
pub trait ModelSource<'de> {
    /// The error type of the surrounding deserializer.
    type Error: de::Error;

    /// The qualified type name the discriminator names (without `#`).
    fn type_name(&self) -> &str;

    /// Reads the data as the generated type `T`.
    fn read<T: MapModel<'de> + DeserializeOwned>(self) -> Result<T, Self::Error>;

    /// Keeps the data as a raw JSON object.
    fn raw(self) -> Result<Map<String, Value>, Self::Error>;
}

/// Deserializes a family enum from a JSON object.
pub fn deserialize_family<'de, F: Family<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<F, D::Error> {
    deserializer.deserialize_map(FamilyVisitor::<F>(PhantomData))
}

struct FamilyVisitor<F>(PhantomData<F>);

impl<'de, F: Family<'de>> Visitor<'de> for FamilyVisitor<F> {
    type Value = F;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(<F::Base as Expected>::EXPECTED)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<F, A::Error> {
        let Some(first) = map.next_key::<Key<'de>>()? else {
            return Ok(F::from_base(F::Base::default()));
        };
        if first.as_str() == ODATA_TYPE {
            let odata_type = map.next_value::<Received<'de>>()?.0;
            return F::dispatch(RestOfMap::new(odata_type, &mut map));
        }
        let mut base = F::Base::default();
        base.visit_entry(first, &mut map)?;
        visit_remaining(&mut base, &mut map)?;
        match base.odata_type().map(type_name) {
            None => Ok(F::from_base(base)),
            Some(name) if name == F::BASE_TYPE => Ok(F::from_base(base)),
            Some(_) => F::dispatch(ParsedBase {
                base,
                error: PhantomData::<A::Error>,
            }),
        }
    }
}

/// The rest of an object whose first entry was `@odata.type`.
pub(crate) struct RestOfMap<'a, 'de, A> {
    odata_type: Cow<'de, str>,
    map: &'a mut A,
}

impl<'a, 'de, A> RestOfMap<'a, 'de, A> {
    /// The rest of `map`, whose `@odata.type` was `odata_type`.
    #[inline]
    pub(crate) fn new(odata_type: Cow<'de, str>, map: &'a mut A) -> Self {
        RestOfMap { odata_type, map }
    }
}

impl<'de, A: MapAccess<'de>> ModelSource<'de> for RestOfMap<'_, 'de, A> {
    type Error = A::Error;

    fn type_name(&self) -> &str {
        type_name(&self.odata_type)
    }

    #[inline]
    fn read<T: MapModel<'de> + DeserializeOwned>(self) -> Result<T, A::Error> {
        let mut value = T::default();
        value.set_odata_type(keep_cow(self.odata_type, T::DECLARED_ODATA_TYPE));
        visit_remaining(&mut value, self.map)?;
        Ok(value)
    }

    fn raw(self) -> Result<Map<String, Value>, A::Error> {
        let mut object = Map::new();
        object.insert(
            ODATA_TYPE.to_owned(),
            Value::String(self.odata_type.into_owned()),
        );
        while let Some((key, value)) = self.map.next_entry::<String, Value>()? {
            if object.contains_key(&key) {
                return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
            }
            object.insert(key, value);
        }
        Ok(object)
    }
}

/// An object already read as the base type whose `@odata.type` came late.
struct ParsedBase<B, E> {
    base: B,
    error: PhantomData<E>,
}

impl<'de, B: MapModel<'de> + serde::Serialize, E: de::Error> ModelSource<'de> for ParsedBase<B, E> {
    type Error = E;

    fn type_name(&self) -> &str {
        self.base.odata_type().map(type_name).unwrap_or_default()
    }

    fn read<T: MapModel<'de> + DeserializeOwned>(self) -> Result<T, E> {
        convert(&self.base)
    }

    fn raw(self) -> Result<Map<String, Value>, E> {
        let text = crate::de::to_text::<E>(&self.base)?;
        match serde_json::from_slice::<Value>(&text).map_err(E::custom)? {
            Value::Object(object) => Ok(object),
            other => Err(E::custom(format_args!(
                "expected an object, the base type gave {other}"
            ))),
        }
    }
}
