//! Where a schema appears in the document: its JSON pointer, and the
//! name, group and module an inline type written there gets.

use super::builder::pointer_segment;
use super::model::Group;
use super::naming::ModuleHint;

/// Where a schema appears, for naming inline types and reporting problems.
#[derive(Debug, Clone)]
pub(super) struct Site {
    /// JSON pointer of the schema.
    pub pointer: String,
    /// Registry name an inline type at this site gets.
    pub schema_name: String,
    /// Raw name an inline type at this site gets.
    pub name_hint: String,
    /// Where an inline type at this site is written.
    pub group: Group,
    /// The module an inline type at this site goes to.
    pub module: ModuleHint,
}

impl Site {
    /// The site of a property `name` of the object at this site.
    pub fn property(&self, name: &str) -> Site {
        Site {
            pointer: format!("{}/properties/{}", self.pointer, pointer_segment(name)),
            schema_name: format!("{}/{}", self.schema_name, name),
            name_hint: format!("{} {}", self.name_hint, name),
            group: self.group,
            module: self.module.clone(),
        }
    }

    pub(super) fn child(&self, segment: &str, suffix: &str) -> Site {
        Site {
            pointer: format!("{}/{}", self.pointer, segment),
            schema_name: self.schema_name.clone(),
            name_hint: format!("{} {}", self.name_hint, suffix),
            ..self.clone()
        }
    }
}
