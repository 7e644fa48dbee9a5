//! The settings about streamed and paged responses, applied to the model: the event
//! streams' end marker (`stream_end`), and the `pagination(...)` rule for the list
//! operations of a document that does not say how they page.

use crate::model::{Api, Method, NextRule, ParamLocation, Response};
use crate::settings::Settings;

/// Applies `stream_end` and `pagination(...)` to `api`.
pub fn apply(api: &mut Api, settings: &Settings) {
    for op in &mut api.operations {
        for response in &mut op.responses {
            set_end(response, settings.stream_end.as_deref());
        }
        let Some(rule) = &settings.pagination else {
            continue;
        };
        if op.pagination.is_some() || op.method != Method::Get {
            continue;
        }
        let param = match &rule.next {
            NextRule::Cursor { param, .. }
            | NextRule::LastItem { param, .. }
            | NextRule::Offset { param, .. } => Some(param),
            NextRule::NextUrl { .. } | NextRule::LinkHeader => None,
        };
        let has_param = param.is_none_or(|param| {
            op.params
                .iter()
                .any(|p| p.location == ParamLocation::Query && p.wire_name == *param)
        });
        // The properties are checked where the code is generated: an operation whose
        // body lacks them is not paged.
        if has_param {
            op.pagination = Some(rule.clone());
        }
    }
}

fn set_end(response: &mut Response, end: Option<&str>) {
    let streams = response.stream.iter_mut().chain(
        response
            .alternatives
            .iter_mut()
            .filter_map(|alternative| alternative.stream.as_mut()),
    );
    for stream in streams {
        stream.end = end.map(str::to_owned);
    }
}
