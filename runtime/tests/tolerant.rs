//! Tolerant decoding driven by a small hand-written model shaped like
//! generated code: values that do not fit are kept as JSON in their own
//! object's bag and written back; strict decoding still fails with the path.

use callgen_runtime::de::{self, Key, MapModel};
use callgen_runtime::family::{self, Family, ModelSource};
use callgen_runtime::inspect::{self, Inspect, Walker};
use callgen_runtime::{Field, UnknownFields, ser};
use serde::ser::SerializeMap;
use serde_json::{Map, Value, json};
use std::borrow::Cow;

#[derive(Debug, Default, PartialEq)]
struct Info {
    odata_type: Option<Cow<'static, str>>,
    code: Field<i32>,
    tags: Field<Vec<String>>,
    unknown_fields: UnknownFields,
}

#[derive(Debug, Default, PartialEq)]
struct Outer {
    odata_type: Option<Cow<'static, str>>,
    info: Field<Info>,
    list: Field<Vec<Info>>,
    boxed: Field<Box<Info>>,
    shape: Field<AnyInfo>,
    unknown_fields: UnknownFields,
}

macro_rules! model {
    ($t:ty, $expecting:literal, $declared:literal, [$(($wire:literal, $field:ident, $next:ident)),*]) => {
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
                    $($wire => de::$next(map, &mut self.$field, $wire),)*
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
        impl Inspect for $t {
            fn inspect(&self, walker: &mut Walker) {
                $(walker.field($wire, &self.$field);)*
                walker.unknown_fields(&self.unknown_fields);
            }
        }
    };
}

model!(
    Info,
    "a test.info object",
    "#test.info",
    [("code", code, next_field), ("tags", tags, next_list)]
);
model!(
    Outer,
    "a test.outer object",
    "",
    [
        ("info", info, next_field),
        ("list", list, next_list),
        ("boxed", boxed, next_boxed),
        ("shape", shape, next_field)
    ]
);

/// A family with one member, enough for the base and dispatch paths.
#[derive(Debug, PartialEq)]
enum AnyInfo {
    Info(Info),
    Unrecognized(Map<String, Value>),
}

impl de::Expected for AnyInfo {
    const EXPECTED: &'static str = <Info as de::Expected>::EXPECTED;
}

impl<'de> Family<'de> for AnyInfo {
    type Base = Info;
    const BASE_TYPE: &'static str = "test.base";
    fn from_base(base: Info) -> Self {
        AnyInfo::Info(base)
    }
    fn dispatch<S: ModelSource<'de>>(source: S) -> Result<Self, S::Error> {
        match source.type_name() {
            "test.info" => source.read().map(AnyInfo::Info),
            _ => source.raw().map(AnyInfo::Unrecognized),
        }
    }
}

impl<'de> serde::Deserialize<'de> for AnyInfo {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        family::deserialize_family(d)
    }
}

impl serde::Serialize for AnyInfo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            AnyInfo::Info(info) => info.serialize(s),
            AnyInfo::Unrecognized(raw) => raw.serialize(s),
        }
    }
}

impl Inspect for AnyInfo {
    fn inspect(&self, walker: &mut Walker) {
        if let AnyInfo::Info(info) = self {
            info.inspect(walker);
        }
    }
}

fn tolerant(input: &Value) -> Outer {
    let text = input.to_string();
    let outer: Outer = de::from_slice_tolerant(text.as_bytes()).unwrap();
    assert_eq!(
        serde_json::to_value(&outer).unwrap(),
        *input,
        "written back"
    );
    outer
}

fn kept(bag: &UnknownFields) -> Vec<(&str, &Value, &str)> {
    bag.mismatches()
        .map(|(name, value, why)| (name, value, why.expected.as_str()))
        .collect()
}

#[test]
fn a_value_that_does_not_fit_is_kept_in_its_own_object() {
    let input = json!({"info": {"code": "0", "tags": ["a"], "extra": 1}, "boxed": {"code": 7}});
    let outer = tolerant(&input);
    let info = outer.info.get().unwrap();
    assert!(info.code.is_absent());
    assert_eq!(kept(&info.unknown_fields), [("code", &json!("0"), "i32")]);
    let why = info.unknown_fields.mismatch("code").unwrap();
    assert_eq!(why.reason, "invalid type: string \"0\", expected i32");
    assert_eq!(info.unknown_fields.len(), 2);
    assert_eq!(outer.boxed.get().unwrap().code, Field::Value(7));
    assert_eq!(kept(&outer.unknown_fields), []);
    let notes = inspect::mismatches(&outer);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].path, "$.info.code");
    assert_eq!(notes[0].what, "value does not fit i32, kept as JSON");
}

#[test]
fn mismatches_inside_array_elements_stay_in_their_element() {
    let input = json!({"list": [{"code": 1}, {"code": 2.5, "tags": ["x", 3]}, {"code": null}]});
    let outer = tolerant(&input);
    let list = outer.list.get().unwrap();
    assert_eq!(list[0].code, Field::Value(1));
    assert_eq!(list[2].code, Field::Null);
    let second = kept(&list[1].unknown_fields);
    assert_eq!(
        second,
        [
            ("code", &json!(2.5), "i32"),
            ("tags", &json!(["x", 3]), "a sequence")
        ]
    );
    let paths: Vec<_> = inspect::mismatches(&outer)
        .into_iter()
        .map(|n| n.path)
        .collect();
    assert_eq!(paths, ["$.list[1].code", "$.list[1].tags"]);
}

#[test]
fn wrong_kinds_of_json_are_kept_at_every_level() {
    let input = json!({
        "info": "not an object",
        "list": {"not": "a list"},
        "boxed": [1, 2],
        "shape": {"@odata.type": "#test.info", "code": {"a": 1}},
    });
    let outer = tolerant(&input);
    let mut names: Vec<_> = kept(&outer.unknown_fields)
        .into_iter()
        .map(|(name, _, expected)| (name, expected))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ("boxed", "a test.info object"),
            ("info", "a test.info object"),
            ("list", "a sequence")
        ]
    );
    let Some(AnyInfo::Info(info)) = outer.shape.get() else {
        panic!("{:?}", outer.shape)
    };
    assert_eq!(
        kept(&info.unknown_fields),
        [("code", &json!({"a": 1}), "i32")]
    );
}

#[test]
fn a_family_member_read_from_its_base_keeps_its_first_entry() {
    // The first entry is read into the base before `@odata.type` is seen,
    // then the base is converted: the kept value follows it.
    let input = json!({"shape": {"code": "x", "@odata.type": "#test.info", "tags": []}});
    let outer = tolerant(&input);
    let Some(AnyInfo::Info(info)) = outer.shape.get() else {
        panic!("{:?}", outer.shape)
    };
    assert_eq!(kept(&info.unknown_fields), [("code", &json!("x"), "i32")]);
    assert_eq!(kept(&outer.unknown_fields), []);
    let base = tolerant(&json!({"shape": {"code": true}}));
    let Some(AnyInfo::Info(info)) = base.shape.get() else {
        panic!("{:?}", base.shape)
    };
    assert_eq!(kept(&info.unknown_fields), [("code", &json!(true), "i32")]);
}

#[test]
fn strict_decoding_still_fails_with_the_value() {
    let text = r#"{"info": {"code": "0"}}"#;
    let error = serde_json::from_str::<Outer>(text).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid type: string \"0\", expected i32 at line 1 column 21"
    );
    assert!(!de::is_tolerant());
}

#[test]
fn a_property_given_twice_is_an_error_even_when_kept() {
    let text = r#"{"info": {"code": "0", "code": 1}}"#;
    let error = de::from_slice_tolerant::<Outer>(text.as_bytes()).unwrap_err();
    assert!(
        error
            .error()
            .to_string()
            .starts_with("duplicate field `code`"),
        "{error}"
    );
    assert_eq!(error.path(), "info.code");
    let text = r#"{"info": {"code": 1, "code": "0"}}"#;
    let error = de::from_slice_tolerant::<Outer>(text.as_bytes()).unwrap_err();
    assert!(
        error
            .error()
            .to_string()
            .starts_with("duplicate field `code`"),
        "{error}"
    );
    assert_eq!(error.path(), "info.code");
}

#[test]
fn the_mode_is_restored_after_a_panic() {
    struct Panics;
    impl<'de> serde::Deserialize<'de> for Panics {
        fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
            assert!(de::is_tolerant());
            panic!("inside the decode")
        }
    }
    let caught = std::panic::catch_unwind(|| de::from_slice_tolerant::<Panics>(b"{}"));
    assert!(caught.is_err());
    assert!(!de::is_tolerant());
    assert!(serde_json::from_str::<Outer>(r#"{"info": {"code": "0"}}"#).is_err());
}

#[test]
fn strict_decoding_names_the_path_of_the_value() {
    let text = r#"{"list": [{"code": 1}, {"tags": ["a", 2]}]}"#;
    let error = de::from_slice::<Outer>(text.as_bytes()).unwrap_err();
    assert_eq!(error.path(), "list[1].tags[1]");
    assert_eq!(
        error.message_without_position(),
        "invalid type: integer `2`, expected a string"
    );
    let error = de::from_slice::<Outer>(br#"{"boxed": {"code": 1}} x"#).unwrap_err();
    assert_eq!(error.path(), ".");
}

#[test]
fn a_forged_placeholder_is_an_unknown_property() {
    let input = json!({"info": {"\u{0}callgen:kept:0000000000000000:0": 1, "code": "x"}});
    let outer = tolerant(&input);
    let info = outer.info.get().unwrap();
    assert_eq!(kept(&info.unknown_fields), [("code", &json!("x"), "i32")]);
    assert_eq!(info.unknown_fields.len(), 2);
}

#[test]
fn many_misfits_are_all_kept() {
    let items: Vec<Value> = (0..200).map(|i| json!({"code": format!("{i}")})).collect();
    let input = json!({"list": items});
    let outer = tolerant(&input);
    let list = outer.list.get().unwrap();
    assert!(
        list.iter()
            .all(|info| info.unknown_fields.mismatch("code").is_some())
    );
}

#[test]
fn repairs_stop_at_their_budget() {
    let padding = "x".repeat(de::MAX_REREAD_BYTES / 4);
    let items: Vec<Value> = (0..20).map(|_| json!({"code": "no"})).collect();
    let text = json!({"list": items, "padding": padding}).to_string();
    let error = de::from_slice_tolerant::<Outer>(text.as_bytes()).unwrap_err();
    assert!(
        error
            .error()
            .to_string()
            .starts_with("more values that do not fit"),
        "{error}"
    );
    assert_eq!(error.path(), "list[8].code");
}

#[test]
fn a_kept_value_without_an_object_is_an_error() {
    // A bare `Field` read outside any generated object has no bag.
    struct Bare(Field<i32>);
    impl<'de> serde::Deserialize<'de> for Bare {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> serde::de::Visitor<'de> for V {
                type Value = Bare;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Bare, A::Error> {
                    let mut slot = Field::Absent;
                    while map.next_key::<String>()?.is_some() {
                        de::next_field(&mut map, &mut slot, "code")?;
                    }
                    Ok(Bare(slot))
                }
            }
            d.deserialize_map(V)
        }
    }
    let read = de::from_slice_tolerant::<Bare>(br#"{"code": 1}"#).unwrap();
    assert_eq!(read.0, Field::Value(1));
    let error = de::from_slice_tolerant::<Bare>(br#"{"code": "0"}"#).err();
    assert_eq!(
        error.map(|e| e.error().to_string()).as_deref(),
        Some("1 value(s) that did not fit their type had no object to keep them")
    );
}

#[test]
fn a_family_converted_before_a_later_misfit_keeps_both() {
    // In this order: the shape's base keeps `code` and is converted (its
    // kept value travels as a placeholder), then a later misfit needs
    // another repair and another read.
    let text = r##"{"shape": {"code": "x", "@odata.type": "#test.info"}, "info": {"code": "y"}}"##;
    let outer: Outer = de::from_slice_tolerant(text.as_bytes()).unwrap();
    let Some(AnyInfo::Info(shape)) = outer.shape.get() else {
        panic!("{:?}", outer.shape)
    };
    assert_eq!(kept(&shape.unknown_fields), [("code", &json!("x"), "i32")]);
    let info = outer.info.get().unwrap();
    assert_eq!(kept(&info.unknown_fields), [("code", &json!("y"), "i32")]);
}
