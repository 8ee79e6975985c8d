//! `@odata.type` values: the qualified type name with or without the `#`
//! that the service and the docs use interchangeably.
//!
//! The generated code keeps `@odata.type` exactly as received; these helpers
//! only compare and build values. They know nothing of a particular schema.

/// The name of the discriminator property.
pub const ODATA_TYPE: &str = "@odata.type";

/// The qualified type name an `@odata.type` value names, without the leading
/// `#`: `#microsoft.graph.call` and `microsoft.graph.call` both give
/// `microsoft.graph.call`.
pub fn type_name(odata_type: &str) -> &str {
    odata_type.strip_prefix('#').unwrap_or(odata_type)
}

/// The `@odata.type` value the service expects for a qualified type name:
/// `microsoft.graph.call` gives `#microsoft.graph.call`.
pub fn odata_type_for(qualified_name: &str) -> String {
    format!("#{}", type_name(qualified_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_optional_when_reading_and_added_when_building() {
        assert_eq!(type_name("#microsoft.graph.call"), "microsoft.graph.call");
        assert_eq!(type_name("microsoft.graph.call"), "microsoft.graph.call");
        assert_eq!(
            odata_type_for("microsoft.graph.call"),
            "#microsoft.graph.call"
        );
        assert_eq!(
            odata_type_for("#microsoft.graph.call"),
            "#microsoft.graph.call"
        );
    }
}
