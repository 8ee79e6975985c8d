//! Map keys, written as serde_json writes them: strings as they are;
//! numbers, booleans and characters quoted; anything else an error. A property
//! name written by [`crate::ser::field`] (which needs no escaping) is
//! copied without the escape scan.

use super::escape::{write_plain, write_str};
use crate::ser::WIRE_NAME;
use serde::Serialize;
use serde::ser::{self, Error as _, Impossible};

/// Never built: the key writer's compound types.
pub(crate) type NoCompound = Impossible<(), serde_json::Error>;

/// Writes one map key into the writer's output.
pub(crate) struct KeyWriter<'a> {
    out: &'a mut Vec<u8>,
    /// The key is a property name from [`crate::ser::field`]: it needs no
    /// escaping.
    plain: bool,
}

impl<'a> KeyWriter<'a> {
    /// A writer of one key into `out`.
    pub(crate) fn new(out: &'a mut Vec<u8>) -> Self {
        KeyWriter { out, plain: false }
    }

    /// A number or boolean key: serde_json's text of it, quoted.
    fn quoted<T: Serialize>(self, value: T) -> Result<(), serde_json::Error> {
        let out = &mut *self.out;
        out.push(b'"');
        serde_json::to_writer(&mut *out, &value)?;
        out.push(b'"');
        Ok(())
    }

    /// A float key: quoted when finite, an error otherwise.
    fn float<T: Serialize>(self, value: T, finite: bool) -> Result<(), serde_json::Error> {
        match finite {
            true => self.quoted(value),
            false => Err(serde_json::Error::custom("float key must be finite")),
        }
    }
}

fn not_a_string() -> serde_json::Error {
    serde_json::Error::custom("key must be a string")
}

macro_rules! quoted {
    ($($method:ident: $type:ty),*) => {
        $(
            fn $method(self, value: $type) -> Result<(), serde_json::Error> {
                self.quoted(value)
            }
        )*
    };
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = NoCompound;
    type SerializeTuple = NoCompound;
    type SerializeTupleStruct = NoCompound;
    type SerializeTupleVariant = NoCompound;
    type SerializeMap = NoCompound;
    type SerializeStruct = NoCompound;
    type SerializeStructVariant = NoCompound;

    quoted!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128
    );

    fn serialize_f32(self, value: f32) -> Result<(), serde_json::Error> {
        self.float(value, value.is_finite())
    }

    fn serialize_f64(self, value: f64) -> Result<(), serde_json::Error> {
        self.float(value, value.is_finite())
    }

    fn serialize_char(self, value: char) -> Result<(), serde_json::Error> {
        self.serialize_str(value.encode_utf8(&mut [0; 4]))
    }

    #[inline]
    fn serialize_str(self, value: &str) -> Result<(), serde_json::Error> {
        match self.plain {
            true => write_plain(self.out, value),
            false => write_str(self.out, value),
        }
        Ok(())
    }

    fn serialize_bytes(self, _value: &[u8]) -> Result<(), serde_json::Error> {
        Err(not_a_string())
    }

    fn serialize_none(self) -> Result<(), serde_json::Error> {
        Err(not_a_string())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), serde_json::Error> {
        Err(not_a_string())
    }

    fn serialize_unit(self) -> Result<(), serde_json::Error> {
        Err(not_a_string())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), serde_json::Error> {
        Err(not_a_string())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), serde_json::Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        let plain = name == WIRE_NAME;
        value.serialize(KeyWriter { plain, ..self })
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), serde_json::Error> {
        Err(not_a_string())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<NoCompound, serde_json::Error> {
        Err(not_a_string())
    }

    fn serialize_tuple(self, _len: usize) -> Result<NoCompound, serde_json::Error> {
        Err(not_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<NoCompound, serde_json::Error> {
        Err(not_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<NoCompound, serde_json::Error> {
        Err(not_a_string())
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<NoCompound, serde_json::Error> {
        Err(not_a_string())
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<NoCompound, serde_json::Error> {
        Err(not_a_string())
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<NoCompound, serde_json::Error> {
        Err(not_a_string())
    }
}
