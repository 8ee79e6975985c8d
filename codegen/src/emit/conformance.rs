//! The conformance support of a generated crate: every `Inspect` impl and
//! the type registry (`registry::TYPES`, `find`, `round_trip_value`,
//! `round_trip_str`). The conformance suite needs them to report how each
//! documented example was read; users do not. In the committed crate they
//! sit behind the crate's `conformance` feature, out of the default build
//! and the default docs; a build script's single file (whose crate has no
//! such feature) keeps them unconditionally. The same goes for the
//! envelope types of list answers (`{"value": [...]}`), which users read
//! as `callgen_client::Collection` and only the suite's examples use.

/// The registry items that exist for the conformance suite.
const REGISTRY_ITEMS: [&str; 4] = ["TYPES", "find", "round_trip_value", "round_trip_str"];

/// Puts the conformance items of `items` behind the `conformance` feature.
pub(super) fn gate(items: &mut [syn::Item]) {
    for item in items.iter_mut().filter(|item| is_conformance_item(item)) {
        gate_item(item);
    }
}

/// Puts every item of `items` behind the `conformance` feature (the items
/// of a type only the conformance suite reads).
pub(super) fn gate_all(items: &mut [syn::Item]) {
    for item in items.iter_mut() {
        gate_item(item);
    }
}

/// Adds `#[cfg(feature = "conformance")]` to `item` unless it is already
/// conditional (generated items carry no other `cfg`).
fn gate_item(item: &mut syn::Item) {
    if let Some(attrs) = attrs_mut(item) {
        if !attrs.iter().any(|a| a.path().is_ident("cfg")) {
            attrs.push(syn::parse_quote!(#[cfg(feature = "conformance")]));
        }
    }
}

/// The feature's entry in the generated `Cargo.toml`.
pub(super) fn cargo_feature() -> &'static str {
    "# The conformance suite's support: `Inspect` impls and the type registry\n\
     # (`registry::TYPES`, `round_trip_value`). Not needed to use the crate.\n\
     conformance = []\n"
}

fn is_conformance_item(item: &syn::Item) -> bool {
    match item {
        syn::Item::Impl(block) => block
            .trait_
            .as_ref()
            .is_some_and(|(path, _)| path.segments.last().is_some_and(|s| s.ident == "Inspect")),
        syn::Item::Static(item) => REGISTRY_ITEMS.iter().any(|name| item.ident == name),
        syn::Item::Fn(item) => REGISTRY_ITEMS.iter().any(|name| item.sig.ident == name),
        _ => false,
    }
}

fn attrs_mut(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match item {
        syn::Item::Impl(block) => Some(&mut block.attrs),
        syn::Item::Static(item) => Some(&mut item.attrs),
        syn::Item::Fn(item) => Some(&mut item.attrs),
        syn::Item::Struct(item) => Some(&mut item.attrs),
        syn::Item::Enum(item) => Some(&mut item.attrs),
        syn::Item::Const(item) => Some(&mut item.attrs),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn only_inspect_impls_and_the_type_registry_are_gated() {
        let mut file: syn::File = syn::parse2(quote! {
            impl ::callgen_runtime::Inspect for A { fn inspect(&self, _: &mut W) {} }
            impl ::serde::Serialize for A {}
            pub static TYPES: &[u8] = &[];
            pub static METHODS: &[u8] = &[];
            pub fn round_trip_value() {}
            pub fn find_method() {}
        })
        .unwrap();
        gate(&mut file.items);
        let gated: Vec<bool> = file
            .items
            .iter()
            .map(|item| quote!(#item).to_string().contains("conformance"))
            .collect();
        assert_eq!(gated, [true, false, true, false, true, false]);
    }
}
