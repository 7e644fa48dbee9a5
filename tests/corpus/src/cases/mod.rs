//! One client per case in `../shared/cases/`, named after what the case is about.

pub mod graphql_request_body;
pub mod http_basic_security;
pub mod octet_stream_plain_string_schema;
pub mod status_code_ranges;
pub mod text_plain_response;
