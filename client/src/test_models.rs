//! Small models shaped like generated code, for the unit tests: decoding
//! names a path and keeps misfits only through the runtime's building
//! blocks, as generated types use them.

use callgen_runtime::de::{self, Key, MapModel};
use callgen_runtime::{Field, UnknownFields, ser};
use serde::de::MapAccess;
use serde::ser::SerializeMap;
use std::borrow::Cow;

/// A notification-like object with three string properties.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Note {
    pub(crate) change_type: Field<String>,
    pub(crate) client_context: Field<String>,
    pub(crate) id: Field<String>,
    pub(crate) unknown_fields: UnknownFields,
}

/// A batch of [`Note`]s under `value`.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct NoteBatch {
    pub(crate) value: Field<Vec<Note>>,
    pub(crate) unknown_fields: UnknownFields,
}

impl NoteBatch {
    /// The notes (none when `value` is absent or null).
    pub(crate) fn notes(&self) -> &[Note] {
        self.value.get().map_or(&[], Vec::as_slice)
    }
}

impl de::Expected for Note {
    const EXPECTED: &'static str = "a note";
}

impl<'de> MapModel<'de> for Note {
    const DECLARED_ODATA_TYPE: &'static str = "";
    fn odata_type(&self) -> Option<&str> {
        None
    }
    fn set_odata_type(&mut self, _odata_type: Cow<'static, str>) {}
    fn visit_entry<A: MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match key.as_str() {
            "changeType" => de::next_field(map, &mut self.change_type, "changeType"),
            "clientContext" => de::next_field(map, &mut self.client_context, "clientContext"),
            "id" => de::next_field(map, &mut self.id, "id"),
            _ => de::next_unknown(map, &mut self.unknown_fields, key),
        }
    }
}

impl de::Expected for NoteBatch {
    const EXPECTED: &'static str = "a batch of notes";
}

impl<'de> MapModel<'de> for NoteBatch {
    const DECLARED_ODATA_TYPE: &'static str = "";
    fn odata_type(&self) -> Option<&str> {
        None
    }
    fn set_odata_type(&mut self, _odata_type: Cow<'static, str>) {}
    fn visit_entry<A: MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match key.as_str() {
            "value" => de::next_list(map, &mut self.value, "value"),
            _ => de::next_unknown(map, &mut self.unknown_fields, key),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Note {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de::deserialize_struct(d)
    }
}

impl<'de> serde::Deserialize<'de> for NoteBatch {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de::deserialize_struct(d)
    }
}

impl serde::Serialize for Note {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        ser::field(&mut map, "changeType", &self.change_type)?;
        ser::field(&mut map, "clientContext", &self.client_context)?;
        ser::field(&mut map, "id", &self.id)?;
        self.unknown_fields.serialize_entries(&mut map)?;
        map.end()
    }
}
