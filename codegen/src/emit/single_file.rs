//! A crate's module files as one syntax tree: starting from `src/lib.rs`,
//! every `mod name;` becomes `mod name { ... }` with the items of the
//! module's file (whose `//!` docs become the inline module's), and every
//! `include!("file.rs");` the items of that file. The crate
//! root's own attributes (`#![doc = include_str!("../README.md")]`) are left
//! out, since `include!` takes items only. Works on the syntax trees the
//! emitters built; nothing is parsed from text.

use super::EmitError;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The crate root of `trees` (paths relative to the crate root) with every
/// file module inlined.
pub(super) fn inline(mut trees: BTreeMap<PathBuf, syn::File>) -> Result<syn::File, EmitError> {
    let root = Path::new("src/lib.rs");
    let mut file = take(&mut trees, root)?;
    file.attrs.clear();
    inline_modules(&mut trees, root, &mut file.items)?;
    Ok(file)
}

/// Replaces each `mod name;` of the file at `path` by its inline form,
/// recursively.
fn inline_modules(
    trees: &mut BTreeMap<PathBuf, syn::File>,
    path: &Path,
    items: &mut Vec<syn::Item>,
) -> Result<(), EmitError> {
    inline_includes(trees, path, items)?;
    let dir = child_module_dir(path);
    for item in items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        if module.content.is_some() {
            continue;
        }
        let name = syn::ext::IdentExt::unraw(&module.ident).to_string();
        let flat = dir.join(format!("{name}.rs"));
        let child = if trees.contains_key(&flat) {
            flat
        } else {
            dir.join(&name).join("mod.rs")
        };
        let mut inner = take(trees, &child)?;
        inline_modules(trees, &child, &mut inner.items)?;
        module.attrs.extend(inner.attrs);
        module.content = Some((syn::token::Brace::default(), inner.items));
        module.semi = None;
    }
    Ok(())
}

/// Replaces each `include!("file.rs");` of the file at `path` by the items
/// of that file (found beside it).
fn inline_includes(
    trees: &mut BTreeMap<PathBuf, syn::File>,
    path: &Path,
    items: &mut Vec<syn::Item>,
) -> Result<(), EmitError> {
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut inlined = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        match included_file(&item) {
            Some(name) => inlined.extend(take(trees, &dir.join(name))?.items),
            None => inlined.push(item),
        }
    }
    *items = inlined;
    Ok(())
}

/// The file an `include!("file.rs");` item names.
fn included_file(item: &syn::Item) -> Option<String> {
    let syn::Item::Macro(item) = item else {
        return None;
    };
    if !item.mac.path.is_ident("include") {
        return None;
    }
    let literal: syn::LitStr = item.mac.parse_body().ok()?;
    Some(literal.value())
}

/// The tree of the file at `path`, taken out of `trees`.
fn take(trees: &mut BTreeMap<PathBuf, syn::File>, path: &Path) -> Result<syn::File, EmitError> {
    trees.remove(path).ok_or_else(|| EmitError {
        path: path.to_path_buf(),
        message: "a `mod` declaration or `include!` names this file but it was not generated"
            .to_owned(),
    })
}

/// Where the `mod` declarations of the file at `path` find their files:
/// beside a `lib.rs` or `mod.rs`, else in the folder named after the file.
fn child_module_dir(path: &Path) -> PathBuf {
    let parent = path.parent().unwrap_or(Path::new(""));
    match path.file_stem().and_then(|s| s.to_str()) {
        Some("lib" | "main" | "mod") | None => parent.to_path_buf(),
        Some(stem) => parent.join(stem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trees(files: &[(&str, &str)]) -> BTreeMap<PathBuf, syn::File> {
        files
            .iter()
            .map(|(path, text)| (PathBuf::from(path), syn::parse_file(text).unwrap()))
            .collect()
    }

    #[test]
    fn nested_file_modules_are_inlined_and_the_root_attributes_dropped() {
        let file = inline(trees(&[
            (
                "src/lib.rs",
                "#![doc = include_str!(\"../README.md\")]\npub mod a;\n",
            ),
            ("src/a.rs", "//! Module a.\npub mod b;\npub struct A;\n"),
            ("src/a/b.rs", "pub struct B(pub crate::a::A);\n"),
            ("src/c/mod.rs", "pub struct Unused;\n"),
        ]))
        .unwrap();
        assert_eq!(
            prettyplease::unparse(&file),
            "pub mod a {\n    //! Module a.\n    pub mod b {\n        pub struct B(pub crate::a::A);\n    }\n    pub struct A;\n}\n"
        );
    }

    #[test]
    fn included_files_become_the_items_of_their_module() {
        let file = inline(trees(&[
            ("src/lib.rs", "pub mod models;\n"),
            (
                "src/models/mod.rs",
                "//! The models.\ninclude!(\"a.rs\");\ninclude!(\"b.rs\");\n",
            ),
            ("src/models/a.rs", "pub struct A;\n"),
            ("src/models/b.rs", "pub struct B(pub A);\n"),
        ]))
        .unwrap();
        assert_eq!(
            prettyplease::unparse(&file),
            "pub mod models {\n    //! The models.\n    pub struct A;\n    pub struct B(pub A);\n}\n"
        );
    }

    #[test]
    fn a_module_file_that_is_missing_is_named() {
        let Err(error) = inline(trees(&[("src/lib.rs", "mod models;\n")])) else {
            panic!("a missing module file must fail");
        };
        assert_eq!(error.path, Path::new("src/models/mod.rs"));
    }
}
