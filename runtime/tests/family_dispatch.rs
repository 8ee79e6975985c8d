//! The runtime's visitors driven by a small hand-written model shaped like
//! generated code: a base `shape` with one derived `circle`.

use callgen_runtime::de::{self, Key, MapModel};
use callgen_runtime::family::{self, Family, ModelSource};
use callgen_runtime::{Field, UnknownFields, ser};
use serde::ser::SerializeMap;
use serde_json::{Map, Value, json};
use std::borrow::Cow;

#[derive(Debug, Default, PartialEq)]
struct Shape {
    odata_type: Option<Cow<'static, str>>,
    name: Field<String>,
    unknown_fields: UnknownFields,
}

#[derive(Debug, Default, PartialEq)]
struct Circle {
    odata_type: Option<Cow<'static, str>>,
    name: Field<String>,
    radius: Field<i64>,
    unknown_fields: UnknownFields,
}

macro_rules! model {
    ($t:ty, $expecting:literal, $declared:literal, [$(($wire:literal, $field:ident)),*]) => {
        impl de::Expected for $t {
            const EXPECTED: &'static str = $expecting;
        }

        impl<'de> MapModel<'de> for $t {
            const DECLARED_ODATA_TYPE: &'static str = $declared;
            fn odata_type(&self) -> Option<&str> {
                self.odata_type.as_deref()
            }
            fn set_odata_type(&mut self, odata_type: Cow<'static, str>) {
                self.odata_type = Some(odata_type);
            }
            fn visit_entry<A: serde::de::MapAccess<'de>>(&mut self, key: Key<'de>, map: &mut A) -> Result<(), A::Error> {
                match key.as_str() {
                    "@odata.type" => {
                        de::next_odata_type(map, &mut self.odata_type, Self::DECLARED_ODATA_TYPE)
                    }
                    $($wire => de::next_field(map, &mut self.$field, $wire),)*
                    _ => de::next_unknown(map, &mut self.unknown_fields, key),
                }
            }
        }
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                de::deserialize_struct(d)
            }
        }
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(None)?;
                ser::odata_type(&mut map, &self.odata_type)?;
                $(ser::field(&mut map, $wire, &self.$field)?;)*
                self.unknown_fields.serialize_entries(&mut map)?;
                map.end()
            }
        }
    };
}

model!(Shape, "a shape object", "#test.shape", [("name", name)]);
model!(
    Circle,
    "a circle object",
    "#test.circle",
    [("name", name), ("radius", radius)]
);

#[derive(Debug, PartialEq)]
enum AnyShape {
    Shape(Shape),
    Circle(Circle),
    Unrecognized(Map<String, Value>),
}

impl<'de> Family<'de> for AnyShape {
    type Base = Shape;
    const BASE_TYPE: &'static str = "test.shape";
    fn from_base(base: Shape) -> Self {
        AnyShape::Shape(base)
    }
    fn dispatch<S: ModelSource<'de>>(source: S) -> Result<Self, S::Error> {
        match source.type_name() {
            "test.shape" => source.read().map(AnyShape::Shape),
            "test.circle" => source.read().map(AnyShape::Circle),
            _ => source.raw().map(AnyShape::Unrecognized),
        }
    }
}

impl<'de> serde::Deserialize<'de> for AnyShape {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        family::deserialize_family(d)
    }
}

fn read(text: &str) -> AnyShape {
    serde_json::from_str(text).unwrap()
}

#[test]
fn first_key_discriminator_goes_straight_to_the_member() {
    let AnyShape::Circle(circle) =
        read(r##"{"@odata.type": "#test.circle", "radius": 2, "name": "c"}"##)
    else {
        panic!("not a circle");
    };
    assert_eq!(circle.radius, Field::Value(2));
    assert_eq!(circle.odata_type.as_deref(), Some("#test.circle"));
}

#[test]
fn late_discriminator_converts_the_base_losslessly() {
    let AnyShape::Circle(circle) =
        read(r#"{"name": null, "extra": [1], "@odata.type": "test.circle", "radius": 3}"#)
    else {
        panic!("not a circle");
    };
    assert!(circle.name.is_null());
    assert_eq!(circle.radius, Field::Value(3));
    assert_eq!(circle.unknown_fields.get("extra"), Some(&json!([1])));
    assert_eq!(circle.odata_type.as_deref(), Some("test.circle"));
}

#[test]
fn base_name_absent_name_and_unknown_name() {
    assert!(matches!(
        read(r##"{"@odata.type": "#test.shape"}"##),
        AnyShape::Shape(_)
    ));
    assert!(matches!(
        read(r#"{"name": "n", "@odata.type": "test.shape"}"#),
        AnyShape::Shape(_)
    ));
    assert_eq!(read("{}"), AnyShape::Shape(Shape::default()));
    let AnyShape::Unrecognized(raw) = read(r##"{"@odata.type": "#test.square", "side": 1}"##)
    else {
        panic!("not raw");
    };
    assert_eq!(
        Value::Object(raw),
        json!({"@odata.type": "#test.square", "side": 1})
    );
    let AnyShape::Unrecognized(raw) = read(r##"{"side": 1, "@odata.type": "#test.square"}"##)
    else {
        panic!("not raw");
    };
    assert_eq!(
        Value::Object(raw),
        json!({"@odata.type": "#test.square", "side": 1})
    );
}

#[test]
fn errors_for_duplicates_wrong_shapes_and_bad_discriminators() {
    let duplicate =
        serde_json::from_str::<AnyShape>(r##"{"@odata.type": "#test.square", "a": 1, "a": 2}"##);
    assert!(
        duplicate
            .unwrap_err()
            .to_string()
            .contains("duplicate field `a`")
    );
    let duplicate = serde_json::from_str::<Shape>(r#"{"x": 1, "x": 2}"#);
    assert!(
        duplicate
            .unwrap_err()
            .to_string()
            .contains("duplicate field `x`")
    );
    let not_object = serde_json::from_str::<AnyShape>("3");
    assert!(
        not_object
            .unwrap_err()
            .to_string()
            .contains("a shape object")
    );
    let bad_type = serde_json::from_str::<AnyShape>(r#"{"@odata.type": 5}"#);
    assert!(bad_type.is_err());
    let wrong_field =
        serde_json::from_str::<AnyShape>(r##"{"@odata.type": "#test.circle", "radius": "big"}"##);
    assert!(wrong_field.is_err());
}

#[test]
fn keys_with_escapes_are_still_matched() {
    let shape: Shape = serde_json::from_str(r#"{"n\u0061me": "escaped"}"#).unwrap();
    assert_eq!(shape.name.get().map(String::as_str), Some("escaped"));
}

#[test]
fn odata_type_is_kept_as_received_and_borrowed_only_when_declared() {
    for (text, expected, borrowed) in [
        (r##"{"@odata.type": "#test.circle"}"##, "#test.circle", true),
        (r#"{"@odata.type": "test.circle"}"#, "test.circle", true),
        (
            r#"{"@odata.type": "\u0023test.circle"}"#,
            "#test.circle",
            true,
        ),
        (
            r#"{"radius": 1, "@odata.type": "test.circle"}"#,
            "test.circle",
            true,
        ),
    ] {
        let AnyShape::Circle(circle) = read(text) else {
            panic!("not a circle: {text}");
        };
        assert_eq!(circle.odata_type.as_deref(), Some(expected), "{text}");
        let is_borrowed = matches!(circle.odata_type, Some(Cow::Borrowed(_)));
        assert_eq!(is_borrowed, borrowed, "{text}");
        let written = serde_json::to_value(&circle).unwrap();
        assert_eq!(written["@odata.type"], json!(expected));
    }
    let circle: Circle = serde_json::from_str(r##"{"@odata.type": "#test.Circle"}"##).unwrap();
    assert!(matches!(circle.odata_type, Some(Cow::Owned(ref t)) if t == "#test.Circle"));
}

/// A struct with a boxed struct property, read in place.
#[derive(Debug, Default, PartialEq)]
struct Holder {
    odata_type: Option<Cow<'static, str>>,
    inner: Field<Box<Circle>>,
    unknown_fields: UnknownFields,
}

impl de::Expected for Holder {
    const EXPECTED: &'static str = "a holder object";
}

impl<'de> MapModel<'de> for Holder {
    const DECLARED_ODATA_TYPE: &'static str = "";
    fn odata_type(&self) -> Option<&str> {
        self.odata_type.as_deref()
    }
    fn set_odata_type(&mut self, odata_type: Cow<'static, str>) {
        self.odata_type = Some(odata_type);
    }
    fn visit_entry<A: serde::de::MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match key.as_str() {
            "@odata.type" => {
                de::next_odata_type(map, &mut self.odata_type, Self::DECLARED_ODATA_TYPE)
            }
            "inner" => de::next_boxed(map, &mut self.inner, "inner"),
            _ => de::next_unknown(map, &mut self.unknown_fields, key),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Holder {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        de::deserialize_struct(d)
    }
}

#[test]
fn boxed_struct_properties_are_read_in_place_with_null_and_errors_kept() {
    let holder: Holder =
        serde_json::from_str(r##"{"inner": {"@odata.type": "#test.circle", "radius": 4}}"##)
            .unwrap();
    let inner = holder.inner.get().unwrap();
    assert_eq!(inner.radius, Field::Value(4));
    assert_eq!(inner.odata_type.as_deref(), Some("#test.circle"));
    let holder: Holder = serde_json::from_str(r#"{"inner": null}"#).unwrap();
    assert!(holder.inner.is_null());
    let holder: Holder = serde_json::from_str("{}").unwrap();
    assert!(holder.inner.is_absent());
    let from_value: Holder = serde_json::from_value(json!({"inner": {"radius": 1}})).unwrap();
    assert_eq!(
        from_value.inner.get().map(|c| &c.radius),
        Some(&Field::Value(1))
    );
    let wrong = serde_json::from_str::<Holder>(r#"{"inner": 3}"#).unwrap_err();
    assert!(wrong.to_string().contains("a circle object"), "{wrong}");
    let twice = serde_json::from_str::<Holder>(r#"{"inner": {}, "inner": null}"#).unwrap_err();
    assert!(
        twice.to_string().contains("duplicate field `inner`"),
        "{twice}"
    );
    let deep = serde_json::from_str::<Holder>(r#"{"inner": {"radius": "big"}}"#).unwrap_err();
    assert!(deep.to_string().contains("line 1"), "{deep}");
}
