//! Page model -> OpenAPI 3.1 document.
