//! Rename detection: is a property that disappeared from a type the same
//! property as one that appeared in it?
//!
//! Three independent signals are weighed: the names (equal but for case;
//! one's camelCase words a run of the other's, as `resource` in
//! `resourceUrl`; or alike by edit distance), the schemas (identical; or
//! both enumerations sharing values), and the descriptions (identical or
//! sharing most words). A pair is reported as a rename only when the
//! evidence is clear: names equal but for case (high confidence); an
//! identical schema plus a name or a description signal (high with both,
//! one of them strong; medium otherwise); or two related enumerations whose
//! names overlap (medium). Everything else stays a removal plus an
//! addition. This module knows nothing of how the verdict is used.

use super::Sides;
use super::change::Confidence;
use super::schema::{Property, SchemaView, TypeExpr};
use heck::ToSnakeCase;
use std::collections::BTreeSet;

/// The verdict on one (removed, added) pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// How sure the detection is.
    pub confidence: Confidence,
    /// The signals found, in words.
    pub evidence: Vec<String>,
    /// Strength of the evidence, to prefer the best pairing.
    pub score: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    None,
    Weak,
    Strong,
}

/// Judges whether `old` (removed) and `new` (added) are one renamed property.
pub fn assess(sides: &Sides, old: &Property, new: &Property) -> Option<Verdict> {
    let mut evidence = Vec::new();
    let case_only = old.name.to_lowercase() == new.name.to_lowercase();
    let name = if case_only {
        evidence.push("names differ only in case".to_string());
        Strength::Strong
    } else {
        name_signal(&old.name, &new.name, &mut evidence)
    };
    let schema = schema_signal(sides, &old.ty, &new.ty, &mut evidence);
    let description = description_signal(&old.description, &new.description, &mut evidence);
    let confidence = decide(case_only, name, schema, description)?;
    let score =
        10 * u32::from(case_only) + weight(name) * 3 + weight(schema) * 2 + weight(description);
    Some(Verdict {
        confidence,
        evidence,
        score,
    })
}

fn decide(
    case_only: bool,
    name: Strength,
    schema: Strength,
    description: Strength,
) -> Option<Confidence> {
    if case_only {
        return Some(Confidence::High);
    }
    let both = name > Strength::None && description > Strength::None;
    let either_strong = name == Strength::Strong || description == Strength::Strong;
    match schema {
        Strength::Strong if both && either_strong => Some(Confidence::High),
        Strength::Strong if name > Strength::None || description > Strength::None => {
            Some(Confidence::Medium)
        }
        Strength::Weak if name == Strength::Strong => Some(Confidence::Medium),
        _ => None,
    }
}

fn weight(strength: Strength) -> u32 {
    match strength {
        Strength::None => 0,
        Strength::Weak => 1,
        Strength::Strong => 2,
    }
}

/// Strong when one name's words are a run of the other's; weak when the
/// names are alike by edit distance.
fn name_signal(old: &str, new: &str, evidence: &mut Vec<String>) -> Strength {
    let old_words = words(old);
    let new_words = words(new);
    if is_run_of(&old_words, &new_words) {
        evidence.push(format!("`{old}` is part of `{new}`"));
        return Strength::Strong;
    }
    if is_run_of(&new_words, &old_words) {
        evidence.push(format!("`{new}` is part of `{old}`"));
        return Strength::Strong;
    }
    let likeness = strsim::normalized_levenshtein(&old.to_lowercase(), &new.to_lowercase());
    if likeness >= 0.7 {
        evidence.push(format!("similar names ({:.0}% alike)", likeness * 100.0));
        return Strength::Weak;
    }
    Strength::None
}

fn words(name: &str) -> Vec<String> {
    name.to_snake_case()
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `part` appears as a contiguous run inside `whole`.
fn is_run_of(part: &[String], whole: &[String]) -> bool {
    !part.is_empty() && part.len() < whole.len() && whole.windows(part.len()).any(|w| w == part)
}

/// Strong for the same type; weak for two enumerations (or collections of
/// them) that share values.
fn schema_signal(
    sides: &Sides,
    old: &TypeExpr,
    new: &TypeExpr,
    evidence: &mut Vec<String>,
) -> Strength {
    if old.same_shape(new) {
        evidence.push(format!("same type {}", sides.new.describe(new)));
        return Strength::Strong;
    }
    let shared = shared_enum_values(sides, old, new);
    if shared.is_empty() {
        return Strength::None;
    }
    let listed: Vec<&str> = shared.iter().map(String::as_str).collect();
    evidence.push(format!("both enumerations, sharing {}", listed.join(", ")));
    Strength::Weak
}

fn shared_enum_values(sides: &Sides, old: &TypeExpr, new: &TypeExpr) -> BTreeSet<String> {
    let (old, new) = match (old, new) {
        (TypeExpr::Collection(a), TypeExpr::Collection(b)) => (a.as_ref(), b.as_ref()),
        pair => pair,
    };
    let old_values = enum_values(sides.old, old);
    let new_values = enum_values(sides.new, new);
    old_values.intersection(&new_values).cloned().collect()
}

fn enum_values(view: &SchemaView, ty: &TypeExpr) -> BTreeSet<String> {
    let TypeExpr::Named(name) = ty else {
        return BTreeSet::new();
    };
    view.enumeration(name)
        .map(|e| e.values.iter().cloned().collect())
        .unwrap_or_default()
}

/// Strong for identical descriptions, weak when at least half of the
/// words are shared.
fn description_signal(old: &str, new: &str, evidence: &mut Vec<String>) -> Strength {
    let old_words = description_words(old);
    let new_words = description_words(new);
    if old_words.is_empty() || new_words.is_empty() {
        return Strength::None;
    }
    if old_words == new_words {
        evidence.push("same description".to_string());
        return Strength::Strong;
    }
    let shared = old_words.intersection(&new_words).count();
    let all = old_words.union(&new_words).count();
    if shared * 2 >= all {
        evidence.push(format!(
            "similar descriptions ({shared} of {all} words shared)"
        ));
        return Strength::Weak;
    }
    Strength::None
}

fn description_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn property(name: &str, ty: &str, description: &str) -> Property {
        Property {
            name: name.to_string(),
            ty: TypeExpr::Primitive(ty.to_string()),
            nullable: false,
            read_only: false,
            required: false,
            description: description.to_string(),
        }
    }

    #[test]
    fn names_and_schemas_weigh_together() {
        let view = SchemaView::default();
        let sides = Sides {
            old: &view,
            new: &view,
        };
        let resource = property(
            "resource",
            "String",
            "URI of the resource that was changed.",
        );
        let resource_url = property(
            "resourceUrl",
            "String",
            "URI of the resource that was changed.",
        );
        let verdict = assess(&sides, &resource, &resource_url).unwrap();
        assert_eq!(verdict.confidence, Confidence::High);
        assert_eq!(
            verdict.evidence,
            [
                "`resource` is part of `resourceUrl`",
                "same type String",
                "same description"
            ]
        );

        let sub_code = property("subCode", "String", "The result sub-code.");
        let subcode = property("subcode", "Int32", "The result sub-code.");
        let verdict = assess(&sides, &sub_code, &subcode).unwrap();
        assert_eq!(verdict.confidence, Confidence::High);

        let unrelated = property("callChainId", "String", "A unique identifier.");
        assert_eq!(assess(&sides, &resource, &unrelated), None);
        let id = property("id", "String", "");
        let verdict = assess(&sides, &id, &property("tenantId", "String", "")).unwrap();
        assert_eq!(verdict.confidence, Confidence::Medium);
        assert_eq!(assess(&sides, &id, &property("region", "String", "")), None);
    }
}
