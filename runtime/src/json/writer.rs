//! [`Writer`]: serde's data model written as compact JSON, the way
//! serde_json writes it, with [`super::escape`] for strings.

use super::escape::write_str;
use super::key::KeyWriter;
use serde::Serialize;
use serde::ser;

/// Compact JSON written into a byte vector: a serde `Serializer` (use
/// `&mut Writer`). Most callers want [`super::to_vec`].
#[derive(Debug, Default)]
pub struct Writer {
    out: Vec<u8>,
}

impl Writer {
    /// A writer whose buffer starts with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Writer {
        Writer {
            out: Vec::with_capacity(capacity),
        }
    }

    /// The bytes written so far.
    pub fn into_inner(self) -> Vec<u8> {
        self.out
    }

    pub(crate) fn out(&mut self) -> &mut Vec<u8> {
        &mut self.out
    }

    /// A number, written by serde_json itself (its integer and float
    /// formatting, `null` for a float that is not finite).
    fn number<T: Serialize>(&mut self, value: T) -> Result<(), serde_json::Error> {
        serde_json::to_writer(&mut self.out, &value)
    }
}

/// An array or object being written: whether a comma is due.
#[derive(Debug)]
pub struct Compound<'a> {
    writer: &'a mut Writer,
    first: bool,
}

impl Compound<'_> {
    #[inline]
    fn comma(&mut self) {
        match self.first {
            true => self.first = false,
            false => self.writer.out.push(b','),
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), serde_json::Error> {
        self.comma();
        value.serialize(&mut *self.writer)
    }

    fn entry<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.comma();
        write_str(&mut self.writer.out, key);
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }

    /// Closes with `close`, and a variant's object with `}` after it.
    fn close(self, close: u8, variant: bool) {
        self.writer.out.push(close);
        if variant {
            self.writer.out.push(b'}');
        }
    }
}

impl<'a> Writer {
    fn open(&'a mut self, open: u8) -> Compound<'a> {
        self.out.push(open);
        Compound {
            writer: self,
            first: true,
        }
    }

    /// `{"variant":` before a variant's value.
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        write_str(&mut self.out, variant);
        self.out.push(b':');
    }
}

macro_rules! numbers {
    ($($method:ident: $type:ty),*) => {
        $(
            fn $method(self, value: $type) -> Result<(), serde_json::Error> {
                self.number(value)
            }
        )*
    };
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    numbers!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128, serialize_f32: f32, serialize_f64: f64
    );

    fn serialize_bool(self, value: bool) -> Result<(), serde_json::Error> {
        let text: &[u8] = match value {
            true => b"true",
            false => b"false",
        };
        self.out.extend_from_slice(text);
        Ok(())
    }

    fn serialize_char(self, value: char) -> Result<(), serde_json::Error> {
        write_str(&mut self.out, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    #[inline]
    fn serialize_str(self, value: &str) -> Result<(), serde_json::Error> {
        write_str(&mut self.out, value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), serde_json::Error> {
        let mut seq = self.open(b'[');
        for byte in value {
            seq.element(byte)?;
        }
        seq.close(b']', false);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), serde_json::Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), serde_json::Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), serde_json::Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), serde_json::Error> {
        self.serialize_unit()
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
        _name: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, serde_json::Error> {
        Ok(self.open(b'['))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a>, serde_json::Error> {
        Ok(self.open(b'['))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, serde_json::Error> {
        Ok(self.open(b'['))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, serde_json::Error> {
        self.open_variant(variant);
        Ok(self.open(b'['))
    }

    #[inline]
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, serde_json::Error> {
        Ok(self.open(b'{'))
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, serde_json::Error> {
        Ok(self.open(b'{'))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, serde_json::Error> {
        self.open_variant(variant);
        Ok(self.open(b'{'))
    }
}

/// The compound serializers that write an array: each element goes through
/// [`Compound::element`]; `end` closes the array (and, for a tuple variant,
/// the object around it).
macro_rules! array_compound {
    ($($kind:ident::$method:ident, closes_variant: $variant:literal;)*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = serde_json::Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), serde_json::Error> {
                self.element(value)
            }

            fn end(self) -> Result<(), serde_json::Error> {
                self.close(b']', $variant);
                Ok(())
            }
        }
    )*};
}

array_compound! {
    SerializeSeq::serialize_element, closes_variant: false;
    SerializeTuple::serialize_element, closes_variant: false;
    SerializeTupleStruct::serialize_field, closes_variant: false;
    SerializeTupleVariant::serialize_field, closes_variant: true;
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), serde_json::Error> {
        self.comma();
        key.serialize(KeyWriter::new(self.writer.out()))
    }

    fn serialize_value<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }

    #[inline]
    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), serde_json::Error> {
        self.serialize_key(key)?;
        self.serialize_value(value)
    }

    fn end(self) -> Result<(), serde_json::Error> {
        self.close(b'}', false);
        Ok(())
    }
}

/// The compound serializers that write an object of named fields: each
/// field goes through [`Compound::entry`]; `end` closes the object (and, for
/// a struct variant, the object around it).
macro_rules! object_compound {
    ($($kind:ident, closes_variant: $variant:literal;)*) => {$(
        impl ser::$kind for Compound<'_> {
            type Ok = ();
            type Error = serde_json::Error;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), serde_json::Error> {
                self.entry(key, value)
            }

            fn end(self) -> Result<(), serde_json::Error> {
                self.close(b'}', $variant);
                Ok(())
            }
        }
    )*};
}

object_compound! {
    SerializeStruct, closes_variant: false;
    SerializeStructVariant, closes_variant: true;
}
