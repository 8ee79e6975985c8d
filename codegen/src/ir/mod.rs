//! OpenAPI 3.1 document -> intermediate representation.
