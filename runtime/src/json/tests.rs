use super::to_vec;
use serde_json::{Value, json};
use std::collections::BTreeMap;

fn same_as_serde_json<T: serde::Serialize + ?Sized>(value: &T) {
    let expected = serde_json::to_vec(value).expect("serde_json writes it");
    let written = to_vec(value).expect("the writer writes it");
    assert_eq!(
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&expected)
    );
}

#[test]
fn every_byte_escapes_as_serde_json_does() {
    for byte in 0..=0x7F_u8 {
        let text = char::from(byte).to_string();
        same_as_serde_json(&text);
        same_as_serde_json(&format!("abcdefgh{text}ijklmnopq{text}"));
    }
}

#[test]
fn strings_of_every_length_and_escape_position_match() {
    let base = "é0123456789abcdefghijklmnopqrstuvwxyz";
    for length in 0..base.len() {
        let Some(prefix) = base.get(..length) else {
            continue;
        };
        for escape in ["\"", "\\", "\n", "\u{1}", "\u{1f}", "€", " "] {
            same_as_serde_json(&format!("{prefix}{escape}{prefix}"));
        }
    }
}

#[test]
fn values_and_keys_match() {
    same_as_serde_json(&json!({
        "a\"b": [1, -2, 3.5, 1e300, null, true, false, "x\ty"],
        "": {"nested": {"deep": [[], {}]}},
        "ключ": 18446744073709551615_u64,
        "f": 0.1,
        "i": i64::MIN,
    }));
    let keys: BTreeMap<i32, f64> = [(1, 2.5), (-3, f64::NAN)].into_iter().collect();
    same_as_serde_json(&keys);
    let bool_keys: BTreeMap<bool, ()> = [(true, ())].into_iter().collect();
    same_as_serde_json(&bool_keys);
    same_as_serde_json(&Some('q'));
    same_as_serde_json(&(1_u8, "two", [3.0_f32]));
    let value: Value = serde_json::from_str(r#"{"x":[1,2,{"y":"z"}]}"#).expect("valid JSON");
    same_as_serde_json(&value);
}

#[test]
fn a_key_that_is_not_a_string_fails_as_in_serde_json() {
    let map: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
    assert!(serde_json::to_vec(&map).is_err());
    assert!(to_vec(&map).is_err());
}

/// A struct written through `ser::field`: its property names are copied
/// without the escape scan, its values escaped, as serde_json writes them
/// (which sees the names as plain strings).
#[test]
fn property_names_from_ser_field_match() {
    struct Shaped {
        name: crate::Field<String>,
        nothing: crate::Field<u8>,
        absent: crate::Field<u8>,
    }
    impl serde::Serialize for Shaped {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = s.serialize_map(None)?;
            crate::ser::odata_type(&mut map, &Some("#a.b".into()))?;
            crate::ser::field(&mut map, "displayName", &self.name)?;
            crate::ser::field(&mut map, "nothing", &self.nothing)?;
            crate::ser::field(&mut map, "absent", &self.absent)?;
            map.end()
        }
    }
    let shaped = Shaped {
        name: crate::Field::Value("a \"quoted\"\nname".to_owned()),
        nothing: crate::Field::Null,
        absent: crate::Field::Absent,
    };
    same_as_serde_json(&shaped);
    let written = to_vec(&shaped).expect("the writer writes it");
    assert_eq!(
        String::from_utf8_lossy(&written),
        r##"{"@odata.type":"#a.b","displayName":"a \"quoted\"\nname","nothing":null}"##
    );
    assert_eq!(
        serde_json::to_value(&shaped).expect("a value"),
        json!({"@odata.type": "#a.b", "displayName": "a \"quoted\"\nname", "nothing": null})
    );
}
