//! Render: the decided [`api::Api`] -> the OpenAPI document.
//!
//! Takes what [`crate::extract::decide`] hands on: [`api`] holds the decided
//! model, and [`openapi`] writes it as the document, through the schema
//! contract ([`crate::contract`]) for every extension of the conventions.

pub(crate) mod api;
pub(crate) mod openapi;
