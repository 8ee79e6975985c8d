//! Render: the decided [`api::Api`] -> output.
//!
//! Takes what [`crate::extract::decide`] hands on and holds the model the
//! OpenAPI writer (`extract/openapi.rs`) turns into the document.

pub(crate) mod api;
