//! What a record command reads of a record and what it adds, apart from how the record is
//! held: a parsed object (CSV input, CSV or table output), or a JSON line left as its text,
//! each top-level field a slice of the line, so that a JSON Lines to JSON Lines run copies
//! the fields it does not touch instead of parsing and re-writing them.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// The fields a command adds, each with its value as JSON text; one that is already in the
/// record replaces it.
pub type Added = Vec<(&'static str, Box<RawValue>)>;

/// A value as JSON text, for [`Added`].
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<Box<RawValue>, String> {
    serde_json::value::to_raw_value(value).map_err(|e| format!("cannot write as JSON: {e}"))
}

/// A record as a command reads it.
pub trait Fields {
    /// The text of the string field `field`.
    fn text(&self, field: &str) -> Result<Cow<'_, str>, String>;

    /// The number at `outer.inner` (`author.followers`), or at `inner` itself.
    fn number(&self, outer: &str, inner: &str) -> Option<f64>;
}

impl Fields for Map<String, Value> {
    fn text(&self, field: &str) -> Result<Cow<'_, str>, String> {
        match self.get(field) {
            Some(Value::String(text)) => Ok(Cow::Borrowed(text)),
            Some(other) => Err(format!("field {field:?} is {other}, not a string")),
            None => Err(format!("no {field:?} field")),
        }
    }

    fn number(&self, outer: &str, inner: &str) -> Option<f64> {
        self.get(outer)
            .and_then(|o| o.get(inner))
            .or_else(|| self.get(inner))
            .and_then(Value::as_f64)
    }
}

/// Puts the added fields into a parsed record.
pub fn apply(record: &mut Map<String, Value>, added: Added) -> Result<(), String> {
    for (name, raw) in added {
        let value = serde_json::from_str(raw.get()).map_err(|e| e.to_string())?;
        record.insert(name.to_owned(), value);
    }
    Ok(())
}

/// A JSON object read as its top-level fields, in order, each value left as its JSON text. A
/// name given twice keeps its first place and its last value, as a parsed object does.
pub struct LineFields<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'a> LineFields<'a> {
    /// The fields of `line`, or why it is not a JSON object.
    pub fn parse(line: &'a str) -> Result<LineFields<'a>, String> {
        serde_json::from_str(line).map_err(|e| match e.classify() {
            serde_json::error::Category::Data => "not a JSON object".to_owned(),
            _ => format!("not JSON: {e}"),
        })
    }

    fn get(&self, name: &str) -> Option<&'a RawValue> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| *v)
    }

    /// The record with `added` in place of any field of the same name, as one JSON line
    /// (without its newline) appended to `out`.
    pub fn write_with(&self, added: &Added, out: &mut Vec<u8>) -> Result<(), String> {
        out.push(b'{');
        let mut first = true;
        let kept = self
            .0
            .iter()
            .filter(|(k, _)| !added.iter().any(|(name, _)| name == k))
            .map(|(k, v)| (k.as_ref(), *v));
        let added = added.iter().map(|(k, v)| (*k, v.as_ref()));
        for (name, value) in kept.chain(added) {
            if !first {
                out.push(b',');
            }
            first = false;
            serde_json::to_writer(&mut *out, name).map_err(|e| e.to_string())?;
            out.push(b':');
            out.extend_from_slice(value.get().as_bytes());
        }
        out.push(b'}');
        Ok(())
    }
}

impl Fields for LineFields<'_> {
    fn text(&self, field: &str) -> Result<Cow<'_, str>, String> {
        let raw = self
            .get(field)
            .ok_or_else(|| format!("no {field:?} field"))?;
        serde_json::from_str::<Text<'_>>(raw.get())
            .map(|t| t.0)
            .map_err(|_| format!("field {field:?} is {}, not a string", raw.get()))
    }

    fn number(&self, outer: &str, inner: &str) -> Option<f64> {
        let nested = self
            .get(outer)
            .and_then(|o| LineFields::parse(o.get()).ok())
            .and_then(|o| o.get(inner));
        nested
            .or_else(|| self.get(inner))
            .and_then(|raw| serde_json::from_str::<f64>(raw.get()).ok())
    }
}

/// A JSON string, borrowed from the line when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_owned())))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

impl<'de> Deserialize<'de> for LineFields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = LineFields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<LineFields<'de>, M::Error> {
                let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(12));
                while let Some((key, value)) = map.next_entry::<Text<'de>, &'de RawValue>()? {
                    match fields.iter_mut().find(|(k, _)| *k == key.0) {
                        Some((_, earlier)) => *earlier = value,
                        None => fields.push((key.0, value)),
                    }
                }
                Ok(LineFields(fields))
            }
        }
        deserializer.deserialize_map(ObjectVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untouched_fields_are_copied_and_added_ones_replace() {
        let line = r#"{"id":"7","text":"caf\u00e9 \"ok\"","author":{"followers":12,"id":"u"},"sentiment":"old","x":[1, 2]}"#;
        let fields = LineFields::parse(line).expect("an object");
        assert_eq!(fields.text("text").expect("text"), "café \"ok\"");
        assert_eq!(fields.number("author", "followers"), Some(12.0));
        assert_eq!(fields.number("metrics", "shares"), None);
        assert!(fields.text("author").unwrap_err().contains("not a string"));
        assert!(
            fields
                .text("nope")
                .unwrap_err()
                .contains("no \"nope\" field")
        );
        let added: Added = vec![
            ("sentiment", json("new").expect("json")),
            ("score", json(&0.5).expect("json")),
        ];
        let mut out = Vec::new();
        fields.write_with(&added, &mut out).expect("written");
        let out = String::from_utf8(out).expect("UTF-8");
        assert_eq!(
            out,
            r#"{"id":"7","text":"caf\u00e9 \"ok\"","author":{"followers":12,"id":"u"},"x":[1, 2],"sentiment":"new","score":0.5}"#
        );
        // The same record through the parsed path says the same.
        let mut map: Map<String, Value> = serde_json::from_str(line).expect("JSON");
        apply(&mut map, added).expect("applied");
        assert_eq!(
            map,
            serde_json::from_str::<Map<String, Value>>(&out).expect("JSON")
        );
        assert_eq!(Fields::number(&map, "author", "followers"), Some(12.0));
    }

    #[test]
    fn a_name_given_twice_reads_and_writes_as_a_parsed_object_keeps_it() {
        let line = r#"{"id":"1","text":"first","n":1,"text":"last"}"#;
        let fields = LineFields::parse(line).expect("an object");
        assert_eq!(fields.text("text").expect("text"), "last");
        let mut out = Vec::new();
        fields
            .write_with(&vec![("n", json(&2).expect("json"))], &mut out)
            .expect("written");
        let out = String::from_utf8(out).expect("UTF-8");
        assert_eq!(out, r#"{"id":"1","text":"last","n":2}"#);
        let mut map: Map<String, Value> = serde_json::from_str(line).expect("JSON");
        apply(&mut map, vec![("n", json(&2).expect("json"))]).expect("applied");
        assert_eq!(serde_json::to_string(&map).expect("JSON"), out);
    }

    #[test]
    fn lines_that_are_not_objects_say_why() {
        assert_eq!(
            LineFields::parse("[1]").err().as_deref(),
            Some("not a JSON object")
        );
        assert_eq!(
            LineFields::parse("\"x\"").err().as_deref(),
            Some("not a JSON object")
        );
        assert!(
            LineFields::parse("{\"a\": ")
                .err()
                .expect("an error")
                .starts_with("not JSON")
        );
        assert!(
            LineFields::parse("nope")
                .err()
                .expect("an error")
                .starts_with("not JSON")
        );
    }
}
